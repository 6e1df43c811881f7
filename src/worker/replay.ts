/**
 * Seeking: rebuild the machine as it was after any micro-step from the nearest stored machine
 * before it (a checkpoint, the boot machine, or the one cached by the last seek), by replaying
 * whole operations on a clone and then the target operation up to the step. The live machine
 * never moves, so later operations stay intact.
 */
import { Kernel } from '../engine/kernel';
import { runCommand } from '../engine/ops';
import type { Machine } from '../engine/state';
import type { Checkpoints } from './checkpoints';
import type { OpRecord } from './timeline';

/** Work done by replays (for tests and the benchmark). */
export interface ReplayStats {
  /** Operations replayed whole, or up to a step. */
  opsReplayed: number;
  /** Machines cloned to replay on. */
  clones: number;
}

/** What a replay reads. `memo` is shared by every lab state of one timeline. */
export interface ReplaySource {
  ops: readonly OpRecord[];
  checkpoints: Checkpoints;
  /** The machine before operation `op` that the last seek rebuilt (never mutated). */
  memo: { before: { op: number; machine: Machine } | null };
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

/** The machine after micro-step `step` of operation `op` (-1: before it). Read it, never mutate it. */
export function machineAfter(src: ReplaySource, op: number, step: number): Machine {
  const rec = src.ops[op];
  if (!rec) throw new Error(`there is no operation ${op} to replay`);
  if (step < 0) return machineBefore(src, op);
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
  const gen = runCommand(k, rec.view.command);
  for (let i = 0; i <= step; i++) {
    const n = gen.next();
    if (n.done) throw diverged(rec, `it ended after ${i} steps, before step ${step}`);
    if (n.value.fn !== rec.view.steps[i]?.fn)
      throw diverged(rec, `step ${i} is ${n.value.fn}, not ${rec.view.steps[i]?.fn}`);
  }
  // Finish the last step's generator too, so any write after the final yield lands here as
  // it did in the live machine.
  if (last && !gen.next().done) throw diverged(rec, 'it ran past its last step');
  src.stats.opsReplayed++;
  return k.m;
}
