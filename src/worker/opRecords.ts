/**
 * The host's operation records: one per operation, with what seeking, prefix reuse and frame
 * history need. Pure (engine only), so the host runs the same in the worker and in Node tests.
 */
import type { Kernel } from '../engine/kernel';
import { runCommand } from '../engine/ops';
import { changesToJson } from '../engine/trace/changes';
import type { StepRecord } from '../engine/trace/step';
import type { RunStep } from '../scenario/ast';
import { checkExpectation } from '../scenario/expect';
import { recordFrame, type FrameDeltas } from '../timeline/frameHistory';
import type { ExpectFailureView, OpSteps, OpView, StepView } from '../timeline/operations';

/**
 * One operation the host ran. Its view's `steps` and `firstSeq` are also on the record itself,
 * so the timeline's position arithmetic reads the host's records as it reads views.
 */
export interface OpRecord extends FrameDeltas, OpSteps {
  view: OpView;
  /** What the operation ran: its command and expectations, lines left out (stepKey). */
  key: string;
  /** Which of its step's expectations failed (indices), so their lines can follow an edit. */
  failed: number[];
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
export function runOp(k: Kernel, step: RunStep, index: number, key: string): OpRecord {
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
      return { view, steps, firstSeq, key, failed, deltas: Int32Array.from(deltas) };
    }
    // Read the frames now: this is the only moment their post-step values exist (and a
    // hotplug may have reallocated the arrays, so look them up every time).
    const f = k.m.frames;
    for (const pfn of n.value.changes.frames.indices()) recordFrame(deltas, steps.length, pfn, f);
    steps.push(stepView(n.value));
  }
}

/**
 * `rec` with the line numbers of `step` (the same command and expectations, maybe moved by an
 * edit): the same record when nothing moved, else a copy with a new view.
 */
export function relined(rec: OpRecord, step: RunStep): OpRecord {
  const old = rec.view.failures;
  const failures = rec.failed.map((i, j) => ({
    line: step.expects[i]?.line ?? 0,
    message: old[j]?.message ?? '',
  }));
  if (step.line === rec.view.line && failures.every((f, j) => f.line === old[j]?.line)) return rec;
  return { ...rec, view: { ...rec.view, line: step.line, failures } };
}
