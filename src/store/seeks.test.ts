import { describe, expect, it } from 'vitest';
import { BOOT, type Position } from '../timeline/position';
import type { StateReply } from '../worker/protocol';
import type { Request } from './requests';
import { createSeeks } from './seeks';

/** Seeks over a queue the test drains by hand; the worker's seeks are logged. */
function seeker() {
  const queued: (() => Promise<unknown>)[] = [];
  const drained: (() => void)[] = [];
  const sent: string[] = [];
  let position: Position | null = null;
  const request: Request = (call) =>
    new Promise<void>((resolve) =>
      queued.push(async () => {
        await call?.();
        resolve();
      }),
    );
  const seeks = createSeeks(
    { request, onDrained: (fn) => void drained.push(fn) },
    {
      seek: (op, step, watch) => {
        sent.push(`${op}.${step} watching ${JSON.stringify(watch)}`);
        position = { op, step };
        return Promise.resolve({} as StateReply);
      },
    },
    () => ({ position, watched: 7, selection: null, inspecting: null }),
  );
  /** Run what is queued, then say the queue is empty. */
  const drain = async () => {
    while (queued.length > 0) await queued.shift()!();
    drained.forEach((fn) => fn());
  };
  /** Another reply moved the views (a run, a load). */
  const show = (p: Position) => void (position = p);
  return { seeks, sent, drain, show };
}

describe('seeks', () => {
  it('coalesce: while one waits, newer ones move its target, and all settle with it', async () => {
    const { seeks, sent, drain } = seeker();
    const moves = [1, 2, 3].map((op) => seeks.to({ op, step: 0 }));
    expect(new Set(moves).size).toBe(1);
    await drain();
    await Promise.all(moves);
    expect(sent).toEqual(['3.0 watching 7']);
    // The next one is a call of its own.
    const next = seeks.to({ op: 4, step: 1 });
    expect(next).not.toBe(moves[0]);
    await drain();
    expect(sent).toEqual(['3.0 watching 7', '4.1 watching 7']);
  });

  it('relative moves start from the last seek asked for until the queue drains, then from the views', async () => {
    const { seeks, drain, show } = seeker();
    expect(seeks.from()).toEqual(BOOT);
    void seeks.to({ op: 2, step: 1 });
    show({ op: 0, step: 0 });
    expect(seeks.from()).toEqual({ op: 2, step: 1 });
    await drain();
    show({ op: 5, step: 0 });
    expect(seeks.from()).toEqual({ op: 5, step: 0 });
  });
});
