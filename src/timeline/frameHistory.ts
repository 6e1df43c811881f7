/**
 * The refcount / mapcount history of one frame, for the inspector's chart: rebuilt from what
 * each micro-step left in the frames it changed, so no machine has to be replayed for it.
 */
import type { Frames } from '../engine/mem/frames';
import type { OpView } from './operations';

/** The refcount / mapcount history of one frame, one point per micro-step that changed it. */
export interface FrameHistory {
  pfn: number;
  points: {
    seq: number;
    op: number;
    step: number;
    fn: string;
    ref: number;
    map: number;
    pin: number;
  }[];
  /** The frame's state at boot (seq -1). */
  initial: { ref: number; map: number; pin: number };
}

/** The counters a frame history reads. */
export type FrameCounters = Pick<Frames, 'count' | 'ref' | 'map' | 'pin'>;

/** Fields per entry of FrameDeltas.deltas: [step, pfn, ref, map, pin]. */
const DELTA = 5;

/** An operation with every frame its steps changed, as each was after that step. */
export interface FrameDeltas {
  view: Pick<OpView, 'index' | 'firstSeq' | 'steps'>;
  /**
   * Flat [step, pfn, ref, map, pin, ...] (see recordFrame). Compact on purpose: a batched step
   * over a million pages is a million entries.
   */
  deltas: Int32Array;
}

/** Append frame `pfn` of `frames`, as it is after micro-step `step`, to `out` (the deltas). */
export function recordFrame(out: number[], step: number, pfn: number, frames: FrameCounters): void {
  out.push(step, pfn, frames.ref[pfn] ?? 0, frames.map[pfn] ?? 0, frames.pin[pfn] ?? 0);
}

/** The history of frame `pfn` over every step whose seq is below `uptoSeq`. */
export function frameHistory(
  pfn: number,
  boot: FrameCounters,
  ops: readonly FrameDeltas[],
  uptoSeq: number,
): FrameHistory {
  // A frame hotplugged later did not exist at boot: it starts from nothing.
  const initial =
    pfn < boot.count
      ? { ref: boot.ref[pfn] ?? 0, map: boot.map[pfn] ?? 0, pin: boot.pin[pfn] ?? 0 }
      : { ref: 0, map: 0, pin: 0 };
  const points: FrameHistory['points'] = [];
  for (const op of ops) {
    if (op.view.firstSeq >= uptoSeq) break;
    const d = op.deltas;
    for (let i = 0; i < d.length; i += DELTA) {
      if (d[i + 1] !== pfn) continue;
      const step = d[i] ?? 0;
      const seq = op.view.firstSeq + step;
      if (seq >= uptoSeq) break;
      // A run list may name a frame twice in one step; one point per step is enough.
      if (points[points.length - 1]?.seq === seq) continue;
      points.push({
        seq,
        op: op.view.index,
        step,
        fn: op.view.steps[step]?.fn ?? '',
        ref: d[i + 2] ?? 0,
        map: d[i + 3] ?? 0,
        pin: d[i + 4] ?? 0,
      });
    }
  }
  return { pfn, points, initial };
}
