import { describe, expect, it } from 'vitest';
import { editorDiagnostics } from './diagnostics';

describe('editor diagnostics', () => {
  it("shows parse errors, else the run's problems and failed expectations at their lines", () => {
    const errs = [{ line: 3, column: 5, message: 'line 3, column 5: bad' }];
    expect(editorDiagnostics(errs, [], true)).toEqual([
      { line: 3, column: 5, message: 'line 3, column 5: bad', severity: 'error' },
    ]);
    const op = {
      index: 0,
      command: { op: 'exit' as const, proc: 'p' },
      ret: 0,
      cpages: null,
      faults: null,
      problem: 'no process named "p"',
      line: 7,
      failures: [{ line: 8, message: 'expected ret 0, got -EFAULT' }],
      cost: 0,
      firstSeq: 0,
      steps: [],
    };
    const d = editorDiagnostics([], [op], true);
    expect(d.map((x) => [x.line, x.severity])).toEqual([
      [7, 'error'],
      [8, 'warning'],
    ]);
    // While an edit waits to run, old lines would point at the wrong places.
    expect(editorDiagnostics([], [op], false)).toEqual([]);
  });
});
