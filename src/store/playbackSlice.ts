/**
 * Playback: step into, again and again, at a speed, until the end. Each step is a seek (so it
 * coalesces and queues like any other); a timer (an effect) takes the next one when it is due.
 */
import { isEnd, stepInto } from '../timeline/navigation';
import { BOOT } from '../timeline/position';
import type { LabEffects } from './effects';
import type { Slice } from './slice';
import type { LabState, PlaybackSlice } from './types';

/** Playback speeds, micro-steps per second. */
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4, 8, 15, 30, 60];
export const DEFAULT_SPEED = 2;

/** The next speed of SPEEDS from `speed` (undefined: none). */
export function nextSpeed(speed: number, delta: 1 | -1): number | undefined {
  const i = SPEEDS.indexOf(speed);
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i + delta))];
}

/**
 * When the step taken at `now` was due, the last one having been due at `due`. Steps keep the
 * speed's cadence: the next one is due a period after this one was due, not a period after its
 * reply came back (at 60/s, replies of a few ms would otherwise play ~47 steps a second). A step
 * more than a period late resets the cadence: the next one starts as soon as this reply is in,
 * never a burst to catch up.
 */
export function stepDue(due: number, period: number, now: number): number {
  return Math.max(due + period, now - period);
}

type Reads = PlaybackSlice & Pick<LabState, 'ops'>;

export function playbackSlice(
  fx: Pick<LabEffects, 'seeks' | 'playTimer' | 'timers'>,
): Slice<PlaybackSlice, Reads> {
  return (set, get) => {
    /** When the playback step last taken was due (timers.now() time). */
    let due = 0;

    function tick(): void {
      const s = get();
      if (!s.playing) return;
      if (isEnd(s.ops, fx.seeks.from())) {
        set({ playing: false });
        return;
      }
      const period = 1000 / s.speed;
      due = stepDue(due, period, fx.timers.now());
      void fx.seeks.to(stepInto(s.ops, fx.seeks.from())).then(() => {
        if (get().playing && !fx.playTimer.pending)
          fx.playTimer.start(tick, Math.max(0, due + period - fx.timers.now()));
      });
    }

    return {
      playing: false,
      speed: DEFAULT_SPEED,
      setPlaying: (playing) => {
        fx.playTimer.stop();
        set({ playing });
        if (!playing) return;
        // Playing from the end starts over.
        due = fx.timers.now() - 1000 / get().speed;
        if (isEnd(get().ops, fx.seeks.from())) void fx.seeks.to(BOOT).then(() => tick());
        else tick();
      },
      changeSpeed: (delta) => {
        const next = nextSpeed(get().speed, delta);
        if (next !== undefined) set({ speed: next });
      },
    };
  };
}
