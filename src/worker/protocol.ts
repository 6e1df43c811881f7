/**
 * The worker protocol (version 2): what the UI asks the engine's worker, and what comes back.
 * The worker owns the engine; the UI only ever sees these messages. Snapshots travel as
 * transferred typed arrays; everything else is small plain data.
 */
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { Expect } from '../scenario/ast';
import type { ParseResult } from '../scenario/errors';
import type { Snapshot } from '../engine/snapshot';
import type { ChangesJson } from '../engine/trace/changes';
import type { Phase } from '../engine/trace/step';

export const PROTOCOL_VERSION = 2;

/** A command as the scenario wrote it: its expectations and its line (0: not from text). */
export interface ScenarioStep {
  command: Command;
  expects: Expect[];
  line: number;
}

/** An expectation that did not hold after its command. */
export interface ExpectFailureView {
  /** The expectation's line in the scenario text (0 when not from text). */
  line: number;
  message: string;
}

/** One micro-step as the UI sees it. */
export interface StepView {
  /** Position in the whole run (0-based). */
  seq: number;
  fn: string;
  text: string;
  phase: Phase;
  pages: number;
  /** Simulated ns. */
  cost: number;
  /** MARK bit flags (fault, migrate, free, invalidate, error). */
  marks: number;
  source: string;
  changes: ChangesJson;
}

/** One operation (a command and the micro-steps it took). */
export interface OpView {
  index: number;
  command: Command;
  ret: number;
  cpages: number | null;
  faults: number | null;
  /** A name the command got wrong (not a kernel error). */
  problem: string | null;
  /** The command's line in the scenario text (0 when not from text). */
  line: number;
  /** Its expectations that failed, in order (empty when all held or there were none). */
  failures: ExpectFailureView[];
  /** Simulated ns of the whole operation. */
  cost: number;
  /** seq of its first step (steps may be empty only for a command that did nothing). */
  firstSeq: number;
  steps: StepView[];
}

/** Where the views are: after micro-step `step` of operation `op`. op -1: the machine as booted. */
export interface Position {
  op: number;
  step: number;
}

/** The refcount / mapcount history of one frame, one point per micro-step that changed it. */
export interface FrameHistory {
  pfn: number;
  points: {
    seq: number;
    op: number;
    step: number;
    fn: string;
    ref: number;
    map: number;
    pin: number;
  }[];
  /** The frame's state at boot (seq -1). */
  initial: { ref: number; map: number; pin: number };
}

/** What the worker entry exposes: the host's API, plus the rest of a large reply. */
export interface WorkerApi extends LabHostApi {
  /** The next part (up to OPS_PART) of the last reply's operations not yet sent. */
  moreOps(): OpView[];
  /** Parse a scenario text (a large one: the page's main thread stays free). */
  parse(text: string): ParseResult;
}

/**
 * A fault a test injects (only through the test hook, never from a URL or a scenario): every
 * live run of a command whose op is `op` hangs in an endless loop or throws. The client sends it
 * to every fresh worker, so a restarted worker hangs on the same command again.
 */
export interface FaultPlan {
  kind: 'hang' | 'throw';
  op: string;
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
  /** The watched frame's history, when one is watched. */
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
  init(
    spec: MachineSpec,
    steps: ScenarioStep[],
    at: Position | null,
    watch: number | null,
  ): StateReply;
  /** Run more steps at the end (a clicked action), and show the last one's last micro-step. */
  append(steps: ScenarioStep[], watch: number | null): StateReply;
  /** Show the machine after micro-step `step` of operation `op` (step -1: before it started). */
  seek(op: number, step: number, watch: number | null): StateReply;
  /** Watch another frame (its history comes with every reply). */
  watch(pfn: number | null): StateReply;
  /** Test hook: throw inside the worker (a recoverable error), or die (`fatal`). */
  fail(fatal: boolean): void;
  /** Test hook: arm (or clear, null) a fault on every live run of a command (FaultPlan). */
  fault(plan: FaultPlan | null): void;
}
