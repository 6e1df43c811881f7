/**
 * The page-wide keys beyond the timeline's: help, presenter mode, fullscreen, predict (see
 * help/shortcuts.ts). Like the timeline keys they stand down in the editor, in fields and while
 * a dialog is open.
 */
import { useEffect, useRef } from 'react';
import { APP_KEYS } from '../help/shortcuts';
import { keepsKey } from '../timeline/keys';

export interface AppKeyHandlers {
  help?: () => void;
  present?: () => void;
  fullscreen?: () => void;
  predict?: () => void;
  textSmaller?: () => void;
  textLarger?: () => void;
}

export function useAppKeys(handlers: AppKeyHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (keepsKey(e.target, e.key) || document.querySelector('[aria-modal="true"]')) return;
      const k = e.key.toLowerCase();
      const h = ref.current;
      const act =
        e.key === APP_KEYS.help
          ? h.help
          : k === APP_KEYS.present
            ? h.present
            : k === APP_KEYS.fullscreen
              ? h.fullscreen
              : k === APP_KEYS.predict
                ? h.predict
                : e.key === APP_KEYS.textSmaller
                  ? h.textSmaller
                  : e.key === APP_KEYS.textLarger
                    ? h.textLarger
                    : undefined;
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Fullscreen on / off for the whole page (a no-op where the browser refuses it). */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}
