import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOT,
  endPosition,
  opAtLine,
  positionAtStop,
  stepBackInto,
  stepBackOver,
  stepInto,
  stepOver,
  stopCount,
  stopIndex,
} from './navigation';
import { opsOf } from './testOps';

/** Every stop in order, by walking: the reference the O(1) functions must agree with. */
function walk(counts: number[]) {
  const out = [BOOT];
  counts.forEach((n, op) => {
    if (n === 0) out.push({ op, step: -1 });
    for (let i = 0; i < n; i++) out.push({ op, step: i });
  });
  return out;
}

const countsArb = fc.array(fc.nat({ max: 5 }), { maxLength: 12 });

describe('timeline navigation', () => {
  it('step into visits every stop in order and stops at the end', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const ops = opsOf(counts);
        const stops = walk(counts);
        let p = BOOT;
        for (let i = 1; i < stops.length; i++) {
          p = stepInto(ops, p);
          expect(p).toEqual(stops[i]);
        }
        expect(stepInto(ops, p)).toEqual(p);
        expect(p).toEqual(endPosition(ops));
      }),
    );
  });

  it('step back retraces step into exactly', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const ops = opsOf(counts);
        const stops = walk(counts);
        let p = endPosition(ops);
        for (let i = stops.length - 2; i >= 0; i--) {
          p = stepBackInto(ops, p);
          expect(p).toEqual(stops[i]);
        }
        expect(stepBackInto(ops, p)).toEqual(BOOT);
      }),
    );
  });

  it('step over lands on operation ends; back over on the previous end', () => {
    const ops = opsOf([3, 0, 2]);
    expect(stepOver(ops, BOOT)).toEqual({ op: 0, step: 2 });
    expect(stepOver(ops, { op: 0, step: 0 })).toEqual({ op: 0, step: 2 });
    expect(stepOver(ops, { op: 0, step: 2 })).toEqual({ op: 1, step: -1 });
    expect(stepOver(ops, { op: 1, step: -1 })).toEqual({ op: 2, step: 1 });
    expect(stepOver(ops, { op: 2, step: 1 })).toEqual({ op: 2, step: 1 });
    expect(stepBackOver(ops, { op: 2, step: 0 })).toEqual({ op: 1, step: -1 });
    expect(stepBackOver(ops, { op: 0, step: 1 })).toEqual(BOOT);
  });

  it('stop indices and positions are inverse, matching the walk', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const ops = opsOf(counts);
        const stops = walk(counts);
        expect(stopCount(ops)).toBe(stops.length);
        stops.forEach((p, i) => {
          expect(stopIndex(ops, p)).toBe(i);
          expect(positionAtStop(ops, i)).toEqual(p);
        });
        expect(positionAtStop(ops, -5)).toEqual(BOOT);
        expect(positionAtStop(ops, 1e9)).toEqual(stops[stops.length - 1]);
      }),
    );
  });

  it('run to cursor finds the command at or before a line', () => {
    const ops = [{ line: 3 }, { line: 5 }, { line: 9 }];
    expect(opAtLine(ops, 1)).toBe(-1);
    expect(opAtLine(ops, 3)).toBe(0);
    expect(opAtLine(ops, 4)).toBe(0);
    expect(opAtLine(ops, 8)).toBe(1);
    expect(opAtLine(ops, 100)).toBe(2);
  });
});
