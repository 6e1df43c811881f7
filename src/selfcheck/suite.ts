/**
 * The conformance suite, run in this browser: every scenario of src/conformance through the
 * same engine the CLI uses. The trace hashes let e2e prove the engine is deterministic across
 * Node and the browser.
 */
import { parse } from '../scenario/parse';
import { runScenario } from '../scenario/run';

const FILES = import.meta.glob<string>('../conformance/*.hmm', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface CaseResult {
  name: string;
  commands: number;
  expectations: number;
  failures: string[];
  traceHash: string;
}

export function conformanceNames(): string[] {
  return Object.keys(FILES)
    .map((p) => p.slice(p.lastIndexOf('/') + 1))
    .sort();
}

export function runCase(name: string): CaseResult {
  const text = FILES[`../conformance/${name}`] ?? '';
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
