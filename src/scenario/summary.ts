/**
 * A scenario file run headless and summed up (commands, expectations, what failed, the trace
 * hash): what the browser's self-check lists for each conformance case.
 */
import { parse } from './parse';
import { runScenario } from './run';

export interface CaseResult {
  name: string;
  commands: number;
  expectations: number;
  failures: string[];
  traceHash: string;
}

export function caseResult(name: string, text: string): CaseResult {
  const parsed = parse(text);
  if (!parsed.ok)
    return {
      name,
      commands: 0,
      expectations: 0,
      failures: parsed.errors.map((e) => e.message),
      traceHash: '',
    };
  const s = parsed.scenario;
  const out = runScenario(s);
  if (!out.ok) return { name, commands: 0, expectations: 0, failures: [out.error], traceHash: '' };
  return {
    name,
    commands: s.steps.length,
    expectations: s.steps.reduce((n, st) => n + st.expects.length, 0),
    failures: [
      ...out.run.failures.map((f) => `line ${f.line}: ${f.expect}: ${f.message}`),
      ...out.run.problems.map((p) => `line ${p.line}: ${p.message}`),
    ],
    traceHash: out.run.engine.traceHash(),
  };
}
