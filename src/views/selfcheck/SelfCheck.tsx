import { useEffect, useState } from 'react';
import type { EngineRun } from '../../engine/runs';
import type { CaseResult } from '../../scenario/summary';
import type {} from '../testHook';

/** What the page needs of the self-check's worker (boot hands it the real one). */
export interface SelfCheckRunner {
  conformanceNames(): Promise<string[]>;
  runCases(names: string[]): Promise<CaseResult[]>;
  runHashes(runs: EngineRun[]): Promise<string[]>;
}

/**
 * Runs the conformance suite in this browser, in a Web Worker like the lab's engine, and shows
 * each case's result and trace hash. The test hook can also hash engine runs given as data.
 */
export function SelfCheck({ runner }: { runner: () => SelfCheckRunner }) {
  const [results, setResults] = useState<CaseResult[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    window.__hmmlab = {
      ...window.__hmmlab,
      conformance: window.__hmmlab?.conformance ?? {},
      hashRuns: (runs) => runner().runHashes(runs),
    };
  }, [runner]);
  const run = async (): Promise<void> => {
    setRunning(true);
    setError(null);
    try {
      const w = runner();
      const rs = await w.runCases(await w.conformanceNames());
      window.__hmmlab = {
        ...window.__hmmlab,
        conformance: Object.fromEntries(
          rs.map((r) => [r.name, { passed: r.failures.length === 0, traceHash: r.traceHash }]),
        ),
      };
      setResults(rs);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };
  const passed = results?.filter((r) => r.failures.length === 0).length ?? 0;
  return (
    <section aria-labelledby="selfcheck" className="mt-12">
      <h2 id="selfcheck" className="text-xl font-semibold">
        Engine self-check
      </h2>
      <p className="mt-2 text-sm text-slate-400">
        Run every conformance scenario (cases from the kernel&apos;s HMM selftests and the seed
        threads) through the engine, here in your browser, in a Web Worker as the lab runs it.
      </p>
      <button
        type="button"
        onClick={() => void run()}
        disabled={running}
        className="mt-4 rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:brightness-90 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-300"
      >
        Run the conformance suite
      </button>
      {running && (
        <p role="status" className="mt-4 text-sm text-slate-400">
          Running in a Web Worker…
        </p>
      )}
      {error && (
        <p role="alert" className="mt-4 text-sm text-red-300">
          The self-check could not run: {error}
        </p>
      )}
      {results && (
        <>
          <p role="status" className="mt-4 text-sm" data-testid="selfcheck-summary">
            {passed} of {results.length} scenarios pass
          </p>
          <table className="mt-3 w-full text-left text-xs" data-testid="selfcheck-table">
            <thead className="text-slate-400">
              <tr>
                <th className="py-1 pr-4 font-medium">scenario</th>
                <th className="py-1 pr-4 font-medium">commands</th>
                <th className="py-1 pr-4 font-medium">expectations</th>
                <th className="py-1 pr-4 font-medium">result</th>
                <th className="py-1 font-medium">trace hash</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.name} className="border-t border-slate-800" data-case={r.name}>
                  <td className="py-1 pr-4 font-mono">{r.name}</td>
                  <td className="py-1 pr-4">{r.commands}</td>
                  <td className="py-1 pr-4">{r.expectations}</td>
                  <td className="py-1 pr-4">
                    {r.failures.length === 0 ? 'pass' : `FAIL: ${r.failures[0]}`}
                  </td>
                  <td className="py-1 font-mono" data-testid="trace-hash">
                    {r.traceHash}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
