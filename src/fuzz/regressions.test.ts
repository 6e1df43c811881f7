/**
 * What the fuzz work found, kept as tests.
 *
 * 1. The parser split the whole text into lines first and tokenized every one: a text of 4
 *    million empty lines (within textLength, and a few bytes in a deflated link) took about
 *    2.5 s, and a link paid it twice (header check, then the parse): the tab froze. Lines are
 *    now scanned in place and blank and comment lines skipped without making a string.
 * 2. fromJson placed each of its (up to 50) errors by scanning the whole document again: a
 *    2 MB file with an error in every step took over 3 s. All are now placed in one scan.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import { fromJson } from '../scenario/json';
import { lineColumn, lineColumns, locatePath, locatePaths } from '../scenario/json-locate';
import { parse, parseHeader } from '../scenario/parse';
import { SEEDS } from './corpus';

describe('line scanning', () => {
  it('numbers lines across \\n, \\r\\n and \\r, blank and comment lines included', () => {
    const r = parse('process p\r\n\r\n\r  # note\n\t\np bogus\r');
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.column])).toEqual([[6, 3]]);
    const t = parse('\n\n\rram x');
    expect(t.ok ? [] : t.errors.map((e) => e.line)).toEqual([4]);
  });

  // Guarded by the test's own timeout, generous: before the fix this took about 25 s.
  it('reads a text of millions of blank or comment lines quickly', { timeout: 10_000 }, () => {
    for (const unit of ['\n', '\r', '\r\n', '#\n', ' \t\n']) {
      const text = unit.repeat(Math.floor(LIMITS.textLength / unit.length));
      expect(parse(text).ok).toBe(true);
      expect(parseHeader(text)).toEqual([]);
    }
  });
});

describe('JSON error positions', () => {
  it('places many errors in one scan, where one scan each would', () => {
    const seed = SEEDS.find((s) => s.id === 'storyboard') ?? SEEDS[0];
    const doc = JSON.parse(seed?.json ?? '{}') as {
      scenario: { steps: Array<{ command: { proc?: string } }> };
    };
    for (const st of doc.scenario.steps) if (st.command.proc) st.command.proc = 'nobody';
    const text = JSON.stringify(doc, null, 2);
    const r = fromJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.length).toBeGreaterThan(3);
    for (const e of r.errors) {
      const path =
        (e.path ?? '').match(/[A-Za-z_]+|\d+/g)?.map((k) => (/^\d+$/.test(k) ? Number(k) : k)) ??
        [];
      expect([e.line, e.column]).toEqual(Object.values(lineColumn(text, locatePath(text, path))));
    }
  });

  it('locatePaths and lineColumns agree with one path and one offset at a time', () => {
    const text = SEEDS[0]?.json ?? '{}';
    const paths = [
      ['scenario', 'steps', 3, 'command'],
      ['scenario', 'machine', 'ramPages'],
      ['scenario', 'steps', 999],
      [],
      ['scenario', 'steps', 3],
      ['nope'],
    ];
    const all = locatePaths(text, paths);
    expect(all).toEqual(paths.map((p) => locatePath(text, p)));
    expect(lineColumns(text, all)).toEqual(all.map((o) => lineColumn(text, o)));
  });

  // Before the fix: over 3 s; now about 0.3 s.
  it('a 2 MB document with an error in every step is answered quickly', { timeout: 2500 }, () => {
    const scenario = {
      title: null,
      machine: { kernel: 'modern', platform: 'pcie4', ramPages: 8, devices: [], processes: ['p'] },
      steps: Array.from({ length: 30_000 }, () => ({
        command: { op: 'exit', proc: 'q' },
        expects: [],
        line: 0,
      })),
    };
    const r = fromJson(JSON.stringify({ format: 'hmm-lab/scenario', version: 1, scenario }));
    expect(r.ok ? 0 : r.errors.length).toBe(50);
  });
});
