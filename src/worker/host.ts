/**
 * The lab host: owns the engine and the timeline, answers the worker protocol. Pure (no DOM,
 * no `self`, no timers) so Node tests drive it directly; host.worker.ts puts it in a Worker.
 *
 * Contract (protocol.ts): every call returns a fresh StateReply or throws an Error the UI can
 * show, and a call that throws leaves the host exactly as it was. Each call therefore builds
 * its next state on the side and commits it only once the reply exists.
 */
import type { Command, MachineSpec } from '../engine/command';
import { Engine } from '../engine/engine';
import { LIMITS, overLimit } from '../engine/limits';
import type { Machine } from '../engine/state';
import { takeSnapshot } from '../engine/snapshot';
import { PROTOCOL_VERSION, type LabHostApi, type Position, type StateReply } from './protocol';
import { machineAfter } from './replay';
import { bootMachine, frameHistory, runOp, type OpRecord } from './timeline';

interface Lab {
  spec: MachineSpec;
  engine: Engine;
  ops: OpRecord[];
  position: Position;
  watched: number | null;
}

const BOOTED: Position = { op: -1, step: -1 };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function describe(cmd: Command, index: number): string {
  return `command ${index + 1} (${cmd.op})`;
}

function createEngine(spec: MachineSpec): Engine {
  const c = Engine.create(spec);
  if (!c.ok) throw new Error(c.error);
  return c.engine;
}

/**
 * An Engine can't be built from a Machine (its trace hash covers the whole run), so a restore
 * re-runs the accepted commands. Slow for long runs, but only a bug in the engine gets here.
 */
function rebuild(spec: MachineSpec, commands: readonly Command[]): Engine {
  const engine = createEngine(spec);
  for (const cmd of commands) engine.run(cmd);
  return engine;
}

function lastPosition(ops: readonly OpRecord[]): Position {
  const last = ops[ops.length - 1];
  return last ? { op: last.view.index, step: last.view.steps.length - 1 } : BOOTED;
}

/** Steps executed before the state at `p` (the snapshot's seq). */
function seqAt(ops: readonly OpRecord[], p: Position): number {
  const op = ops[p.op];
  return op ? op.view.firstSeq + p.step + 1 : 0;
}

function checkWatch(pfn: number | null): void {
  if (pfn !== null && !(Number.isInteger(pfn) && pfn >= 0))
    throw new Error(`cannot watch frame ${pfn}: a pfn is a whole number from 0`);
}

function checkPosition(ops: readonly OpRecord[], op: number, step: number): Position {
  if (op === -1) return BOOTED;
  const rec = Number.isInteger(op) ? ops[op] : undefined;
  if (!rec) throw new Error(`there is no operation ${op} (the timeline has ${ops.length})`);
  const n = rec.view.steps.length;
  if (!Number.isInteger(step) || step < -1 || step >= n)
    throw new Error(`operation ${op} has no step ${step} (it has ${n})`);
  return { op, step };
}

/** The machine at `p`: the live one at the end of the timeline, else replayed. Read-only. */
function machineAt(lab: Lab, p: Position): Machine {
  const op = lab.ops[p.op];
  if (!op) return bootMachine(lab.ops, lab.engine.machine);
  const end = lastPosition(lab.ops);
  if (p.op === end.op && p.step === end.step) return lab.engine.machine;
  return machineAfter(op, p.step);
}

/** The reply for `lab`, with operations from `opsFrom` on. Builds everything fresh. */
function reply(lab: Lab, opsFrom: number): StateReply {
  const seq = seqAt(lab.ops, lab.position);
  const boot = bootMachine(lab.ops, lab.engine.machine);
  return {
    v: PROTOCOL_VERSION,
    snapshot: takeSnapshot(machineAt(lab, lab.position), seq),
    opsFrom,
    ops: lab.ops.slice(opsFrom).map((o) => o.view),
    opCount: lab.ops.length,
    position: { ...lab.position },
    history: lab.watched === null ? null : frameHistory(lab.watched, boot, lab.ops, seq),
  };
}

export class LabHost implements LabHostApi {
  private lab: Lab | null = null;

  version(): number {
    return PROTOCOL_VERSION;
  }

  init(spec: MachineSpec, commands: Command[], watch: number | null): StateReply {
    checkWatch(watch);
    if (commands.length > LIMITS.commands)
      throw new Error(overLimit('commands', commands.length, 'commands'));
    const engine = createEngine(spec);
    const ops: OpRecord[] = [];
    commands.forEach((cmd, i) => {
      try {
        ops.push(runOp(engine, cmd, i));
      } catch (e) {
        // Nothing was committed: the lab is still the previous one.
        throw new Error(`The engine threw on ${describe(cmd, i)}: ${message(e)}`, { cause: e });
      }
    });
    const lab: Lab = { spec, engine, ops, position: lastPosition(ops), watched: watch };
    return this.commit(lab, reply(lab, 0));
  }

  run(command: Command, watch: number | null): StateReply {
    const cur = this.current();
    checkWatch(watch);
    const index = cur.ops.length;
    if (index >= LIMITS.commands) throw new Error(overLimit('commands', index + 1, 'commands'));
    let op: OpRecord;
    try {
      op = runOp(cur.engine, command, index);
    } catch (e) {
      // The live engine stopped half-way through the command: put it back as it was.
      cur.engine = rebuild(
        cur.spec,
        cur.ops.map((o) => o.view.command),
      );
      throw new Error(
        `The engine threw on ${describe(command, index)}: ${message(e)}; the state before it was restored`,
        { cause: e },
      );
    }
    const ops = cur.ops.concat(op);
    const lab: Lab = { ...cur, ops, position: lastPosition(ops), watched: watch };
    return this.commit(lab, reply(lab, index));
  }

  seek(op: number, step: number, watch: number | null): StateReply {
    const cur = this.current();
    checkWatch(watch);
    const lab: Lab = { ...cur, position: checkPosition(cur.ops, op, step), watched: watch };
    return this.commit(lab, reply(lab, cur.ops.length));
  }

  watch(pfn: number | null): StateReply {
    const cur = this.current();
    checkWatch(pfn);
    const lab: Lab = { ...cur, watched: pfn };
    return this.commit(lab, reply(lab, cur.ops.length));
  }

  fail(fatal: boolean): void {
    // fatal: the worker entry kills itself; the host has nothing to do.
    if (!fatal) throw new Error('Injected failure: the engine threw inside the worker');
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
