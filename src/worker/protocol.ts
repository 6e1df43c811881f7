/**
 * The worker protocol (version 3: a watch may name a page, whose frame it follows): what the UI asks the engine's worker, and what comes back.
 * The worker owns the engine; the UI only ever sees these messages. Snapshots travel as
 * transferred typed arrays; everything else is small plain data, in the timeline's vocabulary
 * (src/timeline) and the scenario's steps.
 */
import type { MachineSpec } from '../engine/commands/terms';
import type { FaultPlan } from '../engine/testing/faults';
import type { Snapshot } from '../engine/snapshot';
import type { RunStep } from '../scenario/ast';
import type { ParseResult } from '../scenario/errors';
import type { FrameHistory } from '../timeline/frameHistory';
import type { OpView } from '../timeline/operations';
import type { Landing, Position } from '../timeline/position';
import type { WatchTarget } from '../timeline/selection';

export const PROTOCOL_VERSION = 3;

/** What the worker entry exposes: the host's API, plus the rest of a large reply. */
export interface WorkerApi extends LabHostApi {
  /** The next part (up to OPS_PART) of the last reply's operations not yet sent. */
  moreOps(): OpView[];
  /** Parse a scenario text (a large one: the page's main thread stays free). */
  parse(text: string): ParseResult;
}

/**
 * What the worker posts (outside Comlink, no `id`) before it runs each command live: the
 * command's operation index. The page keeps the last one, so a worker that dies or stops
 * answering is known to have died on that command.
 */
export interface ProgressMessage {
  hmmLabProgress: number;
}

export function isProgress(data: unknown): data is ProgressMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { hmmLabProgress?: unknown }).hmmLabProgress === 'number'
  );
}

/** Every reply that changes what the UI shows. */
export interface StateReply {
  v: typeof PROTOCOL_VERSION;
  snapshot: Snapshot;
  /** Operations from `opsFrom` on (earlier ones are unchanged); the full list after init. */
  opsFrom: number;
  ops: OpView[];
  /** Total operations in the timeline. */
  opCount: number;
  position: Position;
  /** The watched frame's history (a watched page's frame at `position`), when there is one. */
  history: FrameHistory | null;
  /**
   * Operations of this reply still in the worker (WorkerApi.moreOps fetches them, a part at a
   * time, so no single message takes the page's main thread long to read). The client puts a
   * reply back together before anyone sees it; absent or 0: `ops` is complete.
   */
  opsMore?: number;
}

/** Operations per message of a large reply (see StateReply.opsMore). */
export const OPS_PART = 400;

/**
 * The worker's API (exposed with Comlink). Every call either resolves with a StateReply or
 * rejects with an Error whose message the UI shows; after a rejection the worker's state is
 * what it was before the call.
 */
export interface LabHostApi {
  version(): number;
  /**
   * A new machine, then `steps` run in order (a scenario, an edit of it, or a replay after a
   * restart), landing at `at` when that step exists, else at the end (null: the end).
   * When `spec` and a prefix of `steps` equal the current lab's, that prefix is kept, not
   * re-run, and the reply's ops start after it (opsFrom).
   */
  init(spec: MachineSpec, steps: RunStep[], at: Landing | null, watch: WatchTarget): StateReply;
  /** Run more steps at the end (a clicked action), and show the last one's last micro-step. */
  append(steps: RunStep[], watch: WatchTarget): StateReply;
  /** Show the machine after micro-step `step` of operation `op` (step -1: before it started). */
  seek(op: number, step: number, watch: WatchTarget): StateReply;
  /**
   * Watch another frame, or a page (then the frame it maps at the position shown, whatever
   * the position): its history comes with every reply. Every call above names it too.
   */
  watch(target: WatchTarget): StateReply;
  /** Test hook: throw inside the worker (a recoverable error), or die (`fatal`). */
  fail(fatal: boolean): void;
  /** Test hook: arm (or clear, null) a fault on every live run of a command (FaultPlan). */
  fault(plan: FaultPlan | null): void;
}
