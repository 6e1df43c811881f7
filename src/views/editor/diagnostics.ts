/**
 * EditorDiagnostics (1-based line and column, from the parser) → CodeMirror diagnostics
 * (document offsets). Positions are clamped to the document, so diagnostics computed for an
 * older text never throw; each one underlines the token it points at.
 */
import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import type { EditorDiagnostic } from './types';

export interface OffsetRange {
  from: number;
  to: number;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

function whole(n: number, fallback: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** Where a token starting at `start` of `text` ends: a quoted string, or up to space or `#`. */
function tokenEnd(text: string, start: number): number {
  let i = start;
  if (text[i] === '"') {
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return Math.min(text.length, i + 1);
  }
  while (i < text.length && !isSpace(text[i] ?? '') && text[i] !== '#') i += 1;
  return i;
}

/**
 * The range to underline for a problem at `line`:`column` (1-based, UTF-16 columns, a tab is
 * one column): the token there. At the end of a line ("found end of line"), the token before
 * it. A line past the end means the end of the last line; a column past the end, the line's end.
 */
export function diagnosticRange(doc: Text, line: number, column: number): OffsetRange {
  const n = Math.min(Math.max(whole(line, 1), 1), doc.lines);
  const l = doc.line(n);
  const col = n < whole(line, 1) ? l.length : Math.min(Math.max(whole(column, 1) - 1, 0), l.length);
  const text = l.text;
  const end = tokenEnd(text, col);
  if (end > col) return { from: l.from + col, to: l.from + end };
  // Nothing to underline here: fall back on the token before (blank lines stay a point).
  let stop = col;
  while (stop > 0 && isSpace(text[stop - 1] ?? '')) stop -= 1;
  let start = stop;
  while (start > 0 && !isSpace(text[start - 1] ?? '')) start -= 1;
  if (start === stop) return { from: l.from + col, to: l.from + col };
  return { from: l.from + start, to: l.from + stop };
}

/** The editor's diagnostics for `doc`, in the order given. */
export function toCmDiagnostics(doc: Text, diagnostics: readonly EditorDiagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    const suggestion = d.suggestion;
    return {
      ...diagnosticRange(doc, d.line, d.column),
      severity: d.severity,
      message: d.message,
      ...(suggestion === undefined
        ? {}
        : {
            actions: [
              {
                name: `change to ${suggestion}`,
                apply: (view: EditorView, from: number, to: number) =>
                  view.dispatch({
                    changes: { from, to, insert: suggestion },
                    selection: { anchor: from + suggestion.length },
                  }),
              },
            ],
          }),
    };
  });
}

/** The same marks (so the editor is not sent an unchanged list again). */
export function sameDiagnostics(
  a: readonly EditorDiagnostic[],
  b: readonly EditorDiagnostic[],
): boolean {
  return (
    a.length === b.length &&
    a.every((d, i) => {
      const e = b[i];
      return (
        !!e &&
        d.line === e.line &&
        d.column === e.column &&
        d.message === e.message &&
        d.suggestion === e.suggestion &&
        d.severity === e.severity
      );
    })
  );
}
