/** A CSS media query as React state (the phone layout switches on it). */
import { useSyncExternalStore } from 'react';
import type { ViewId } from './mode';

/** Below this width the lab is a read-only player, one view under another. */
export const PHONE_QUERY = '(max-width: 639px)';
export const PHONE_VIEWS: readonly ViewId[] = [
  'address-space',
  'page-tables',
  'memory',
  'inspector',
  'time-view',
];

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', onChange);
      return () => m.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}
