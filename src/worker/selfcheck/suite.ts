/**
 * The conformance suite, run in this browser: every scenario of src/conformance through the
 * same engine the CLI uses. The trace hashes let e2e prove the engine is deterministic across
 * Node and the browser.
 */
import { caseResult, type CaseResult } from '../../scenario/summary';

const FILES = import.meta.glob<string>('../../conformance/*.hmm', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function conformanceNames(): string[] {
  return Object.keys(FILES)
    .map((p) => p.slice(p.lastIndexOf('/') + 1))
    .sort();
}

export function runCase(name: string): CaseResult {
  return caseResult(name, FILES[`../../conformance/${name}`] ?? '');
}
