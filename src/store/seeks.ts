/**
 * Seeking, as the views and playback ask for it. Seeks coalesce: while one waits in the queue,
 * a newer one only moves its target, so a held arrow key or a scrubber drag costs one worker
 * call per reply, not one per event.
 */
import { BOOT, type Position } from '../timeline/position';
import type { LabConnection } from '../worker/client';
import type { Requests } from './requests';
import { watchTarget } from './inspection';
import type { LabState } from './types';

export interface Seeks {
  /** Show the machine at `p` (queued; a seek still waiting goes to `p` instead). */
  to(p: Position): Promise<void>;
  /** Where relative moves start: the last queued seek, else what the views show. */
  from(): Position;
}

export function createSeeks(
  requests: Pick<Requests, 'request' | 'onDrained'>,
  client: Pick<LabConnection, 'seek'>,
  get: () => Pick<LabState, 'position' | 'watched' | 'selection' | 'inspecting'>,
): Seeks {
  /** Where the last queued seek goes: relative steps start from here, not from the view. */
  let target: Position | null = null;
  let waiting: { to: Position; done: Promise<void> } | null = null;
  // With nothing queued, what the views show is where relative moves start.
  requests.onDrained(() => (target = null));
  return {
    to(p) {
      target = p;
      if (waiting) {
        waiting.to = p;
        return waiting.done;
      }
      const w: { to: Position; done: Promise<void> } = { to: p, done: Promise.resolve() };
      waiting = w;
      w.done = requests.request(() => {
        waiting = null;
        return client.seek(w.to.op, w.to.step, watchTarget(get()));
      });
      return w.done;
    },
    from: () => target ?? get().position ?? BOOT,
  };
}
