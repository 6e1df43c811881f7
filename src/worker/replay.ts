/**
 * Seeking: rebuild the machine as it was after any micro-step by replaying one operation on a
 * clone of its checkpoint. The live engine never moves, so later operations stay intact.
 */
import { Kernel } from '../engine/kernel';
import { runCommand } from '../engine/ops';
import type { Machine } from '../engine/state';
import type { OpRecord } from './timeline';

/**
 * The machine after micro-step `step` of `op` (-1: before the op). Read it, don't mutate it:
 * for step -1 it is the checkpoint itself.
 */
export function machineAfter(op: OpRecord, step: number): Machine {
  if (step < 0) return op.checkpoint;
  const m = op.checkpoint.clone();
  const k = new Kernel(m);
  k.seq = op.view.firstSeq;
  const gen = runCommand(k, op.view.command);
  for (let i = 0; i <= step; i++) {
    const n = gen.next();
    // The engine is deterministic; a different step here is an engine bug, not user input.
    if (n.done || n.value.fn !== op.view.steps[i]?.fn)
      throw new Error(`replaying operation ${op.view.index} diverged at step ${i}`);
  }
  // Finish the last step's generator too, so any write after the final yield lands here as
  // it did in the live engine.
  if (step === op.view.steps.length - 1 && !gen.next().done)
    throw new Error(`replaying operation ${op.view.index} ran past its last step`);
  return m;
}
