import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame } from './afterNextFrame';

/** A frame clock the test drives: `frame()` runs the queued animation-frame callbacks. */
function fakeFrames() {
  let queued = new Map<number, FrameRequestCallback>();
  let id = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    queued.set(++id, cb);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (n: number) => queued.delete(n));
  return {
    frame(): void {
      const now = queued;
      queued = new Map();
      for (const cb of now.values()) cb(0);
    },
    pending: () => queued.size,
  };
}

describe('afterNextFrame', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs in a task after the next frame, not inside it', () => {
    const frames = fakeFrames();
    const fn = vi.fn();
    afterNextFrame(fn);
    vi.advanceTimersByTime(50);
    expect(fn).not.toHaveBeenCalled();
    frames.frame();
    // Still not within the frame's callbacks: a task of its own after it.
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    // Once only, though the fallback timer comes due later.
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs anyway when no frame comes (a hidden tab), once', () => {
    const frames = fakeFrames();
    const fn = vi.fn();
    afterNextFrame(fn, 100);
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(frames.pending()).toBe(0);
    frames.frame();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('never runs once cancelled, at any point', () => {
    const frames = fakeFrames();
    const early = vi.fn();
    afterNextFrame(early)();
    const between = vi.fn();
    const cancel = afterNextFrame(between);
    frames.frame();
    cancel();
    vi.advanceTimersByTime(1000);
    frames.frame();
    expect(early).not.toHaveBeenCalled();
    expect(between).not.toHaveBeenCalled();
  });
});
