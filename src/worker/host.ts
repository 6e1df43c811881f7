/**
 * The lab host: owns the live machine and the timeline, answers the worker protocol. Pure (no
 * DOM, no `self`, no timers) so Node tests drive it directly; host.worker.ts puts it in a Worker.
 *
 * Contract (protocol.ts): every call returns a fresh StateReply or throws an Error the UI can
 * show, and a call that throws leaves the host exactly as it was. init builds its lab on the
 * side and commits it only once the reply exists; append runs on the live machine (copying it
 * first would cost a whole machine per click) and, if the engine throws, rebuilds the live
 * machine from the nearest checkpoint.
 *
 * The host drives the kernel directly (runCommand), not an Engine: an Engine cannot resume from
 * a Machine, and the host has no use for its trace hash. A Kernel carries nothing but its
 * machine, the step counter `seq` and the current operation's cost, so a machine plus `seq`
 * resumes a run exactly.
 *
 * Prefix reuse (init): when the spec and the first p steps (command and expectations, compared
 * as canonical JSON without line numbers) equal the current lab's, those p operations are kept,
 * not re-run, and the new steps continue from the machine after operation p - 1. Kept
 * operations take the new steps' line numbers; the reply sends every operation from the first
 * one that changed at all (re-run, or only moved to other lines), so `opsFrom` may be below p.
 */
import type { MachineSpec } from '../engine/commands/terms';
import { Engine } from '../engine/engine';
import { Kernel } from '../engine/kernel';
import { LIMITS, overLimit } from '../engine/limits';
import type { Machine } from '../engine/state';
import { takeSnapshot } from '../engine/snapshot';
import type { RunStep } from '../scenario/ast';
import { frameHistory } from '../timeline/frameHistory';
import { endPosition, isEnd, landing, positionProblem, seqAt } from '../timeline/navigation';
import { BOOT, type Landing, type Position } from '../timeline/position';
import { watchedFrame, type WatchTarget } from '../timeline/selection';
import { Checkpoints, DEFAULT_CHECKPOINT_BUDGET, estimateBytes } from './checkpoints';
import { canonical, stepKey } from '../scenario/identity';
import { relined, runOp, type OpRecord } from './opRecords';
import type { FaultPlan } from '../engine/testing/faults';
import { PROTOCOL_VERSION, type LabHostApi, type StateReply } from './protocol';
import { machineAfter, ownMachineBefore, type ReplaySource, type ReplayStats } from './replay';

export interface LabHostOptions {
  /** A fixed checkpoint interval K (tests force it small); default: chosen from the budget. */
  checkpointEvery?: number;
  /** Estimated bytes the checkpoints may take, the boot machine aside (default 64 MiB). */
  checkpointBudget?: number;
  /** Told the operation index before each command runs live (the worker posts it). */
  progress?: (op: number) => void;
}

/** What the host holds and has done (tests and the benchmark read it; not part of the protocol). */
export interface LabStats extends ReplayStats {
  /** K: a checkpoint before every K-th operation. */
  checkpointEvery: number;
  /** Checkpoints stored (the boot machine not counted). */
  checkpoints: number;
  /** Their estimated bytes. */
  checkpointBytes: number;
  /** The live machine's estimated bytes. */
  machineBytes: number;
  /** Commands run live (init and append), since the host started. */
  opsRun: number;
}

interface Lab extends ReplaySource {
  spec: MachineSpec;
  /** canonical(spec), to recognise the same machine. */
  specKey: string;
  /** The live kernel: its machine is the one after the last operation. */
  kernel: Kernel;
  ops: OpRecord[];
  position: Position;
  watched: WatchTarget;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function describe(step: RunStep, index: number): string {
  const line = step.line > 0 ? `, line ${step.line}` : '';
  return `command ${index + 1} (${step.command.op}${line})`;
}

/** Steps executed by the whole timeline. */
function seqEnd(ops: readonly OpRecord[]): number {
  return seqAt(ops, endPosition(ops));
}

function checkWatch(target: WatchTarget): void {
  if (target === null) return;
  if (typeof target === 'number') {
    if (!(Number.isInteger(target) && target >= 0))
      throw new Error(`cannot watch frame ${target}: a pfn is a whole number from 0`);
    return;
  }
  const { proc, buf, index } = target;
  if (
    typeof proc !== 'string' ||
    typeof buf !== 'string' ||
    !(Number.isInteger(index) && index >= 0)
  )
    throw new Error('cannot watch that page: a page is a process, a buffer and an index from 0');
}

function checkCount(n: number): void {
  if (n > LIMITS.commands) throw new Error(overLimit('commands', n, 'commands'));
}

/** The machine at `p`: the live one at the end of the timeline, else replayed. Read-only. */
function machineAt(lab: Lab, p: Position): Machine {
  if (isEnd(lab.ops, p)) return lab.kernel.m;
  if (p.op < 0) return lab.checkpoints.boot;
  return machineAfter(lab, p.op, p.step);
}

/** The reply for `lab`, with operations from `opsFrom` on. Builds everything fresh. */
function reply(lab: Lab, opsFrom: number): StateReply {
  const seq = seqAt(lab.ops, lab.position);
  const snapshot = takeSnapshot(machineAt(lab, lab.position), seq);
  // A watched page is the frame it maps at this position (it follows the page).
  const pfn = watchedFrame(snapshot, lab.watched);
  return {
    v: PROTOCOL_VERSION,
    snapshot,
    opsFrom,
    ops: lab.ops.slice(opsFrom).map((o) => o.view),
    opCount: lab.ops.length,
    position: { ...lab.position },
    history: pfn === null ? null : frameHistory(pfn, lab.checkpoints.boot.frames, lab.ops, seq),
  };
}

export class LabHost implements LabHostApi {
  private lab: Lab | null = null;
  private readonly every: number | null;
  private readonly budget: number;
  private readonly progress: ((op: number) => void) | null;
  private plan: FaultPlan | null = null;
  private readonly counters: ReplayStats & { opsRun: number } = {
    opsReplayed: 0,
    clones: 0,
    opsRun: 0,
  };

  constructor(opts: LabHostOptions = {}) {
    const every = opts.checkpointEvery ?? null;
    if (every !== null && !(Number.isInteger(every) && every >= 1))
      throw new Error(`checkpointEvery ${every} is not a whole number from 1`);
    this.every = every;
    this.budget = opts.checkpointBudget ?? DEFAULT_CHECKPOINT_BUDGET;
    this.progress = opts.progress ?? null;
  }

  version(): number {
    return PROTOCOL_VERSION;
  }

  init(spec: MachineSpec, steps: RunStep[], at: Landing | null, watch: WatchTarget): StateReply {
    checkWatch(watch);
    checkCount(steps.length);
    const keys = steps.map(stepKey);
    const specKey = canonical(spec);
    const cur = this.lab;
    const p = cur && cur.specKey === specKey ? sharedPrefix(cur.ops, keys) : 0;
    const lab = cur && p > 0 ? this.continued(cur, steps, p) : this.booted(spec, steps.length);
    lab.specKey = specKey;
    // Nothing is committed until every step has run: on a throw the lab is the previous one.
    this.runSteps(lab, steps, keys, lab.ops.length);
    const landed = at && landing(lab.ops, at);
    lab.position = landed ? { op: landed.op, step: landed.step } : endPosition(lab.ops);
    lab.watched = watch;
    let opsFrom = 0;
    if (cur && p > 0) {
      opsFrom = p;
      for (let i = 0; i < p; i++) {
        if (lab.ops[i] !== cur.ops[i]) {
          opsFrom = i;
          break;
        }
      }
    }
    return this.commit(lab, reply(lab, opsFrom));
  }

  append(steps: RunStep[], watch: WatchTarget): StateReply {
    const cur = this.current();
    checkWatch(watch);
    const n = cur.ops.length;
    checkCount(n + steps.length);
    const keys = steps.map(stepKey);
    const lab: Lab = {
      ...cur,
      ops: cur.ops.slice(),
      checkpoints: cur.checkpoints.fork(n, n + steps.length, cur.kernel.m),
      watched: watch,
    };
    let r: StateReply;
    try {
      this.runSteps(lab, steps, keys, 0);
      lab.position = endPosition(lab.ops);
      r = reply(lab, n);
    } catch (e) {
      // The live machine stopped somewhere in the new steps: put it back as it was.
      cur.kernel = this.restored(cur);
      throw new Error(`${message(e)}; the state before it was restored`, { cause: e });
    }
    return this.commit(lab, r);
  }

  seek(op: number, step: number, watch: WatchTarget): StateReply {
    const cur = this.current();
    checkWatch(watch);
    const bad = positionProblem(cur.ops, op, step);
    if (bad) throw new Error(bad);
    const lab: Lab = { ...cur, position: { op, step }, watched: watch };
    return this.commit(lab, reply(lab, cur.ops.length));
  }

  watch(target: WatchTarget): StateReply {
    const cur = this.current();
    checkWatch(target);
    const lab: Lab = { ...cur, watched: target };
    return this.commit(lab, reply(lab, cur.ops.length));
  }

  fail(fatal: boolean): void {
    // fatal: the worker entry kills itself; the host has nothing to do.
    if (!fatal) throw new Error('Injected failure: the engine threw inside the worker');
  }

  fault(plan: FaultPlan | null): void {
    if (plan !== null && plan.kind !== 'hang' && plan.kind !== 'throw')
      throw new Error(`unknown fault ${String(plan.kind)}`);
    this.plan = plan ? { kind: plan.kind, op: plan.op } : null;
  }

  /** Checkpoint and work counters (not part of the protocol). */
  stats(): LabStats {
    const lab = this.lab;
    return {
      ...this.counters,
      checkpointEvery: lab?.checkpoints.every ?? 0,
      checkpoints: lab?.checkpoints.count ?? 0,
      checkpointBytes: lab?.checkpoints.bytes ?? 0,
      machineBytes: lab ? estimateBytes(lab.kernel.m) : 0,
    };
  }

  /** A lab on a freshly booted machine, for a timeline of about `ops` operations. */
  private booted(spec: MachineSpec, ops: number): Lab {
    const c = Engine.create(spec);
    if (!c.ok) throw new Error(c.error);
    const boot = c.engine.machine.clone();
    return {
      spec,
      specKey: '',
      kernel: new Kernel(c.engine.machine),
      ops: [],
      checkpoints: Checkpoints.create(boot, ops, { every: this.every, budget: this.budget }),
      memo: { before: null },
      stats: this.counters,
      position: BOOT,
      watched: null,
    };
  }

  /** A lab that keeps the first `p` operations of `cur` (the steps there are the same). */
  private continued(cur: Lab, steps: readonly RunStep[], p: number): Lab {
    const ops = cur.ops.slice(0, p).map((rec, i) => (steps[i] ? relined(rec, steps[i]) : rec));
    let kernel = cur.kernel;
    if (p < cur.ops.length || p < steps.length) {
      // A machine of its own: the current lab must survive a throw in the new steps.
      const m = p === cur.ops.length ? cur.kernel.m.clone() : ownMachineBefore(cur, p);
      kernel = new Kernel(m);
      kernel.seq = seqEnd(ops);
    }
    const { before, cursor } = cur.memo;
    return {
      ...cur,
      kernel,
      ops,
      checkpoints: cur.checkpoints.fork(p, steps.length, kernel.m),
      // The memo and the cursor describe the same operations while within the kept prefix.
      memo: {
        before: before && before.op <= p ? before : null,
        cursor: cursor && cursor.op < p ? cursor : null,
      },
    };
  }

  /**
   * Run `steps` from index `from` on, as the lab's next operations, on its live kernel, taking
   * checkpoints as they fall due. Throws an Error naming the command the engine threw on.
   */
  private runSteps(
    lab: Lab,
    steps: readonly RunStep[],
    keys: readonly string[],
    from: number,
  ): void {
    for (let j = from; j < steps.length; j++) {
      const step = steps[j];
      if (!step) continue;
      const index = lab.ops.length;
      if (lab.checkpoints.wants(index)) lab.checkpoints.add(index, lab.kernel.m.clone());
      this.progress?.(index);
      try {
        if (this.plan && this.plan.op === step.command.op) injected(this.plan);
        lab.ops.push(runOp(lab.kernel, step, index, keys[j] ?? stepKey(step)));
      } catch (e) {
        throw new Error(`The engine threw on ${describe(step, index)}: ${message(e)}`, {
          cause: e,
        });
      }
      this.counters.opsRun++;
    }
  }

  /** The live kernel of `lab` rebuilt from its checkpoints (after a throw half-way). */
  private restored(lab: Lab): Kernel {
    const k = new Kernel(ownMachineBefore(lab, lab.ops.length));
    k.seq = seqEnd(lab.ops);
    return k;
  }

  private current(): Lab {
    if (!this.lab) throw new Error('The lab has no machine yet (init was not called)');
    return this.lab;
  }

  private commit(lab: Lab, r: StateReply): StateReply {
    this.lab = lab;
    return r;
  }
}

/** An injected fault (test hook): never returns. */
function injected(plan: FaultPlan): never {
  if (plan.kind === 'throw') throw new Error(`Injected fault: the engine threw on ${plan.op}`);
  // A runaway engine: only the page's watchdog ends this.
  for (;;) {
    /* spin */
  }
}

/** How many leading operations ran exactly the steps `keys` start with. */
function sharedPrefix(ops: readonly OpRecord[], keys: readonly string[]): number {
  let p = 0;
  while (p < ops.length && p < keys.length && ops[p]?.key === keys[p]) p++;
  return p;
}
