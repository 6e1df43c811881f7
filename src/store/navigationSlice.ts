/**
 * Where the lab is and what it looks at: the worker's latest timeline, snapshot and frame history
 * (written by bridge.ts only), the selection and the watched frame, and the moves: seek, step,
 * run to a line. Moves are seeks (seeks.ts), so they queue and coalesce; a step forward asks
 * first when predicting (predictSlice.ts).
 */
import type { Snapshot } from '../engine/snapshot';
import type { FrameHistory } from '../timeline/frameHistory';
import { endPosition, isEnd, opAtLine, stepTarget, type StepKind } from '../timeline/navigation';
import type { OpView } from '../timeline/operations';
import { BOOT, samePosition, type Position } from '../timeline/position';
import type { LabConnection } from '../worker/client';
import type { LabEffects } from './effects';
import { afterMove, asking, asksFirst, type PredictSlice } from './predictSlice';
import type { Slice } from './slice';
import type { LabState, RangeSelection } from './types';

export interface NavigationSlice {
  ops: OpView[];
  snapshot: Snapshot | null;
  position: Position | null;
  /** The frame the inspector shows (and whose history the worker sends). */
  watched: number | null;
  history: FrameHistory | null;
  selection: RangeSelection | null;
  seek: (op: number, step: number) => Promise<void>;
  step: (kind: StepKind) => Promise<void>;
  /** Show the end of the operation on `line` (or the last one before it). */
  runToLine: (line: number) => Promise<void>;
  select: (selection: RangeSelection | null) => void;
  watch: (pfn: number | null) => Promise<void>;
}

/** Whether `selection` still names pages of a buffer in `snapshot` (after a new run). */
export function selectionHolds(selection: RangeSelection, snapshot: Snapshot): boolean {
  const buf = snapshot.procs
    .find((p) => p.name === selection.proc)
    ?.buffers.find((b) => b.name === selection.buf);
  return buf !== undefined && selection.first + selection.count <= buf.pages;
}

type Reads = NavigationSlice &
  Pick<PredictSlice, 'predict'> &
  Pick<LabState, 'flushText' | 'setPlaying'>;

export function navigationSlice(
  fx: Pick<LabEffects, 'request' | 'seeks'> & { client: Pick<LabConnection, 'watch'> },
): Slice<NavigationSlice, Reads> {
  return (set, get) => ({
    ops: [],
    snapshot: null,
    position: null,
    watched: null,
    history: null,
    selection: null,
    seek: (op, step) => fx.seeks.to({ op, step }),
    step: (kind) => {
      const { ops, predict } = get();
      const p = fx.seeks.from();
      const forward = kind === 'into' || kind === 'over';
      if (asksFirst(predict, forward, isEnd(ops, p))) {
        // Ask first: the lab stays where it is until the next step forward reveals.
        set({ predict: asking(predict) });
        return Promise.resolve();
      }
      const after = afterMove(predict, forward);
      if (after !== predict) set({ predict: after });
      const next = stepTarget(kind, ops, p);
      if (samePosition(next, p)) return Promise.resolve();
      return fx.seeks.to(next);
    },
    runToLine: async (line) => {
      await get().flushText();
      const { ops } = get();
      const op = opAtLine(ops, line);
      get().setPlaying(false);
      return fx.seeks.to(op < 0 ? BOOT : endPosition(ops.slice(0, op + 1)));
    },
    select: (selection) => set({ selection }),
    watch: (pfn) =>
      fx.request(
        () => fx.client.watch(pfn),
        () => ({ watched: pfn }),
      ),
  });
}
