import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  endPosition,
  isEnd,
  opAtLine,
  positionAtStop,
  positionProblem,
  seqAt,
  stepBackInto,
  stepBackOver,
  stepInto,
  stepOver,
  stepTarget,
  stopCount,
  stopIndex,
} from './navigation';
import { BOOT } from './position';
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

  it('a move by kind lands where its own function says', () => {
    const ops = opsOf([3, 0, 2]);
    const p = { op: 0, step: 1 };
    expect(stepTarget('into', ops, p)).toEqual(stepInto(ops, p));
    expect(stepTarget('over', ops, p)).toEqual(stepOver(ops, p));
    expect(stepTarget('backInto', ops, p)).toEqual(stepBackInto(ops, p));
    expect(stepTarget('backOver', ops, { op: 2, step: 0 })).toEqual({ op: 1, step: -1 });
    expect(stepTarget('start', ops, p)).toEqual(BOOT);
    expect(stepTarget('end', ops, p)).toEqual({ op: 2, step: 1 });
    expect(isEnd(ops, { op: 2, step: 1 })).toBe(true);
    expect(isEnd(opsOf([]), BOOT)).toBe(true);
  });

  it('seq counts the micro-steps before a position, the same at every stop as the walk', () => {
    fc.assert(
      fc.property(countsArb, (counts) => {
        const ops = opsOf(counts);
        let seq = 0;
        for (const p of walk(counts)) {
          // A stop after a micro-step has one more step behind it; an empty operation none.
          if (p.step >= 0) seq++;
          expect(seqAt(ops, p)).toBe(seq);
        }
        expect(seqAt(ops, endPosition(ops))).toBe(counts.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('says why a position is not on the timeline', () => {
    const ops = opsOf([3, 0]);
    expect(positionProblem(ops, -1, -1)).toBeNull();
    expect(positionProblem(ops, 0, 2)).toBeNull();
    expect(positionProblem(ops, 0, -1)).toBeNull();
    expect(positionProblem(ops, 1, -1)).toBeNull();
    expect(positionProblem(ops, 2, 0)).toBe('there is no operation 2 (the timeline has 2)');
    expect(positionProblem(ops, -1, 0)).toBe('there is no operation -1 (the timeline has 2)');
    expect(positionProblem(ops, 0.5, 0)).toBe('there is no operation 0.5 (the timeline has 2)');
    expect(positionProblem(ops, 0, 3)).toBe('operation 0 has no step 3 (it has 3)');
    expect(positionProblem(ops, 1, 0)).toBe('operation 1 has no step 0 (it has 0)');
    expect(positionProblem(ops, 0, -2)).toBe('operation 0 has no step -2 (it has 3)');
  });
});
