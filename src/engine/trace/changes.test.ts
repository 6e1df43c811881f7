import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunList } from './changes';

/** Runs of a sorted list of distinct indices, flat [start, length, ...]. */
function runsOf(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of xs) {
    if (out.length && (out[out.length - 2] ?? 0) + (out[out.length - 1] ?? 0) === x)
      out[out.length - 1] = (out[out.length - 1] ?? 0) + 1;
    else out.push(x, 1);
  }
  return out;
}

describe('the run list of a step', () => {
  it('records a set of indices as sorted, merged runs, whatever the order of writes', () => {
    const streams = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 40 }), fc.boolean()),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(streams, fc.array(fc.integer({ min: 0, max: 500 })), (ss, extra) => {
        // Interleave a few ascending or descending streams with random indices, as a step does.
        const writes: number[] = [];
        for (let j = 0; j < 40; j++)
          ss.forEach(([s, n, up]) => {
            if (j < n) writes.push(up ? s + j : s + n - 1 - j, s + (j % 3));
          });
        writes.push(...extra);
        const sorted = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);
        const r = new RunList();
        writes.forEach((i, at) => {
          r.add(i);
          // A read in between sees what was written so far, and does not disturb what follows.
          if (at % 17 === 0) expect(r.runs).toEqual(runsOf(sorted(writes.slice(0, at + 1))));
        });
        const want = sorted(writes);
        expect(r.runs).toEqual(runsOf(want));
        expect([...r.indices()]).toEqual(want);
        expect(r.size).toBe(want.length);
        for (let i = 0; i <= 520; i += 7) expect(r.has(i)).toBe(want.includes(i));
      }),
    );
  });

  it('keeps a long interleaved walk over two streams as two runs', () => {
    const r = new RunList();
    for (let i = 0; i < 100_000; i++) {
      r.add(1000 + i);
      r.add(900_000 - i);
    }
    expect(r.runs).toEqual([1000, 100_000, 800_001, 100_000]);
  });
});
