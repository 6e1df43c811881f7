/**
 * Every worker call the store makes goes through one serial queue (queue.ts), so replies are
 * applied in the order the user asked, each in one update (bridge.ts). A request never rejects:
 * a worker-side Error leaves the lab as it was and says so; a crash is healed by replaying the
 * scenario (crashReplay.ts) before anything else runs.
 */
import { isCrash, type StateReply } from '../worker/client';
import { applyReply, type SetLab } from './bridge';
import type { CrashReplay } from './crashReplay';
import { workerError } from './messages';
import { createQueue } from './queue';
import type { LabState } from './types';

/**
 * Queue a request (null: only heal a pending crash); `patch` is the UI state that changes with
 * its reply, computed when the reply arrives. Never rejects: failures become `error`.
 */
export type Request = (
  call: (() => Promise<StateReply>) | null,
  patch?: (reply: StateReply) => Partial<LabState>,
) => Promise<void>;

export interface Requests {
  request: Request;
  /** Requests queued or running. */
  readonly size: number;
  /** Call `fn` each time the last request in the queue settles. */
  onDrained(fn: () => void): void;
}

export function createRequests(
  set: SetLab,
  get: () => Pick<LabState, 'status' | 'ops'>,
  crashes: Pick<CrashReplay, 'pending' | 'noteFailed' | 'recover'>,
  now: () => number,
): Requests {
  const queue = createQueue();
  const drained: (() => void)[] = [];
  const request: Request = (call, patch = () => ({})) => {
    const t0 = now();
    // Busy at once, not when the queue gets to it: the views disable their actions now.
    if (get().status !== 'starting') set({ status: 'busy' });
    return queue.push(async () => {
      try {
        if (crashes.pending) await crashes.recover();
        if (!call) return;
        const reply = await call();
        applyReply(set, get, reply, { ...patch(reply), lastLatencyMs: now() - t0 });
      } catch (e) {
        if (isCrash(e)) {
          crashes.noteFailed(e);
          await crashes.recover();
        } else set({ error: workerError(e) });
      } finally {
        // The queue still counts this task: more than one means someone is waiting.
        set({ status: queue.size > 1 ? 'busy' : 'ready' });
        if (queue.size <= 1) for (const fn of drained) fn();
      }
    });
  };
  return {
    request,
    get size() {
      return queue.size;
    },
    onDrained: (fn) => void drained.push(fn),
  };
}
