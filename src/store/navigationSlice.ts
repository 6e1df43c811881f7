/**
 * Where the lab is and what it looks at: the worker's latest timeline, snapshot and frame history
 * (written by bridge.ts only), the selection, the page `struct page` follows and the clicked
 * frame (inspection.ts), and the moves: seek, step, run to a line. Moves are seeks (seeks.ts), so they queue and coalesce; a step forward asks
 * first when predicting (predictSlice.ts).
 */
import type { Snapshot } from '../engine/snapshot';
import { endPosition, isEnd, opAtLine, stepTarget } from '../timeline/navigation';
import { BOOT, samePosition } from '../timeline/position';
import type { LabConnection } from '../worker/client';
import type { LabEffects } from './effects';
import { inspectedFrame, watchTarget } from './inspection';
import { afterMove, asking, asksFirst, revealMove } from './predictSlice';
import type { Slice } from './slice';
import type { LabState, NavigationSlice, PredictSlice } from './types';
import type { RangeSelection } from '../timeline/selection';

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
    inspecting: null,
    seek: (op, step) => fx.seeks.to({ op, step }),
    step: (kind) => {
      const { ops, predict } = get();
      const p = fx.seeks.from();
      const forward = kind === 'into' || kind === 'over';
      if (asksFirst(predict, forward, isEnd(ops, p))) {
        // Ask first: the lab stays where it is until the next step forward reveals.
        set({ predict: asking(predict, inspectedFrame(get())) });
        return Promise.resolve();
      }
      const move = revealMove(predict, kind);
      const after = afterMove(predict, forward);
      if (after !== predict) set({ predict: after });
      const next = stepTarget(move, ops, p);
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
    // The history of the frame they lead to is asked for once the state changed (inspection.ts
    // followInspected): a selection made while a request runs must not ask for it twice.
    select: (selection) =>
      set({ selection, inspecting: null, ...(selection ? { watched: null } : {}) }),
    inspect: (page) => set({ inspecting: page, watched: null }),
    watch: (pfn) =>
      fx.request(
        () => fx.client.watch(watchTarget({ ...get(), watched: pfn })),
        () => ({ watched: pfn }),
      ),
  });
}
