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
const windowWidth = (): number => window.innerWidth;
const windowHeight = (): number => window.innerHeight;

export function usePresenterScale(text: number): ViewScale {
  const w = useSyncExternalStore(subscribe, windowWidth);
  const h = useSyncExternalStore(subscribe, windowHeight);
  const rem = presenterRem(w, h, text);
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
