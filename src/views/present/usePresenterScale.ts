/**
 * The presenter's view scale: a root font size from the window's size and the lecturer's text
 * size, set on <html> while the presenter is shown (every rem in the page follows, the title
 * bar and dialogs included) and given back on leaving.
 */
import { useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import { presenterRem, type ViewScale } from '../scale/viewScale';

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};
const windowSize = (): string => `${window.innerWidth}x${window.innerHeight}`;

export function usePresenterScale(text: number): ViewScale {
  const size = useSyncExternalStore(subscribe, windowSize);
  const [w, h] = size.split('x').map(Number);
  const rem = presenterRem(w ?? 1280, h ?? 720, text);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = `${rem}px`;
    return () => {
      root.style.fontSize = before;
    };
  }, [rem]);
  return useMemo(() => ({ rem, fit: true }), [rem]);
}
