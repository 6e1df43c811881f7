import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PREVIOUS_DRAFT_KEY, readDraft, writeDraft, type Draft, type DraftStorage } from './draft';
import { embedLab, initialLab, type PresetCatalog } from './startup';

function memory(): DraftStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const DEFAULT = 'kernel modern\nplatform pcie4\nram 8\n';
const STORY =
  'title "One page"\nkernel modern\nplatform pcie4\nram 8\nprocess app\n\napp mmap b 1\n';
const CATALOG: PresetCatalog = {
  find: (id) => (id === 'storyboard' ? { id, title: 'One page', text: STORY } : undefined),
  ids: ['storyboard', 'pinned-page'],
};
const mine: Draft = {
  v: 1,
  text: 'kernel seeds\nplatform pcie4\nram 8\n# mine\n',
  ranText: 'kernel seeds\nplatform pcie4\nram 8\n# mine\n',
  at: { op: 0, step: 0 },
  selection: null,
  watched: 3,
};
const none = (): void => {};

describe('a preset link at startup', () => {
  it('opens the preset at its step and keeps the draft it replaces', () => {
    const s = memory();
    writeDraft(s, mine);
    const restored: Draft[] = [];
    const lab = initialLab(
      '#preset=storyboard&step=1.1',
      s,
      DEFAULT,
      (d) => restored.push(d),
      CATALOG,
    );
    expect(lab).toMatchObject({
      text: STORY,
      at: { op: 0, step: 0 },
      selection: null,
      preset: { id: 'storyboard' },
    });
    expect(lab.banner?.message).toBe(
      'Opened the preset “One page” at step 1.1. Your previous draft is kept.',
    );
    expect(lab.missingStep?.message).toContain('has no step 1.1');
    expect(readDraft(s, PREVIOUS_DRAFT_KEY)).toEqual(mine);
    lab.banner?.action?.run();
    expect(restored).toEqual([mine]);
  });

  it('opens at the start without a step, and at the end of an operation with one number', () => {
    expect(initialLab('#preset=storyboard', null, DEFAULT, none, CATALOG)).toMatchObject({
      at: { op: -1, step: -1 },
      banner: { kind: 'notice', message: 'Opened the preset “One page” at its start.' },
    });
    expect(initialLab('#preset=storyboard&step=1', null, DEFAULT, none, CATALOG).at).toEqual({
      endOf: 0,
    });
  });

  it('a reload of its own link keeps the selection and says nothing', () => {
    const s = memory();
    const sel = { proc: 'app', buf: 'b', first: 0, count: 1 };
    writeDraft(s, { ...mine, text: STORY, ranText: STORY, selection: sel, watched: 2 });
    const lab = initialLab('#preset=storyboard&step=1.1', s, DEFAULT, none, CATALOG);
    expect(lab).toMatchObject({ text: STORY, at: { op: 0, step: 0 }, selection: sel, watched: 2 });
    expect(lab.banner).toBeNull();
    expect(readDraft(s, PREVIOUS_DRAFT_KEY)).toBeNull();
  });

  it('an unknown name or a bad step opens the draft untouched, with an error that says why', () => {
    const s = memory();
    writeDraft(s, mine);
    for (const [hash, why] of [
      ['#preset=storybord', 'Did you mean preset=storyboard?'],
      ['#preset=storyboard&step=4.0', 'is not a step'],
      ['#preset=<img src=x onerror=alert(1)>', 'not a preset'],
      ['#preset=storyboard&foo=1', 'only preset=NAME and step=S'],
    ] as const) {
      const lab = initialLab(hash, s, DEFAULT, none, CATALOG);
      expect(lab.text, hash).toBe(mine.text);
      expect(lab.at).toEqual(mine.at);
      expect(lab.preset).toBeUndefined();
      expect(lab.banner?.kind).toBe('link');
      expect(lab.banner?.message).toContain(why);
      expect(lab.banner?.message).toMatch(
        /^This preset link could not be opened: .* Your own scenario is untouched\.$/,
      );
    }
    expect(readDraft(s, PREVIOUS_DRAFT_KEY)).toBeNull();
  });

  it('without the presets at hand, no name is known (and nothing throws)', () => {
    const lab = initialLab('#preset=storyboard', null, DEFAULT, none, null);
    expect(lab).toMatchObject({ text: DEFAULT, banner: { kind: 'link' } });
  });

  it('never throws and never loses the draft, whatever the fragment', () => {
    const s = memory();
    writeDraft(s, mine);
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (rest) => {
        const lab = initialLab(`#preset=${rest}`, s, DEFAULT, none, CATALOG);
        if (lab.preset) expect(lab.text).toBe(STORY);
        else expect(lab).toMatchObject({ text: mine.text, banner: { kind: 'link' } });
      }),
      { numRuns: 500 },
    );
  });

  it('opens in an embed too, without the banner, never touching the draft', () => {
    expect(embedLab('#preset=storyboard&step=1.1', DEFAULT, CATALOG)).toMatchObject({
      text: STORY,
      at: { op: 0, step: 0 },
    });
    expect(embedLab('#preset=storyboard', DEFAULT, CATALOG).banner).toBeUndefined();
    expect(embedLab('#preset=nope', DEFAULT, CATALOG).banner?.message).toContain(
      "This player's link could not be opened: There is no preset named “nope”",
    );
  });
});
