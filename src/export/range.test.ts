import { describe, expect, it } from 'vitest';
import { LabHost } from '../worker/host';
import { storyboard } from '../worker/testFixtures';
import type { OpView } from '../timeline/operations';
import {
  formatStop,
  operationRange,
  parseRange,
  parseStop,
  rangePositions,
  wholeRun,
} from './range';

const ops = (f = storyboard()): OpView[] => new LabHost().init(f.spec, f.steps, null, null).ops;

describe('step ranges', () => {
  const run = ops();
  const migrate = run[4]!; // gpu0 migrate buf: 11 micro-steps
  const n = migrate.steps.length;

  it('reads op.step, 1-based, a bare op and boot', () => {
    expect(parseStop(run, '5.2', 'from')).toEqual({ ok: true, value: { op: 4, step: 1 } });
    expect(parseStop(run, ' 5 ', 'from')).toEqual({ ok: true, value: { op: 4, step: 0 } });
    expect(parseStop(run, '5', 'to')).toEqual({ ok: true, value: { op: 4, step: n - 1 } });
    expect(parseStop(run, 'Boot', 'from')).toEqual({ ok: true, value: { op: -1, step: -1 } });
    for (const p of [
      { op: -1, step: -1 },
      { op: 4, step: 3 },
    ])
      expect(parseStop(run, formatStop(p), 'from')).toEqual({ ok: true, value: p });
  });

  it('says why a position is not one', () => {
    const why = (t: string) => {
      const r = parseStop(run, t, 'to');
      return r.ok ? null : r.why;
    };
    expect(why('')).toBe('to: write op.step (e.g. 3.2: op 3, micro-step 2)');
    expect(why('x.1')).toBe('to: “x.1” is not op.step (e.g. 3.2: op 3, micro-step 2)');
    expect(why('9.1')).toBe('to: there is no op 9 (the run has 7)');
    expect(why('0.1')).toBe('to: there is no op 0 (the run has 7)');
    expect(why(`5.${n + 1}`)).toBe(`to: op 5 has ${n} micro-steps, so no step ${n + 1}`);
    expect(why('5.0')).toBe(`to: op 5 has ${n} micro-steps, so no step 0`);
    expect(parseStop([], '1', 'from')).toEqual({
      ok: false,
      why: 'from: nothing has run yet (no op 1)',
    });
  });

  it('checks order and length, and lists one position per frame', () => {
    const r = parseRange(run, '5.1', `5.${n}`);
    expect(r).toEqual({
      ok: true,
      value: { from: { op: 4, step: 0 }, to: { op: 4, step: n - 1 }, count: n },
    });
    if (!r.ok) return;
    expect(rangePositions(run, r.value)).toEqual(
      Array.from({ length: n }, (_, i) => ({ op: 4, step: i })),
    );
    // Across operations: the end of op 4, then op 5's first two steps.
    const across = parseRange(run, `4.${run[3]!.steps.length}`, '5.2');
    expect(across.ok && rangePositions(run, across.value)).toEqual([
      { op: 3, step: run[3]!.steps.length - 1 },
      { op: 4, step: 0 },
      { op: 4, step: 1 },
    ]);
    expect(parseRange(run, '5.3', '5.2')).toEqual({
      ok: false,
      why: 'from (5.3) comes after to (5.2)',
    });
    const total = run.reduce((k, o) => k + Math.max(1, o.steps.length), 0) + 1;
    const all = wholeRun(run)!;
    expect(parseRange(run, all.from, all.to)).toMatchObject({ ok: true, value: { count: total } });
    expect(parseRange(run, all.from, all.to, 10)).toEqual({
      ok: false,
      why: `the range is ${total} steps, over the limit of 10 frames: export a shorter range`,
    });
  });

  it('defaults to the operation on screen', () => {
    expect(operationRange(run, { op: 4, step: 3 })).toEqual({ from: '5.1', to: `5.${n}` });
    expect(operationRange(run, { op: -1, step: -1 })).toEqual({
      from: '1.1',
      to: `1.${run[0]!.steps.length}`,
    });
    expect(operationRange([], null)).toBeNull();
    expect(wholeRun([])).toBeNull();
  });

  it('counts an operation that took no steps as one frame', () => {
    // Synthetic: every real command takes at least one step (a wrong name takes "(scenario)").
    const step = (seq: number) => ({ ...run[0]!.steps[0]!, seq });
    const o = [
      { ...run[0]!, index: 0, firstSeq: 0, steps: [step(0), step(1)] },
      { ...run[1]!, index: 1, firstSeq: 2, steps: [] },
      { ...run[2]!, index: 2, firstSeq: 2, steps: [step(2)] },
    ];
    expect(parseStop(o, '2', 'from')).toEqual({ ok: true, value: { op: 1, step: -1 } });
    expect(parseStop(o, '2.1', 'from')).toEqual({
      ok: false,
      why: 'from: op 2 took no micro-steps (write 2)',
    });
    expect(operationRange(o, { op: 1, step: -1 })).toEqual({ from: '2', to: '2' });
    expect(wholeRun(o.slice(0, 2))).toEqual({ from: 'boot', to: '2' });
    const r = parseRange(o, '1.2', '3');
    expect(r.ok && r.value.count).toBe(3);
    expect(r.ok && rangePositions(o, r.value)).toEqual([
      { op: 0, step: 1 },
      { op: 1, step: -1 },
      { op: 2, step: 0 },
    ]);
  });
});
