import { describe, expect, it } from 'vitest';
import { DRAFT_KEY, readDraft, writeDraft, type Draft, type DraftStorage } from './draft';

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
