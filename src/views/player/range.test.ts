import { describe, expect, it } from 'vitest';
import { BOOT } from '../../timeline/position';
import { clampRange, nextInRange, prevInRange, rangeEnd, rangeStart } from './range';
import { opsOf } from '../../timeline/testOps';

describe('a player range', () => {
  const ops = opsOf([2, 3, 1, 2]);
  it('clamps to the run', () => {
    expect(clampRange(ops, null)).toEqual({ first: 0, last: 3 });
    expect(clampRange(ops, { first: 2, last: 99 })).toEqual({ first: 2, last: 3 });
    expect(clampRange(ops, { first: 9, last: 99 })).toEqual({ first: 3, last: 3 });
  });

  it('walks exactly the range, forwards and back', () => {
    const r = { first: 1, last: 2 };
    expect(rangeStart(ops, r)).toEqual({ op: 0, step: 1 });
    expect(rangeEnd(ops, r)).toEqual({ op: 2, step: 0 });
    const seen = [rangeStart(ops, r)];
    for (let p = nextInRange(ops, seen[0]!, r); p; p = nextInRange(ops, p, r)) seen.push(p);
    expect(seen).toEqual([
      { op: 0, step: 1 },
      { op: 1, step: 0 },
      { op: 1, step: 1 },
      { op: 1, step: 2 },
      { op: 2, step: 0 },
    ]);
    const back = [seen.at(-1)!];
    for (let p = prevInRange(ops, back[0]!, r); p; p = prevInRange(ops, p, r)) back.push(p);
    expect(back).toEqual([...seen].reverse());
    // Outside the range, the first move goes to its start.
    expect(nextInRange(ops, BOOT, r)).toEqual(rangeStart(ops, r));
    expect(prevInRange(ops, { op: 3, step: 1 }, r)).toEqual(rangeStart(ops, r));
    expect(rangeStart(ops, { first: 0, last: 0 })).toEqual(BOOT);
  });
});
