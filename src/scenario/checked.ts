/**
 * Running a scenario with every invariant checked after every micro-step (and the exact ones
 * after every command): what the conformance suite and the presets' test both require.
 */
import { checkInvariants } from '../engine/invariants';
import type { Scenario } from './ast';
import { runScenario, type ScenarioRun } from './run';

export interface CheckedRun {
  run: ScenarioRun;
  /** Every invariant that broke, with the line, step and function where it did. */
  broken: string[];
}

export function runChecked(
  s: Scenario,
): { ok: true; value: CheckedRun } | { ok: false; error: string } {
  const broken: string[] = [];
  const out = runScenario(s, {
    onStep: (step, ci, engine) => {
      for (const v of checkInvariants(engine.machine, false))
        broken.push(
          `line ${s.steps[ci]?.line}: step ${step.seq} ${step.fn}: ${v.rule}: ${v.detail}`,
        );
    },
    onCommand: (_rec, ci, engine) => {
      for (const v of checkInvariants(engine.machine, true))
        broken.push(`line ${s.steps[ci]?.line}: after the command: ${v.rule}: ${v.detail}`);
    },
  });
  return out.ok ? { ok: true, value: { run: out.run, broken } } : out;
}
