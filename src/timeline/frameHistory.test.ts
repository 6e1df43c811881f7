import { describe, expect, it } from 'vitest';
import { frameHistory, recordFrame, type FrameCounters, type FrameDeltas } from './frameHistory';
import type { StepView } from './operations';

/** A frame table of `count` frames, frame i at refcount i + 1. */
function frames(count: number): FrameCounters {
  const ref = Int32Array.from({ length: count }, (_, i) => i + 1);
  return { count, ref, map: new Int32Array(count), pin: new Int32Array(count) };
}

const step = (fn: string) => ({ fn }) as StepView;

/** Operation `index` starting at `firstSeq`, its steps named `fns`, each changing `changes[i]`. */
function op(
  index: number,
  firstSeq: number,
  fns: string[],
  changes: { step: number; pfn: number; ref: number; map?: number }[],
): FrameDeltas {
  const out: number[] = [];
  for (const c of changes) {
    const f = frames(c.pfn + 1);
    f.ref[c.pfn] = c.ref;
    f.map[c.pfn] = c.map ?? 0;
    recordFrame(out, c.step, c.pfn, f);
  }
  return { view: { index, firstSeq, steps: fns.map(step) }, deltas: Int32Array.from(out) };
}

describe('frame history', () => {
  const ops = [
    op(
      0,
      0,
      ['get_page', 'set_pte'],
      [
        { step: 0, pfn: 2, ref: 4 },
        { step: 1, pfn: 3, ref: 9 },
        { step: 1, pfn: 2, ref: 5, map: 1 },
        // The same frame twice in one step (a run list): one point.
        { step: 1, pfn: 2, ref: 5, map: 1 },
      ],
    ),
    op(1, 2, ['put_page'], [{ step: 0, pfn: 2, ref: 3 }]),
  ];

  it('has one point per micro-step that changed the frame, with its counters after it', () => {
    const h = frameHistory(2, frames(4), ops, Infinity);
    expect(h.pfn).toBe(2);
    expect(h.initial).toEqual({ ref: 3, map: 0, pin: 0 });
    expect(h.points).toEqual([
      { seq: 0, op: 0, step: 0, fn: 'get_page', ref: 4, map: 0, pin: 0 },
      { seq: 1, op: 0, step: 1, fn: 'set_pte', ref: 5, map: 1, pin: 0 },
      { seq: 2, op: 1, step: 0, fn: 'put_page', ref: 3, map: 0, pin: 0 },
    ]);
  });

  it('stops before the step at `uptoSeq` (what the machine shown has seen)', () => {
    expect(frameHistory(2, frames(4), ops, 2).points.map((p) => p.seq)).toEqual([0, 1]);
    expect(frameHistory(2, frames(4), ops, 1).points.map((p) => p.seq)).toEqual([0]);
    expect(frameHistory(2, frames(4), ops, 0).points).toEqual([]);
  });

  it('starts a frame that did not exist at boot (hotplugged later) from nothing', () => {
    const h = frameHistory(3, frames(2), ops, Infinity);
    expect(h.initial).toEqual({ ref: 0, map: 0, pin: 0 });
    expect(h.points).toEqual([{ seq: 1, op: 0, step: 1, fn: 'set_pte', ref: 9, map: 0, pin: 0 }]);
  });
});
