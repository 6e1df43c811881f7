import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAB_MODE, modeSearch, parseMode, VIEW_IDS, type LabMode } from './mode';

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
    });
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
  });

  it('round-trips through the query, keeping other parameters', () => {
    const modeArb: fc.Arbitrary<LabMode> = fc.record({
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
    });
    fc.assert(
      fc.property(modeArb, (m) => {
        const s = modeSearch(m, '?debug');
        expect(s).toMatch(/debug/);
        expect(parseMode(s)).toEqual({ mode: m, problems: [] });
      }),
    );
    expect(modeSearch(LAB_MODE, '?present&debug')).toBe('?debug');
  });
});
