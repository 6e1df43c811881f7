/**
 * The one place engine data enters the store (src/store/README.md): a worker reply is
 * merged here, in one setState, so views never see half of a reply.
 */
import type { OpView } from '../timeline/operations';
import type { StateReply } from '../worker/client';
import type { LabState } from './types';

/** Merge a patch into the lab store (zustand's `set`, as the store's parts use it). */
export type SetLab = (patch: Partial<LabState>) => void;

/** Operations after a reply: the kept prefix, then the reply's ones from `opsFrom` on. */
export function mergeOps(prev: OpView[], reply: StateReply): OpView[] {
  // Nothing new (seek, watch): keep the same array so selectors on it stay stable.
  if (reply.ops.length === 0 && prev.length === reply.opCount) return prev;
  if (reply.opsFrom > prev.length)
    throw new Error(
      `a reply skipped operations (it starts at ${reply.opsFrom}, the lab has ${prev.length})`,
    );
  const ops = reply.opsFrom === 0 ? reply.ops : prev.slice(0, reply.opsFrom).concat(reply.ops);
  if (ops.length !== reply.opCount)
    throw new Error(`a reply's operations do not add up (${ops.length} of ${reply.opCount})`);
  return ops;
}

/**
 * Apply a worker reply. `patch` carries the UI state that changes with it (the command list,
 * the watched frame, latency...), so the whole change is one update.
 */
export function applyReply(
  set: SetLab,
  get: () => Pick<LabState, 'ops'>,
  reply: StateReply,
  patch: Partial<LabState> = {},
): void {
  const ops = mergeOps(get().ops, reply);
  set({
    status: 'ready',
    ...patch,
    ops,
    snapshot: reply.snapshot,
    position: reply.position,
    history: reply.history,
  });
}
