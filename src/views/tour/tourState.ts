/**
 * The first-visit tour's memory: it is offered once, on a first visit (nothing stored, no link,
 * the plain lab), and never again once dismissed (TOUR_KEY holds that); the help dialog
 * reopens it on demand (openTour).
 */
import type { LabMode } from '../modes/mode';

export interface TourStep {
  target: string;
  title: string;
  text: string;
}

/** The tour's steps: the part of the lab each names (its test id), a title and a sentence or two. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    target: 'timeline',
    title: 'The timeline',
    text: 'Every operation of the scenario and its micro-steps, one kernel function at a time. Step with → and ←, play with Space, or open a preset to start from a lecture flow.',
  },
  {
    target: 'page-tables',
    title: 'Page tables',
    text: "The CPU's page-table entries of the selected pages (present, migration, device-private...) and each device mirror's entries, raw bits decoded.",
  },
  {
    target: 'memory',
    title: 'Physical memory',
    text: "System RAM and each device's memory, a square per frame: watch frames get allocated, locked, pinned and freed. Click one to inspect it.",
  },
  {
    target: 'inspector',
    title: 'struct page',
    text: 'The frame under the lens: refcount, mapcount, pins, flags, and its refcount history. The refcount transition is how device pages are freed.',
  },
  {
    target: 'narration',
    title: 'Narration',
    text: 'What the current micro-step does, in a sentence, and the kernel function doing it. Hover or focus any underlined kernel word, here or in the views, to see what it means and its source.',
  },
  {
    target: 'present',
    title: 'Presenter mode',
    text: 'For a lecture: large type, the views you choose, the narration as a caption (key P).',
  },
];

export const TOUR_KEY = 'hmm-lab.tour';
/** The window event that reopens the tour (the help dialog sends it). */
export const TOUR_EVENT = 'hmmlab:tour';

interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Whether to offer the tour: the plain lab (not presenter, embed or predict), opened without a
 * link, with nothing of the lab stored yet (no draft, no dismissed tour).
 */
export function shouldOfferTour(
  storage: KeyStore | null,
  mode: LabMode,
  hasLink: boolean,
  storedKeys: readonly string[],
): boolean {
  if (!storage || hasLink || mode.kind !== 'lab' || mode.predict) return false;
  return [TOUR_KEY, ...storedKeys].every((k) => storage.getItem(k) === null);
}

/** localStorage, or null where the browser refuses it. */
export function tourStorage(): KeyStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function markTourSeen(storage: KeyStore | null = tourStorage()): void {
  try {
    storage?.setItem(TOUR_KEY, 'seen');
  } catch {
    // storage full or refused: the tour may come back, nothing worse
  }
}

export function openTour(): void {
  window.dispatchEvent(new Event(TOUR_EVENT));
}
