/**
 * The store's clock and timers: an edit's pause, the playback cadence, a request's latency.
 * Slices get them through their effects (effects.ts), so their tests can run on a fake clock.
 */

type Handle = ReturnType<typeof setTimeout>;

export interface Timers {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
  queueMicrotask(fn: () => void): void;
}

/**
 * The page's own. Each is looked up when called, not when the store is made, so a test's fake
 * timers apply to a store created before them.
 */
export const pageTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle),
  queueMicrotask: (fn) => queueMicrotask(fn),
};

/** One pending callback at most: starting it again replaces the one pending. */
export interface OneShot {
  start(fn: () => void, ms: number): void;
  stop(): void;
  /** A callback is waiting (started, not yet run, not stopped). */
  readonly pending: boolean;
}

export function oneShot(timers: Timers): OneShot {
  let handle: Handle | null = null;
  return {
    start(fn, ms) {
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(() => {
        handle = null;
        fn();
      }, ms);
    },
    stop() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}
