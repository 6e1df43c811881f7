/**
 * The autosaved draft: the scenario text and where the user was, kept in localStorage so a
 * reload (or a crash of the tab) finds the work again. A link never overwrites it without
 * keeping the previous draft (see startup.ts).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Position } from '../timeline/position';
import type { DraftAction, LabState } from './types';
import type { RangeSelection } from '../timeline/selection';

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

/** A browser's refusal, by name: a full quota, or storage that is disabled. */
function refusal(e: unknown): 'quota' | 'disabled' {
  const name = (e as { name?: unknown } | null)?.name;
  const code = (e as { code?: unknown } | null)?.code;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22
    ? 'quota'
    : 'disabled';
}

/** Save, saying why not: 'quota' (storage full), 'disabled' (no storage, or it refused). */
export function saveDraft(
  storage: DraftStorage | null,
  d: Draft,
  key = DRAFT_KEY,
): 'saved' | 'quota' | 'disabled' {
  if (!storage) return 'disabled';
  try {
    storage.setItem(key, JSON.stringify(d));
    return 'saved';
  } catch (e) {
    return refusal(e);
  }
}

/** The draft in a raw stored value (a `storage` event's newValue), or null. */
export function parseDraft(raw: string | null): Draft | null {
  return readDraft({ getItem: () => raw, setItem: () => {}, removeItem: () => {} });
}

export const QUOTA_MESSAGE =
  'Your draft could not be saved: browser storage is full. Your work is still here in this tab; download it with Save (.hmm) to keep it, or free some space and it is saved again with your next change.';
export const DISABLED_MESSAGE =
  'Your draft could not be saved: this browser refuses to store it (storage disabled). Your work is still here in this tab; download it with Save (.hmm) to keep it.';
export const CONFLICT_MESSAGE =
  'This scenario was also edited in another tab; the last save wins, so your next change here replaces theirs. Load theirs, or keep yours (saved now).';

export interface AutosaveOptions {
  /** Told whenever a save is refused (after the notice is set). */
  onRefused?: () => void;
  /** Load another tab's draft here ("load theirs"); without it that action is not offered. */
  loadDraft?: (d: Draft) => void;
  /** Where `storage` events arrive (default: window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/**
 * Save the draft whenever the text, the step or the selection change (after a short pause,
 * and at once when the page is hidden). Returns a stop function.
 *
 * A refused save (full quota, disabled storage) sets a persistent notice (the work stays in
 * memory) until a later save succeeds. Another tab saving a different draft sets a notice too:
 * the last writer wins in storage, and this tab's text is never replaced without the user's
 * word ("load theirs" / "keep mine").
 */
export function autosave(
  store: StoreApi<LabState>,
  storage: DraftStorage | null,
  initialRanText: string,
  options: AutosaveOptions = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The last text that parsed and ran: what a reload runs when the text has errors.
  let ranText = initialRanText;
  const notice = (): LabState['draftNotice'] => store.getState().draftNotice;
  const save = (): void => {
    timer = null;
    const s = store.getState();
    if (s.status === 'starting') return;
    if (s.textErrors.length === 0 && !s.textPending) ranText = s.text;
    const r = saveDraft(storage, draftOf(s, ranText));
    if (r === 'saved') {
      if (notice()?.kind === 'quota') s.setDraftNotice(null);
      return;
    }
    s.setDraftNotice({
      kind: 'quota',
      message: r === 'quota' ? QUOTA_MESSAGE : DISABLED_MESSAGE,
      actions: [],
    });
    options.onRefused?.();
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
  /** Another tab wrote the draft. */
  const onStorage = (ev: Event): void => {
    const { key, newValue } = ev as StorageEvent;
    if (key !== DRAFT_KEY) return;
    const theirs = parseDraft(newValue);
    const s = store.getState();
    if (!theirs || theirs.text === s.text) {
      if (notice()?.kind === 'conflict') s.setDraftNotice(null);
      return;
    }
    const actions: DraftAction[] = [];
    const load = options.loadDraft;
    if (load)
      actions.push({
        label: 'load theirs',
        testId: 'draft-load-theirs',
        run: () => {
          store.getState().setDraftNotice(null);
          load(theirs);
        },
      });
    actions.push({
      label: 'keep mine',
      testId: 'draft-keep-mine',
      run: () => {
        store.getState().setDraftNotice(null);
        if (timer) clearTimeout(timer);
        save(); // this tab becomes the last writer
      },
    });
    s.setDraftNotice({ kind: 'conflict', message: CONFLICT_MESSAGE, actions });
  };
  const events =
    options.events === undefined ? (typeof window !== 'undefined' ? window : null) : options.events;
  events?.addEventListener('storage', onStorage);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onHide);
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
  return () => {
    unsub();
    flush();
    events?.removeEventListener('storage', onStorage);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onHide);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', flush);
  };
}
