/**
 * Walking the lab through a step range for an animation: seek, wait until React and the canvas
 * grids have painted, capture; and back to where the lab was afterwards, whatever happened.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from '../store/types';
import type { Position } from '../timeline/position';

/** Two animation frames: the reply's React render has committed and the grids' rAF has run. */
export function painted(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );
}

/**
 * Run `work` with `frame(i)` showing the range's i-th position (resolved once painted), then
 * return the lab to the position it had. Playback stops first.
 */
export async function steppedThrough<T>(
  store: StoreApi<LabState>,
  positions: readonly Position[],
  work: (show: (i: number) => Promise<void>) => Promise<T>,
): Promise<T> {
  const s = store.getState();
  const home = s.position;
  if (s.playing) s.setPlaying(false);
  try {
    return await work(async (i) => {
      const p = positions[i];
      if (!p) throw new Error(`no frame ${i + 1} in a range of ${positions.length}`);
      await store.getState().seek(p.op, p.step);
      const now = store.getState().position;
      if (!now || now.op !== p.op || now.step !== p.step)
        throw new Error(
          store.getState().error?.message ??
            `The lab could not show step ${p.op + 1}.${p.step + 1}.`,
        );
      await painted();
    });
  } finally {
    if (home) {
      await store.getState().seek(home.op, home.step);
      await painted();
    }
  }
}
