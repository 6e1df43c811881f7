/** The timeline's keys, on the whole page (see keys.ts for the map and what keeps its keys). */
import { useEffect } from 'react';
import { useLabStore } from '../../store/react';
import { actionFor, keepsKey } from './keys';

export function useTimelineKeys(): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || keepsKey(e.target, e.key)) return;
      // A modal dialog owns the keyboard.
      if (document.querySelector('[aria-modal="true"]')) return;
      const a = actionFor(e);
      if (!a) return;
      e.preventDefault();
      const s = store.getState();
      if ('step' in a) {
        s.setPlaying(false);
        void s.step(a.step);
      } else if ('play' in a) s.setPlaying(!s.playing);
      else s.changeSpeed(a.speed);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
