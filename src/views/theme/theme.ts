/**
 * The lab's theme, light or dark: the reader's choice (kept in localStorage under
 * `hmm-lab.theme`), else the system's `prefers-color-scheme`, followed live until a choice is
 * made. It is set as `<html data-theme="…">`, which flips every Tailwind colour (src/index.css);
 * canvas and SVG painters read `themeColors(theme)` (colors.ts) and repaint on a change.
 *
 * App calls `applyTheme()` once (it returns the cleanup); views call `useTheme()`.
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'dark' | 'light';

export const THEME_KEY = 'hmm-lab.theme';

const listeners = new Set<() => void>();
let current: Theme | null = null;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The reader's saved choice, or null when there is none (or storage is refused). */
export function storedTheme(): Theme | null {
  try {
    const v = storage()?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function lightQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: light)')
    : null;
}

/** What the system asks for; dark where it says nothing (the lab's original look). */
export function systemTheme(): Theme {
  return lightQuery()?.matches ? 'light' : 'dark';
}

/** The theme in effect now. */
export function getTheme(): Theme {
  current ??= storedTheme() ?? systemTheme();
  return current;
}

function show(t: Theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = t;
  if (t === current) return;
  current = t;
  for (const l of listeners) l();
}

/**
 * Puts the theme on the document and follows the system preference (while no choice is saved)
 * and choices made in other tabs. Returns the cleanup.
 */
export function applyTheme(): () => void {
  show(storedTheme() ?? systemTheme());
  const media = lightQuery();
  const onSystem = (): void => {
    if (storedTheme() === null) show(systemTheme());
  };
  const onStorage = (e: StorageEvent): void => {
    if (e.key === THEME_KEY || e.key === null) show(storedTheme() ?? systemTheme());
  };
  media?.addEventListener('change', onSystem);
  window.addEventListener('storage', onStorage);
  return () => {
    media?.removeEventListener('change', onSystem);
    window.removeEventListener('storage', onStorage);
  };
}

/** Choose a theme: shown at once and remembered (when the browser allows storage). */
export function setTheme(t: Theme): void {
  try {
    storage()?.setItem(THEME_KEY, t);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
  show(t);
}

export function toggleTheme(): void {
  setTheme(getTheme() === 'dark' ? 'light' : 'dark');
}

/** Calls `l` whenever the theme changes; returns the unsubscribe. */
export function subscribeTheme(l: () => void): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** The theme in effect, re-rendering on a change. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribeTheme, getTheme, () => 'dark');
}
