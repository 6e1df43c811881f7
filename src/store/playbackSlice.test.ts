import { afterEach, describe, expect, it, vi } from 'vitest';
import { endPosition } from '../timeline/navigation';
import { BOOT, type Position } from '../timeline/position';
import type { OpView } from '../timeline/operations';
import { opsOf } from '../timeline/testOps';
import { DEFAULT_SPEED, nextSpeed, playbackSlice, SPEEDS, stepDue } from './playbackSlice';
import { instantSeeks, sliceStore } from './testStore';
import { oneShot, pageTimers } from './timers';
import type { LabState, PlaybackSlice } from './types';

const ops = opsOf([2, 0, 1]) as OpView[];

/** A playback slice over `ops`, its seeks landing at once, on vitest's fake clock. */
function player(at = BOOT) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  const log: Position[] = [];
  const store = sliceStore<PlaybackSlice, PlaybackSlice & Pick<LabState, 'ops' | 'position'>>(
    (set, get) =>
      playbackSlice({
        seeks: instantSeeks(set, get, log),
        playTimer: oneShot(pageTimers),
        timers: pageTimers,
      })(set, get),
    { ops, position: at },
  );
  return { s: () => store.getState(), log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('playback', () => {
  it('changes speed through SPEEDS, stopping at either end', () => {
    expect(SPEEDS).toContain(DEFAULT_SPEED);
    expect(nextSpeed(DEFAULT_SPEED, 1)).toBe(4);
    expect(nextSpeed(DEFAULT_SPEED, -1)).toBe(1);
    expect(nextSpeed(SPEEDS[0]!, -1)).toBe(SPEEDS[0]);
    expect(nextSpeed(60, 1)).toBe(60);
  });

  it('keeps the cadence: due a period after the last was due, reset when a period late', () => {
    expect(stepDue(1000, 125, 1010)).toBe(1125);
    // A reply that came back late but within a period: still on the old cadence.
    expect(stepDue(1000, 125, 1240)).toBe(1125);
    // More than a period late: the cadence restarts from now, no burst to catch up.
    expect(stepDue(1000, 125, 1600)).toBe(1475);
  });

  it('steps into each stop at its speed, then stops at the end', async () => {
    const { s, log } = player();
    s().setPlaying(true);
    expect(log).toEqual([{ op: 0, step: 0 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(log).toEqual([
      { op: 0, step: 0 },
      { op: 0, step: 1 },
    ]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(log[log.length - 1]).toEqual(endPosition(ops));
    expect(s().playing).toBe(false);
  });

  it('from the end starts over at boot; pausing stops the steps', async () => {
    const { s, log } = player(endPosition(ops));
    s().setPlaying(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.slice(0, 2)).toEqual([BOOT, { op: 0, step: 0 }]);
    s().setPlaying(false);
    const n = log.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(log).toHaveLength(n);
  });
});
