/**
 * The host's timeline: one record per operation, with what seeking, prefix reuse and frame
 * history need. Pure (engine only), so the host runs the same in the worker and in Node tests.
 */
import type { Kernel } from '../engine/kernel';
import { runCommand } from '../engine/ops';
import type { Machine } from '../engine/state';
import { changesToJson } from '../engine/trace/changes';
import type { StepRecord } from '../engine/trace/step';
import { checkExpectation } from '../scenario/expect';
import type { ExpectFailureView, FrameHistory, OpView, ScenarioStep, StepView } from './protocol';

/** Fields per entry of OpRecord.deltas. */
export const DELTA = 5;

export interface OpRecord {
  view: OpView;
  /** What the operation ran: its command and expectations, lines left out (stepKey). */
  key: string;
  /** Which of its step's expectations failed (indices), so their lines can follow an edit. */
  failed: number[];
  /**
   * Every frame a step changed, as it was after that step: flat [step, pfn, ref, map, pin, ...].
   * Compact on purpose: a batched step over a million pages is a million entries.
   */
  deltas: Int32Array;
}

/** JSON with object keys sorted, so equal data gives equal text whatever built it. */
export function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** A step's identity for prefix reuse: its command and expectations, without line numbers. */
export function stepKey(s: ScenarioStep): string {
  return canonical({
    command: s.command,
    expects: s.expects.map(({ line: _line, ...e }) => e),
  });
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

/**
 * Run `step` on the live kernel as operation `index`, then check its expectations. Throws
 * whatever the engine throws (the machine is then half-way through the command: the caller
 * restores it or drops it).
 */
export function runOp(k: Kernel, step: ScenarioStep, index: number, key: string): OpRecord {
  k.opCost = 0;
  const firstSeq = k.seq;
  const deltas: number[] = [];
  const steps: StepView[] = [];
  const gen = runCommand(k, step.command);
  for (let n = gen.next(); ; n = gen.next()) {
    if (n.done) {
      const res = n.value;
      const failed: number[] = [];
      const failures: ExpectFailureView[] = [];
      step.expects.forEach((e, i) => {
        const why = checkExpectation(k.m, res, e);
        if (why === null) return;
        failed.push(i);
        failures.push({ line: e.line, message: why });
      });
      const view: OpView = {
        index,
        command: step.command,
        ret: res.ret,
        cpages: res.cpages,
        faults: res.faults,
        problem: res.problem,
        line: step.line,
        failures,
        cost: k.opCost,
        firstSeq,
        steps,
      };
      return { view, key, failed, deltas: Int32Array.from(deltas) };
    }
    // Read the frames now: this is the only moment their post-step values exist (and a
    // hotplug may have reallocated the arrays, so look them up every time).
    const f = k.m.frames;
    for (const pfn of n.value.changes.frames.indices())
      deltas.push(steps.length, pfn, f.ref[pfn] ?? 0, f.map[pfn] ?? 0, f.pin[pfn] ?? 0);
    steps.push(stepView(n.value));
  }
}

/**
 * `rec` with the line numbers of `step` (the same command and expectations, maybe moved by an
 * edit): the same record when nothing moved, else a copy with a new view.
 */
export function relined(rec: OpRecord, step: ScenarioStep): OpRecord {
  const old = rec.view.failures;
  const failures = rec.failed.map((i, j) => ({
    line: step.expects[i]?.line ?? 0,
    message: old[j]?.message ?? '',
  }));
  if (step.line === rec.view.line && failures.every((f, j) => f.line === old[j]?.line)) return rec;
  return { ...rec, view: { ...rec.view, line: step.line, failures } };
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
