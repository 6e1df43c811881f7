/**
 * The autosaved draft: the scenario text and where the user was, kept in localStorage so a
 * reload (or a crash of the tab) finds the work again. A link never overwrites it without
 * keeping the previous draft (see startup.ts).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Position } from '../worker/protocol';
import type { LabState, RangeSelection } from './types';

export const DRAFT_KEY = 'hmm-lab.draft';
export const PREVIOUS_DRAFT_KEY = 'hmm-lab.draft.previous';
const SAVE_PAUSE_MS = 250;

export interface Draft {
  v: 1;
  /** The text as the user left it (it may have errors). */
  text: string;
  /** The last text that ran (equal to `text` unless it was left with errors). */
  ranText: string;
  at: Position | null;
  selection: RangeSelection | null;
  watched: number | null;
}

/** Storage that may be missing or refuse (private mode, quota): every access is guarded. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isInt = (x: unknown, min: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= min;

function isPosition(x: unknown): x is Position {
  const p = x as Position | null;
  return typeof p === 'object' && p !== null && isInt(p.op, -1) && isInt(p.step, -1);
}

function isSelection(x: unknown): x is RangeSelection {
  const s = x as RangeSelection | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.proc === 'string' &&
    typeof s.buf === 'string' &&
    isInt(s.first, 0) &&
    isInt(s.count, 1)
  );
}

/** The draft under `key`, or null when there is none or it is not one (never throws). */
export function readDraft(storage: DraftStorage | null, key = DRAFT_KEY): Draft | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<Draft>;
    if (d.v !== 1 || typeof d.text !== 'string' || typeof d.ranText !== 'string') return null;
    return {
      v: 1,
      text: d.text,
      ranText: d.ranText,
      at: isPosition(d.at) ? d.at : null,
      selection: isSelection(d.selection) ? d.selection : null,
      watched: isInt(d.watched, 0) ? d.watched : null,
    };
  } catch {
    return null;
  }
}

/** Save; false when the storage refused (full, disabled). */
export function writeDraft(storage: DraftStorage | null, d: Draft, key = DRAFT_KEY): boolean {
  try {
    storage?.setItem(key, JSON.stringify(d));
    return storage !== null;
  } catch {
    return false;
  }
}

export function draftOf(s: LabState, ranText: string): Draft {
  return {
    v: 1,
    text: s.text,
    ranText,
    at: s.position,
    selection: s.selection,
    watched: s.watched,
  };
}

/**
 * Save the draft whenever the text, the step or the selection change (after a short pause,
 * and at once when the page is hidden). Returns a stop function.
 */
export function autosave(
  store: StoreApi<LabState>,
  storage: DraftStorage | null,
  initialRanText: string,
  onRefused: () => void = () => {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The last text that parsed and ran: what a reload runs when the text has errors.
  let ranText = initialRanText;
  const save = (): void => {
    timer = null;
    const s = store.getState();
    if (s.status === 'starting') return;
    if (s.textErrors.length === 0 && !s.textPending) ranText = s.text;
    if (!writeDraft(storage, draftOf(s, ranText))) onRefused();
  };
  const unsub = store.subscribe((s, prev) => {
    if (
      s.text === prev.text &&
      s.position === prev.position &&
      s.selection === prev.selection &&
      s.watched === prev.watched &&
      s.textErrors === prev.textErrors
    )
      return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_PAUSE_MS);
  });
  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
  const onHide = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onHide);
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
  return () => {
    unsub();
    flush();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onHide);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', flush);
  };
}
