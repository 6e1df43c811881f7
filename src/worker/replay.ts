/**
 * Seeking: rebuild the machine as it was after any micro-step from the nearest stored machine
 * before it (a checkpoint, the boot machine, or the one cached by the last seek), by replaying
 * whole operations on a clone and then the target operation up to the step. The live machine
 * never moves, so later operations stay intact.
 *
 * The last replay is kept running (the cursor): a seek to a later step of the same operation
 * continues it by the steps in between instead of cloning and replaying the operation from its
 * start, so stepping forward through a 262,144-page migration costs one micro-step a step.
 */
import { Kernel } from '../engine/kernel';
import { runCommand } from '../engine/ops';
import type { OpResult } from '../engine/ops/types';
import type { Gen } from '../engine/trace/step';
import type { Machine } from '../engine/state';
import type { Checkpoints } from './checkpoints';
import type { OpRecord } from './opRecords';

/** Work done by replays (for tests and the benchmark). */
export interface ReplayStats {
  /** Operations replayed whole, or up to a step. */
  opsReplayed: number;
  /** Machines cloned to replay on. */
  clones: number;
}

/** A replay of operation `op` stopped after its micro-step `step`, ready to go on. */
export interface Cursor {
  op: number;
  step: number;
  kernel: Kernel;
  gen: Gen<OpResult>;
  /** The generator has returned (after the last step). */
  done: boolean;
}

/** What a replay reads. `memo` is shared by every lab state of one timeline. */
export interface ReplaySource {
  ops: readonly OpRecord[];
  checkpoints: Checkpoints;
  memo: {
    /** The machine before operation `op` that the last seek rebuilt (never mutated). */
    before: { op: number; machine: Machine } | null;
    /** The last replay into an operation; its machine is what the last seek showed. */
    cursor?: Cursor | null;
  };
  stats: ReplayStats;
}

/** A kernel on a private copy of `m`, with change tracking off (a replay's steps are dropped). */
function replayKernel(src: ReplaySource, m: Machine): Kernel {
  const copy = m.clone();
  copy.log.enabled = false;
  src.stats.clones++;
  return new Kernel(copy);
}

function diverged(op: OpRecord, why: string): Error {
  // The engine is deterministic; a different replay is an engine bug, not user input.
  return new Error(`replaying operation ${op.view.index} diverged: ${why}`);
}

/** Run operations [from, to) whole on `k`, whose machine is the one before operation `from`. */
function runWhole(src: ReplaySource, k: Kernel, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const op = src.ops[i];
    if (!op) throw new Error(`there is no operation ${i} to replay`);
    k.seq = op.view.firstSeq;
    k.opCost = 0;
    const gen = runCommand(k, op.view.command);
    let n = 0;
    while (!gen.next().done) n++;
    if (n !== op.view.steps.length)
      throw diverged(op, `${n} steps instead of ${op.view.steps.length}`);
    src.stats.opsReplayed++;
  }
}

/** The nearest stored machine before an operation at or before `op`: a checkpoint or the memo. */
function nearest(src: ReplaySource, op: number): { op: number; machine: Machine } {
  const cp = src.checkpoints.atOrBefore(op);
  const memo = src.memo.before;
  return memo && memo.op <= op && memo.op > cp.op ? memo : cp;
}

/** The machine before operation `op` (op may be ops.length: the end). Read it, never mutate it. */
export function machineBefore(src: ReplaySource, op: number): Machine {
  const base = nearest(src, op);
  if (base.op === op) return base.machine;
  const k = replayKernel(src, base.machine);
  runWhole(src, k, base.op, op);
  src.memo.before = { op, machine: k.m };
  return k.m;
}

/**
 * A private copy of the machine before operation `op`, with change tracking on: the start of a
 * new live machine. The memo is left alone (the caller will mutate this one).
 */
export function ownMachineBefore(src: ReplaySource, op: number): Machine {
  const base = nearest(src, op);
  const k = replayKernel(src, base.machine);
  runWhole(src, k, base.op, op);
  k.m.log.enabled = true;
  return k.m;
}

/**
 * A cursor that finished the operation just before `op` holds the machine before `op`: keep
 * it as the memo (read-only from now on) rather than rebuild that machine.
 */
function retireCursor(src: ReplaySource, op: number): void {
  const c = src.memo.cursor;
  if (!c?.done || c.op + 1 !== op) return;
  src.memo.before = { op, machine: c.kernel.m };
  src.memo.cursor = null;
}

/** Run `c` on to just after micro-step `step` (and to the generator's end after the last). */
function advance(c: Cursor, rec: OpRecord, step: number): void {
  for (let i = c.step + 1; i <= step; i++) {
    const n = c.gen.next();
    if (n.done) throw diverged(rec, `it ended after ${i} steps, before step ${step}`);
    if (n.value.fn !== rec.view.steps[i]?.fn)
      throw diverged(rec, `step ${i} is ${n.value.fn}, not ${rec.view.steps[i]?.fn}`);
  }
  c.step = step;
  // Finish the last step's generator too, so any write after the final yield lands here as
  // it did in the live machine.
  if (step === rec.view.steps.length - 1 && !c.done) {
    if (!c.gen.next().done) throw diverged(rec, 'it ran past its last step');
    c.done = true;
  }
}

/** The machine after micro-step `step` of operation `op` (-1: before it). Read it, never mutate it. */
export function machineAfter(src: ReplaySource, op: number, step: number): Machine {
  const rec = src.ops[op];
  if (!rec) throw new Error(`there is no operation ${op} to replay`);
  retireCursor(src, op);
  if (step < 0) return machineBefore(src, op);
  const c = src.memo.cursor;
  if (c && c.op === op && c.step <= step) {
    advance(c, rec, step);
    return c.kernel.m;
  }
  const last = step === rec.view.steps.length - 1;
  if (last) {
    // After the last step is before the next operation: stored there, it needs no replay.
    const memo = src.memo.before;
    const stored =
      src.checkpoints.exactly(op + 1) ?? (memo?.op === op + 1 ? memo.machine : undefined);
    if (stored) return stored;
  }
  const k = replayKernel(src, machineBefore(src, op));
  k.seq = rec.view.firstSeq;
  k.opCost = 0;
  const fresh: Cursor = {
    op,
    step: -1,
    kernel: k,
    gen: runCommand(k, rec.view.command),
    done: false,
  };
  advance(fresh, rec, step);
  src.memo.cursor = fresh;
  src.stats.opsReplayed++;
  return k.m;
}
