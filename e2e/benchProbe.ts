/**
 * What the browser benchmark runs inside the page (installed with page.evaluate): timing an
 * action from the input to the painted frame that shows its result, and watching frames while
 * the lab plays. Self-contained on purpose: page.evaluate sends the function's source alone.
 *
 * "Painted" is the end of the first rendering update after the worker's reply was applied:
 * rAF callbacks run in the order they were requested, so the probe's callback (requested a
 * frame earlier) sees the new state first, in the same frame as the views' own rAF paint; a
 * message posted from it is handled once that frame's style, layout, paint and commit are done.
 */
import type {} from '../src/views/testHook';

export interface ActionTiming {
  /** From the input to the reply applied to the store (the store's own measure). */
  applied: number;
  /** From the input to the end of the frame that shows it. */
  painted: number;
}

export interface PlaybackSample {
  /** Frame-to-frame intervals (rAF timestamps), ms. */
  intervals: number[];
  /** Positions shown: one per frame whose state differed from the previous frame's. */
  moves: number;
  /** Duration of the sample, ms. */
  duration: number;
}

export interface BenchProbe {
  /** Run `act` (a key on the window or a click on a test id) and time it. */
  time(act: { key: string; shift?: boolean } | { click: string }): Promise<ActionTiming>;
  /** Watch `ms` of frames (the lab playing meanwhile). */
  frames(ms: number): Promise<PlaybackSample>;
}

declare global {
  interface Window {
    __bench?: BenchProbe;
  }
}

export function installBenchProbe(): void {
  const hook = () => {
    const h = window.__hmmlab;
    if (!h?.stamp || !h.latency) throw new Error('the lab test hook is missing');
    return { stamp: h.stamp, latency: h.latency };
  };
  const afterFrame = (): Promise<number> =>
    new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    });
  window.__bench = {
    async time(act) {
      const { stamp, latency } = hook();
      const before = stamp();
      // Start watching frames first: the probe's rAF must come before the views' ones.
      const seen = new Promise<void>((resolve) => {
        const check = (): void => {
          if (stamp() !== before) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      const t0 = performance.now();
      if ('key' in act)
        window.dispatchEvent(
          new KeyboardEvent('keydown', { key: act.key, shiftKey: !!act.shift, bubbles: true }),
        );
      else {
        const el = document.querySelector<HTMLElement>(`[data-testid="${act.click}"]`);
        if (!el) throw new Error(`no element ${act.click}`);
        el.click();
      }
      await seen;
      const painted = (await afterFrame()) - t0;
      return { applied: latency() ?? NaN, painted };
    },
    frames(ms) {
      const { stamp } = hook();
      return new Promise((resolve) => {
        const intervals: number[] = [];
        let moves = 0;
        let last = stamp();
        let prev = -1;
        let start = -1;
        const tick = (t: number): void => {
          if (start < 0) start = t;
          if (prev >= 0) intervals.push(t - prev);
          prev = t;
          const now = stamp();
          if (now !== last) moves++;
          last = now;
          if (t - start < ms) requestAnimationFrame(tick);
          else resolve({ intervals, moves, duration: t - start });
        };
        requestAnimationFrame(tick);
      });
    },
  };
}
