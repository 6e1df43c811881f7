import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORYBOARD } from '../scenario/examples';
import { directConnection } from '../worker/testFixtures';
import {
  autosave,
  CONFLICT_MESSAGE,
  DRAFT_KEY,
  parseDraft,
  QUOTA_MESSAGE,
  readDraft,
  saveDraft,
  writeDraft,
  type Draft,
  type DraftStorage,
} from './draft';
import { createLabStore } from './labStore';
import type { LabState } from './types';
import type { StoreApi } from 'zustand/vanilla';

function memory(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const draft: Draft = {
  v: 1,
  text: 'kernel modern\n',
  ranText: 'kernel modern\n',
  at: { op: 2, step: 1 },
  selection: { proc: 'app', buf: 'b', first: 0, count: 2 },
  watched: 3,
};

describe('the autosaved draft', () => {
  it('round-trips', () => {
    const s = memory();
    expect(writeDraft(s, draft)).toBe(true);
    expect(readDraft(s)).toEqual(draft);
  });

  it('reads nothing from garbage, and drops malformed fields instead of failing', () => {
    const s = memory();
    for (const raw of ['', 'not json', '[]', 'null', '{"v":2,"text":"","ranText":""}', '{"v":1}']) {
      s.data.set(DRAFT_KEY, raw);
      expect(readDraft(s)).toBeNull();
    }
    s.data.set(
      DRAFT_KEY,
      JSON.stringify({ ...draft, at: { op: 'x' }, selection: { proc: 1 }, watched: -4 }),
    );
    expect(readDraft(s)).toEqual({ ...draft, at: null, selection: null, watched: null });
  });

  it('survives a storage that throws (private mode, quota)', () => {
    const hostile: DraftStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(readDraft(hostile)).toBeNull();
    expect(writeDraft(hostile, draft)).toBe(false);
    expect(readDraft(null)).toBeNull();
    expect(writeDraft(null, draft)).toBe(false);
  });
});

function ready(store: StoreApi<LabState>): Promise<void> {
  return vi.waitFor(() => expect(store.getState().status).toBe('ready'));
}

/** A storage whose setItem throws what a full browser storage throws, while `full`. */
function fullable() {
  const m = memory();
  let full = true;
  const storage: DraftStorage = {
    ...m,
    setItem: (k, v) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      m.setItem(k, v);
    },
  };
  return { data: m.data, storage, free: () => (full = false) };
}

describe('autosave under a full storage and a second tab', () => {
  let stops: (() => void)[] = [];
  afterEach(() => {
    stops.forEach((f) => f());
    stops = [];
    vi.useRealTimers();
  });

  it('saveDraft says why a save was refused', () => {
    expect(saveDraft(fullable().storage, draft)).toBe('quota');
    const disabled: DraftStorage = {
      ...memory(),
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(saveDraft(disabled, draft)).toBe('disabled');
    expect(saveDraft(null, draft)).toBe('disabled');
    expect(saveDraft(memory(), draft)).toBe('saved');
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft);
    expect(parseDraft(null)).toBeNull();
  });

  it('a full storage: a persistent notice, the work stays in memory, and the next save clears it', async () => {
    const store = createLabStore(directConnection(), { text: STORYBOARD });
    await ready(store);
    const st = fullable();
    const refused = vi.fn();
    stops.push(autosave(store, st.storage, STORYBOARD, { onRefused: refused, events: null }));
    const edited = `${STORYBOARD}app read buf\n`;
    store.getState().setText(edited);
    await vi.waitFor(() => expect(store.getState().draftNotice?.kind).toBe('quota'));
    expect(store.getState().draftNotice?.message).toBe(QUOTA_MESSAGE);
    expect(refused).toHaveBeenCalled();
    expect(store.getState().text).toBe(edited);
    expect(st.data.has(DRAFT_KEY)).toBe(false);
    // Another banner does not hide it: it is its own slot.
    store.getState().showError({ kind: 'notice', message: 'something else' });
    expect(store.getState().draftNotice?.kind).toBe('quota');
    // Space again: the next change saves, and the notice goes.
    st.free();
    store.getState().setText(`${edited}app read buf\n`);
    await vi.waitFor(() => expect(store.getState().draftNotice).toBeNull());
    expect(readDraft(st.storage)?.text).toBe(`${edited}app read buf\n`);
  });

  it("another tab's different draft: a notice, never a silent replace; keep mine writes mine, load theirs loads theirs", async () => {
    const store = createLabStore(directConnection(), { text: STORYBOARD });
    await ready(store);
    const storage = memory();
    const events = new EventTarget();
    const loaded: Draft[] = [];
    stops.push(autosave(store, storage, STORYBOARD, { events, loadDraft: (d) => loaded.push(d) }));
    const theirs: Draft = { ...draft, text: `${STORYBOARD}app read buf\n`, ranText: STORYBOARD };
    const fire = (key: string, d: Draft | null) => {
      const raw = d ? JSON.stringify(d) : null;
      if (raw) storage.data.set(key, raw);
      events.dispatchEvent(Object.assign(new Event('storage'), { key, newValue: raw }));
    };
    // Other keys and the same text: nothing to say.
    fire('hmm-lab.draft.previous', theirs);
    fire(DRAFT_KEY, { ...theirs, text: STORYBOARD });
    expect(store.getState().draftNotice).toBeNull();
    fire(DRAFT_KEY, theirs);
    const n = store.getState().draftNotice;
    expect(n?.kind).toBe('conflict');
    expect(n?.message).toBe(CONFLICT_MESSAGE);
    expect(store.getState().text).toBe(STORYBOARD); // untouched
    expect(n?.actions.map((a) => a.testId)).toEqual(['draft-load-theirs', 'draft-keep-mine']);
    // Keep mine: this tab's draft is written now (the last writer wins).
    n?.actions[1]?.run();
    expect(store.getState().draftNotice).toBeNull();
    expect(readDraft(storage)?.text).toBe(STORYBOARD);
    // Again, and load theirs.
    fire(DRAFT_KEY, theirs);
    store.getState().draftNotice?.actions[0]?.run();
    expect(loaded).toEqual([theirs]);
    expect(store.getState().draftNotice).toBeNull();
  });
});
