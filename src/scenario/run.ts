/**
 * Running a scenario headless: build the machine, run each command, check its expectations.
 * The CLI, the conformance tests and the presets all go through here.
 */
import { Engine, type RunRecord } from '../engine/engine';
import type { StepRecord } from '../engine/trace/step';
import type { Scenario } from './ast';
import { checkExpectation } from './expect';
import { format } from './format';
import { HEADER_WORDS } from './values';

const HEADER: ReadonlySet<string> = new Set(HEADER_WORDS);

export interface ExpectFailure {
  /** The expectation's line in the scenario text (0 when not from text). */
  line: number;
  /** The expectation, as written. */
  expect: string;
  message: string;
}

export interface ScenarioRun {
  engine: Engine;
  records: RunRecord[];
  failures: ExpectFailure[];
  /** Commands the engine could not make sense of (unknown names), by line. */
  problems: { line: number; message: string }[];
}

export interface RunOptions {
  /** Called after every micro-step, with the step's command index. */
  onStep?: (step: StepRecord, command: number, engine: Engine) => void;
  /** Called after every command, before its expectations are checked. */
  onCommand?: (rec: RunRecord, command: number, engine: Engine) => void;
}

export function runScenario(
  s: Scenario,
  opts: RunOptions = {},
): { ok: true; run: ScenarioRun } | { ok: false; error: string } {
  const created = Engine.create(s.machine);
  if (!created.ok) return { ok: false, error: created.error };
  const engine = created.engine;
  const run: ScenarioRun = { engine, records: [], failures: [], problems: [] };
  const exprText = expectTexts(s);
  s.steps.forEach((step, ci) => {
    const rec = engine.run(
      step.command,
      opts.onStep ? (st) => opts.onStep?.(st, ci, engine) : undefined,
    );
    run.records.push(rec);
    opts.onCommand?.(rec, ci, engine);
    if (rec.result.problem) run.problems.push({ line: step.line, message: rec.result.problem });
    step.expects.forEach((e, ei) => {
      const why = checkExpectation(engine.machine, rec.result, e);
      if (why)
        run.failures.push({ line: e.line, expect: exprText[ci]?.[ei] ?? e.kind, message: why });
    });
  });
  return { ok: true, run };
}

/** The text of each expectation, for messages (taken from the canonical format). */
function expectTexts(s: Scenario): string[][] {
  const lines = format(s).split('\n');
  const out: string[][] = [];
  let ci = -1;
  for (const line of lines) {
    if (line.startsWith('  expect ')) out[ci]?.push(line.trim());
    else if (line.trim() && !line.startsWith(' ') && !HEADER.has(line.split(/\s+/)[0] ?? '')) {
      ci++;
      out[ci] = [];
    }
  }
  return out;
}
