/**
 * The lab's theme, light or dark: the reader's choice (kept in localStorage under
 * `hmm-lab.theme`), else the system's `prefers-color-scheme`, followed live until a choice is
 * made. It is set as `<html data-theme="…">`, which flips every Tailwind colour (src/index.css);
 * canvas and SVG painters read `themeColors(theme)` (colors.ts) and repaint on a change.
 *
 * App calls `applyTheme()` once (it returns the cleanup); views call `useTheme()`.
 */
import { useSyncExternalStore } from 'react';

/** 'contrast' is the presenter's: pure black and white, whatever was chosen (never stored). */
export type Theme = 'dark' | 'light' | 'contrast';

export const THEME_KEY = 'hmm-lab.theme';

const listeners = new Set<() => void>();
let current: Theme | null = null;
/** A theme a mode imposes (forceTheme), over the reader's choice and the system's. */
let forced: Theme | null = null;

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
  current ??= forced ?? storedTheme() ?? systemTheme();
  return current;
}

/** The reader's theme: their choice, else the system's (what shows when nothing is forced). */
function chosenTheme(): Theme {
  return storedTheme() ?? systemTheme();
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
  show(forced ?? chosenTheme());
  const media = lightQuery();
  const onSystem = (): void => {
    if (storedTheme() === null && forced === null) show(systemTheme());
  };
  const onStorage = (e: StorageEvent): void => {
    if ((e.key === THEME_KEY || e.key === null) && forced === null) show(chosenTheme());
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
  if (forced === null) show(t);
}

export function toggleTheme(): void {
  setTheme(getTheme() === 'light' ? 'dark' : 'light');
}

/**
 * Show `t` until the returned function is called (the presenter's high contrast), then the
 * reader's theme again. The reader's choice is neither read nor changed meanwhile.
 */
export function forceTheme(t: Theme): () => void {
  forced = t;
  show(t);
  return () => {
    if (forced !== t) return;
    forced = null;
    show(chosenTheme());
  };
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
