import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEXT,
  LAB_MODE,
  MAX_PRESENT_VIEWS,
  modeSearch,
  nextTextSize,
  parseMode,
  TEXT_SIZES,
  VIEW_IDS,
  type LabMode,
} from './mode';

describe('mode from the query', () => {
  it('defaults to the lab', () => {
    expect(parseMode('')).toEqual({ mode: LAB_MODE, problems: [] });
    expect(parseMode('?debug').mode.kind).toBe('lab');
  });

  it('reads presenter and embed settings', () => {
    const { mode, problems } = parseMode(
      '?embed&views=page-tables,memory&range=3-7&autoplay=4&loop&predict',
    );
    expect(problems).toEqual([]);
    expect(mode).toEqual({
      kind: 'embed',
      predict: true,
      views: ['page-tables', 'memory'],
      range: { first: 2, last: 6 },
      autoplay: 4,
      loop: true,
      text: 100,
    });
    expect(parseMode('?present&text=130').mode.text).toBe(130);
    expect(parseMode('?present').mode.kind).toBe('present');
  });

  it('ignores bad values and says why', () => {
    const { mode, problems } = parseMode('?embed&views=nope,memory&range=7-3&autoplay=9000');
    expect(mode.views).toEqual(['memory']);
    expect(mode.range).toBeNull();
    expect(mode.autoplay).toBeNull();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/unknown views "nope"/);
    expect(parseMode('?range=abc').problems[0]).toMatch(/not FIRST-LAST/);
    expect(parseMode('?present&text=1e9').problems[0]).toMatch(/text size "1e9" is not one of/);
    const five = parseMode('?present&views=memory,page-tables,inspector,counters,narration');
    expect(five.mode.views).toEqual(['memory', 'page-tables', 'inspector', 'counters']);
    expect(five.problems[0]).toMatch(/up to 4 views/);
  });

  it('round-trips through the query, keeping other parameters', () => {
    const modeArb: fc.Arbitrary<LabMode> = fc
      .record({
        kind: fc.constantFrom('present' as const, 'embed' as const),
        predict: fc.boolean(),
        views: fc.uniqueArray(fc.constantFrom(...VIEW_IDS), { minLength: 1 }),
        range: fc.option(
          fc
            .tuple(fc.nat(500), fc.nat(500))
            .map(([a, b]) => ({ first: Math.min(a, b), last: Math.max(a, b) })),
          { nil: null },
        ),
        autoplay: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        loop: fc.boolean(),
        text: fc.constantFrom(...TEXT_SIZES),
      })
      // The presenter shows up to four views; only it has a text size.
      .map((m) =>
        m.kind === 'present'
          ? { ...m, views: m.views.slice(0, MAX_PRESENT_VIEWS) }
          : { ...m, text: DEFAULT_TEXT },
      );
    fc.assert(
      fc.property(modeArb, (m) => {
        const s = modeSearch(m, '?debug');
        expect(s).toMatch(/debug/);
        expect(parseMode(s)).toEqual({ mode: m, problems: [] });
      }),
    );
    expect(modeSearch(LAB_MODE, '?present&debug')).toBe('?debug');
  });

  it('steps the text size through its list, staying at the ends', () => {
    expect(nextTextSize(100, 1)).toBe(115);
    expect(nextTextSize(100, -1)).toBe(90);
    expect(nextTextSize(200, 1)).toBe(200);
    expect(nextTextSize(70, -1)).toBe(70);
  });
});
