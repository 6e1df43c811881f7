import { describe, expect, it } from 'vitest';
import { encodeLink } from '../share/link';
import {
  DRAFT_KEY,
  PREVIOUS_DRAFT_KEY,
  readDraft,
  writeDraft,
  type Draft,
  type DraftStorage,
} from './draft';
import { initialLab, linkFragment } from './startup';

function memory(): DraftStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const DEFAULT = 'kernel modern\nplatform pcie4\nram 8\n';
const LINKED =
  'title "linked"\nkernel modern\nplatform pcie4\nram 8\nprocess app\n\napp mmap b 1\n';
const draft: Draft = {
  v: 1,
  text: 'kernel seeds\nplatform pcie4\nram 8\n# mine\n',
  ranText: 'kernel seeds\nplatform pcie4\nram 8\n# mine\n',
  at: null,
  selection: null,
  watched: null,
};
const none = (): void => {};

describe('what the lab opens with', () => {
  it('the default machine, then the draft once there is one', () => {
    const s = memory();
    expect(initialLab('', s, DEFAULT, none)).toEqual({ text: DEFAULT });
    writeDraft(s, draft);
    expect(initialLab('#', s, DEFAULT, none)).toMatchObject({
      text: draft.text,
      ranText: draft.ranText,
    });
  });

  it('a good link opens its scenario and keeps the draft it replaces', () => {
    const s = memory();
    writeDraft(s, draft);
    const at = { op: 0, step: 0 };
    const hash = `#${encodeLink({ text: LINKED, at, selection: null, watched: 5 })}`;
    const restored: Draft[] = [];
    const lab = initialLab(hash, s, DEFAULT, (d) => restored.push(d));
    expect(lab).toMatchObject({ text: LINKED, at, watched: 5 });
    expect(lab.banner?.kind).toBe('notice');
    expect(readDraft(s, PREVIOUS_DRAFT_KEY)).toEqual(draft);
    expect(readDraft(s, DRAFT_KEY)).toEqual(draft); // untouched until the user works on
    lab.banner?.action?.run();
    expect(restored).toEqual([draft]);
  });

  it('a bad link opens the draft as it was, with a banner saying what is wrong', () => {
    const s = memory();
    writeDraft(s, draft);
    const good = encodeLink({ text: LINKED, at: null, selection: null, watched: null });
    for (const bad of [good.slice(0, 12), `${good}x`, 'hmm9.AAAA', 'junk', '%E0%A4%A']) {
      const lab = initialLab(`#${bad}`, s, DEFAULT, none);
      expect(lab.text).toBe(draft.text);
      expect(lab.banner?.kind).toBe('link');
      expect(lab.banner?.message).toMatch(
        /^This link could not be opened: .+ Your own scenario is untouched\.$/,
      );
      expect(readDraft(s)).toEqual(draft);
      expect(readDraft(s, PREVIOUS_DRAFT_KEY)).toBeNull();
    }
  });

  it('reads the fragment of a hash', () => {
    expect(linkFragment('')).toBeNull();
    expect(linkFragment('#')).toBeNull();
    expect(linkFragment('#abc')).toBe('abc');
  });
});
