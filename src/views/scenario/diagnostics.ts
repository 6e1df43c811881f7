/**
 * What the editor marks: the text's parse errors, and for the version that ran, each command's
 * problem (a name the engine could not resolve) and each failed expectation at its line.
 */
import type { Step } from '../../scenario/ast';
import type { ScenarioError } from '../../scenario/errors';
import type { OpView } from '../../timeline/operations';
import type { EditorDiagnostic } from '../editor/types';

export function editorDiagnostics(
  textErrors: readonly ScenarioError[],
  ops: readonly OpView[],
  textRan: boolean,
): EditorDiagnostic[] {
  const out: EditorDiagnostic[] = textErrors.map((e) => ({
    line: e.line,
    column: e.column,
    message: e.message,
    severity: 'error',
    ...(e.suggestion === undefined ? {} : { suggestion: e.suggestion }),
  }));
  // Lines of an older text would point at the wrong places while an edit waits to run. With
  // errors, what ran is the lines before the first one (or, for a header error, an older text
  // whose commands all lie past it): only the ops above the first error are marked.
  if (!textRan) return out;
  const above = Math.min(...textErrors.map((e) => e.line), Infinity);
  for (const op of ops) {
    if (op.line >= above) continue;
    if (op.problem && op.line > 0)
      out.push({ line: op.line, column: 1, message: `not run: ${op.problem}`, severity: 'error' });
    for (const f of op.failures)
      if (f.line > 0 && f.line < above)
        out.push({
          line: f.line,
          column: 1,
          message: `expectation failed: ${f.message}`,
          severity: 'warning',
        });
  }
  return out;
}

/** How many expectations the run checked, and how many failed. */
export function checkSummary(
  ops: readonly OpView[],
  steps: readonly Step[],
): { expects: number; failed: number } {
  let failed = 0;
  for (const op of ops) failed += op.failures.length;
  return { expects: steps.reduce((n, s) => n + s.expects.length, 0), failed };
}
