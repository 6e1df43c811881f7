import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneShot, pageTimers } from './timers';

afterEach(() => {
  vi.useRealTimers();
});

describe('a one-shot timer', () => {
  it('runs the last callback started, once; stop cancels it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = oneShot(pageTimers);
    const ran: string[] = [];
    t.start(() => ran.push('a'), 100);
    t.start(() => ran.push('b'), 100);
    expect(t.pending).toBe(true);
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['b']);
    expect(t.pending).toBe(false);
    t.start(() => ran.push('c'), 100);
    t.stop();
    vi.advanceTimersByTime(500);
    expect(ran).toEqual(['b']);
    expect(t.pending).toBe(false);
  });

  it('is no longer pending when its callback runs (so the callback may start it again)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = oneShot(pageTimers);
    let seen: boolean | null = null;
    t.start(() => (seen = t.pending), 10);
    vi.advanceTimersByTime(10);
    expect(seen).toBe(false);
  });
});
