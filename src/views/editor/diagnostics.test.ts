import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { diagnosticRange, toCmDiagnostics } from './diagnostics';

const doc = Text.of([
  'ram 64', //                   line 1, offsets 0..6
  'app mmap buf abc # pages', // line 2, offsets 7..31
  '\tapp write buf[0] 1', //     line 3, offsets 32..51
  '', //                         line 4, offset 52
  'title "a b" x', //            line 5, offsets 53..66
]);

function text(r: { from: number; to: number }): string {
  return doc.sliceString(r.from, r.to);
}

describe('diagnosticRange', () => {
  it('underlines the token at the column', () => {
    const r = diagnosticRange(doc, 2, 14);
    expect(r).toEqual({ from: 20, to: 23 });
    expect(text(r)).toBe('abc');
    expect(text(diagnosticRange(doc, 1, 1))).toBe('ram');
  });

  it('counts a tab as one column', () => {
    expect(text(diagnosticRange(doc, 3, 2))).toBe('app');
    expect(text(diagnosticRange(doc, 3, 12))).toBe('buf[0]');
  });

  it('underlines a quoted string whole', () => {
    expect(text(diagnosticRange(doc, 5, 7))).toBe('"a b"');
  });

  it('underlines the token before the end of a line', () => {
    // "found end of line" is reported just after the last token.
    expect(text(diagnosticRange(doc, 1, 7))).toBe('64');
    expect(text(diagnosticRange(doc, 2, 17))).toBe('abc');
  });

  it('clamps columns and lines to the document', () => {
    expect(text(diagnosticRange(doc, 1, 99))).toBe('64');
    expect(text(diagnosticRange(doc, 1, 0))).toBe('ram');
    expect(text(diagnosticRange(doc, 1, -5))).toBe('ram');
    expect(text(diagnosticRange(doc, 0, 1))).toBe('ram');
    // A line past the end: the end of the last line.
    expect(text(diagnosticRange(doc, 40, 1))).toBe('x');
    expect(diagnosticRange(doc, Number.NaN, Number.NaN)).toEqual({ from: 0, to: 3 });
  });

  it('stays a point on an empty line or an empty document', () => {
    expect(diagnosticRange(doc, 4, 3)).toEqual({ from: 52, to: 52 });
    expect(diagnosticRange(Text.empty, 3, 3)).toEqual({ from: 0, to: 0 });
  });
});

describe('toCmDiagnostics', () => {
  it('keeps severity and message', () => {
    expect(
      toCmDiagnostics(doc, [
        { line: 2, column: 14, message: 'expected a page count', severity: 'error' },
        { line: 9, column: 1, message: 'stale', severity: 'info' },
      ]),
    ).toEqual([
      { from: 20, to: 23, severity: 'error', message: 'expected a page count' },
      { from: 65, to: 66, severity: 'info', message: 'stale' },
    ]);
  });
});
