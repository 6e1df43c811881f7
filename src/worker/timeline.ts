/**
 * The host's timeline: one record per operation, with what seeking and frame history need.
 * Pure (engine only), so the host runs the same in the worker and in Node tests.
 */
import type { Command } from '../engine/command';
import type { Engine, RunRecord } from '../engine/engine';
import type { Machine } from '../engine/state';
import { changesToJson } from '../engine/trace/changes';
import type { StepRecord } from '../engine/trace/step';
import type { FrameHistory, OpView, StepView } from './protocol';

/** Fields per entry of OpRecord.deltas. */
export const DELTA = 5;

export interface OpRecord {
  view: OpView;
  /** The machine just before the operation ran. WARNING: never mutate it; seek replays a clone. */
  checkpoint: Machine;
  /**
   * Every frame a step changed, as it was after that step: flat [step, pfn, ref, map, pin, ...].
   * Compact on purpose: a batched step over a million pages is a million entries.
   */
  deltas: Int32Array;
}

export function stepView(s: StepRecord): StepView {
  return {
    seq: s.seq,
    fn: s.fn,
    text: s.text,
    phase: s.phase,
    pages: s.pages,
    cost: s.cost,
    marks: s.marks,
    source: s.source,
    changes: changesToJson(s.changes),
  };
}

function opView(index: number, firstSeq: number, rec: RunRecord): OpView {
  return {
    index,
    command: rec.cmd,
    ret: rec.result.ret,
    cpages: rec.result.cpages,
    faults: rec.result.faults,
    problem: rec.result.problem,
    cost: rec.cost,
    firstSeq,
    steps: rec.steps.map(stepView),
  };
}

/**
 * Run `cmd` on the live engine as operation `index`, checkpointing first. Throws whatever the
 * engine throws (the engine is then half-way through the command: the caller restores it).
 */
export function runOp(engine: Engine, cmd: Command, index: number): OpRecord {
  const checkpoint = engine.machine.clone();
  const firstSeq = engine.k.seq;
  const deltas: number[] = [];
  let step = 0;
  const rec = engine.run(cmd, (s) => {
    // Read the frames now: this is the only moment their post-step values exist.
    const f = engine.machine.frames;
    for (const pfn of s.changes.frames.indices())
      deltas.push(step, pfn, f.ref[pfn] ?? 0, f.map[pfn] ?? 0, f.pin[pfn] ?? 0);
    step++;
  });
  return { view: opView(index, firstSeq, rec), checkpoint, deltas: Int32Array.from(deltas) };
}

/** The machine as booted: before the first operation, or live when nothing has run. */
export function bootMachine(ops: readonly OpRecord[], live: Machine): Machine {
  return ops[0]?.checkpoint ?? live;
}

/** The history of frame `pfn` over every step whose seq is below `uptoSeq`. */
export function frameHistory(
  pfn: number,
  boot: Machine,
  ops: readonly OpRecord[],
  uptoSeq: number,
): FrameHistory {
  const f = boot.frames;
  // A frame hotplugged later did not exist at boot: it starts from nothing.
  const initial =
    pfn < f.count
      ? { ref: f.ref[pfn] ?? 0, map: f.map[pfn] ?? 0, pin: f.pin[pfn] ?? 0 }
      : { ref: 0, map: 0, pin: 0 };
  const points: FrameHistory['points'] = [];
  for (const op of ops) {
    if (op.view.firstSeq >= uptoSeq) break;
    const d = op.deltas;
    for (let i = 0; i < d.length; i += DELTA) {
      if (d[i + 1] !== pfn) continue;
      const step = d[i] ?? 0;
      const seq = op.view.firstSeq + step;
      if (seq >= uptoSeq) break;
      // A run list may name a frame twice in one step; one point per step is enough.
      if (points[points.length - 1]?.seq === seq) continue;
      points.push({
        seq,
        op: op.view.index,
        step,
        fn: op.view.steps[step]?.fn ?? '',
        ref: d[i + 2] ?? 0,
        map: d[i + 3] ?? 0,
        pin: d[i + 4] ?? 0,
      });
    }
  }
  return { pfn, points, initial };
}
