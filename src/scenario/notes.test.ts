import { describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import type { Scenario } from './ast';
import { format } from './format';
import { fromJson, toJson } from './json';
import { parse } from './parse';

const HEAD = 'process app\n\napp mmap buf 1\n';

function ok(t: string): Scenario {
  const r = parse(t);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

/** The errors of `t`, as `line:column message`. */
function errors(t: string): string[] {
  const r = parse(t);
  if (r.ok) throw new Error('errors expected');
  return r.errors.map(
    (e) => `${e.line}:${e.column} ${e.message.replace(/^line \d+, column \d+: /, '')}`,
  );
}

/** Markup, a template, a script URL, an RTL override and a zero-width space: text, nothing more. */
const HOSTILE = '<img src=x onerror=alert(1)> {{7*7}} javascript:alert(1) \u202Eevil\u200B';

describe('note lines', () => {
  it('attach to the command above, in order, with the expectations', () => {
    const s = ok(
      `${HEAD}  note "mmap only makes a VMA: no page yet"\n  expect rss app 0\n` +
        `  note "say \\"why\\" \\\\ # not a comment"  # a comment\n` +
        `app write buf 1\n\tnote "${HOSTILE}"\n`,
    );
    expect(s.steps[0]?.notes).toEqual([
      { text: 'mmap only makes a VMA: no page yet', line: 4 },
      { text: 'say "why" \\ # not a comment', line: 6 },
    ]);
    expect(s.steps[0]?.expects).toHaveLength(1);
    // Hostile text is kept verbatim: it is data (the views render it as text).
    expect(s.steps[1]?.notes).toEqual([{ text: HOSTILE, line: 8 }]);
  });

  it('print under their command, before its expectations, and read back the same', () => {
    const s = ok(`${HEAD}  expect rss app 0\n  note "first"\n  note "a \\"second\\""\n`);
    const printed = format(s);
    expect(printed.split('\n').slice(-5)).toEqual([
      'app mmap buf 1',
      '  note "first"',
      '  note "a \\"second\\""',
      '  expect rss app 0',
      '',
    ]);
    expect(format(ok(printed))).toBe(printed);
    expect(ok(printed).steps[0]?.notes.map((n) => n.text)).toEqual(['first', 'a "second"']);
  });

  it('say what is wrong at the note', () => {
    expect(errors('process app\nnote "too early"')).toEqual([
      '2:1 a note line must follow a command (the note is shown at it)',
    ]);
    expect(errors(`${HEAD}  note unquoted`)).toEqual([
      '4:8 expected a quoted note ("..."), found "unquoted"',
    ]);
    expect(errors(`${HEAD}  note`)).toEqual([
      '4:7 expected a quoted note ("..."), found end of line',
    ]);
    expect(errors(`${HEAD}  note "a" "b"`)).toEqual([
      '4:12 expected end of line (or a # comment), found "\\"b\\""',
    ]);
    expect(errors(`${HEAD}  note "  "`)).toEqual([
      '4:8 expected a note with something to say, found "  "',
    ]);
    expect(errors(`${HEAD}  note "tab\there"`)).toEqual([
      '4:8 expected a note without control characters, found U+0009',
    ]);
    expect(errors(`${HEAD}  note "unclosed`)).toEqual([
      '4:8 expected a closing " for this string, found end of line',
    ]);
    const long = 'x'.repeat(LIMITS.noteLength + 1);
    expect(errors(`${HEAD}  note "${long}"`)).toEqual([
      `4:8 note length ${LIMITS.noteLength + 1} is over the limit noteLength = ${LIMITS.noteLength}`,
    ]);
    expect(ok(`${HEAD}  note "${'x'.repeat(LIMITS.noteLength)}"`).steps[0]?.notes).toHaveLength(1);
    const many = Array.from({ length: LIMITS.notes + 1 }, (_, i) => `  note "${i}"`).join('\n');
    expect(errors(`${HEAD}${many}`)).toEqual([
      `${4 + LIMITS.notes}:3 note count of one command ${LIMITS.notes + 1} is over the limit notes = ${LIMITS.notes}`,
    ]);
    // A note under a command that did not parse is read (and checked), not a second error.
    expect(errors('process app\napp bogus\n  note "fine"\n  note ""')).toHaveLength(2);
    // `note` is a keyword now: it cannot be a name.
    expect(errors('process note')).toEqual([
      '1:9 expected a process name, found the reserved word "note"',
    ]);
  });
});

describe('notes in JSON', () => {
  const s = ok(`${HEAD}  note "why"\napp write buf 1\n`);
  const doc = (edit: (steps: Record<string, unknown>[]) => void): string => {
    const d = JSON.parse(toJson(s)) as { scenario: { steps: Record<string, unknown>[] } };
    edit(d.scenario.steps);
    return JSON.stringify(d, null, 2);
  };

  it('are written on each step and read back; a step without them has none', () => {
    const written = JSON.parse(toJson(s)) as { scenario: Scenario };
    expect(written.scenario.steps[0]?.notes).toEqual([{ text: 'why', line: 4 }]);
    expect(fromJson(toJson(s))).toEqual({ ok: true, scenario: s });
    const r = fromJson(doc((steps) => steps.forEach((st) => delete st.notes)));
    expect(r.ok && r.scenario.steps.map((st) => st.notes)).toEqual([[], []]);
  });

  it('are checked as the text is, at JSON paths', () => {
    const r = fromJson(
      doc((steps) => {
        steps[1]!.notes = [
          { text: 'x'.repeat(LIMITS.noteLength + 1) },
          ...Array.from({ length: LIMITS.notes }, () => ({ text: 'ok' })),
        ];
      }),
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      `scenario.steps[1].notes[0].text: note length ${LIMITS.noteLength + 1} is over the limit noteLength = ${LIMITS.noteLength}`,
      `scenario.steps[1].notes[${LIMITS.notes}]: note count of one command ${LIMITS.notes + 1} is over the limit notes = ${LIMITS.notes}`,
    ]);
    const bad = fromJson(doc((steps) => (steps[0]!.notes = [{ text: 'x', extra: 1 }])));
    expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual([
      'scenario.steps[0].notes[0].extra: unknown field "extra"',
    ]);
  });
});
