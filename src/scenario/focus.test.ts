import { describe, expect, it } from 'vitest';
import type { Scenario } from './ast';
import { focusPages } from './focus';
import { format } from './format';
import { fromJson, toJson } from './json';
import { parse, parseHeader } from './parse';

const MACHINE = ['device gpu0 private 8', 'process app', 'process tool'];
const BODY = ['', 'app mmap buf 4', 'app mmap one 1', 'tool mmap buf 2'];

/** The machine, then `focus` lines (or whatever header lines are given), then the commands. */
const text = (...header: string[]) => [...MACHINE, ...header, ...BODY].join('\n');

function ok(t: string): Scenario {
  const r = parse(t);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

/** The one error of `t`, as `line:column message`. */
function error(t: string): string {
  const r = parse(t);
  if (r.ok || r.errors.length !== 1) throw new Error(`one error expected: ${JSON.stringify(r)}`);
  const e = r.errors[0]!;
  return `${e.line}:${e.column} ${e.message.replace(/^line \d+, column \d+: /, '')}`;
}

describe('the focus line', () => {
  it('names pages of a buffer of a header process; the lab selects them', () => {
    const s = ok(text('focus app buf[1..2]   # the pages this is about'));
    expect(s.focus).toEqual({
      proc: 'app',
      range: { kind: 'buf', buf: 'buf', first: 1, count: 2 },
      line: 4,
    });
    expect(focusPages(s)).toEqual({ proc: 'app', buf: 'buf', first: 1, count: 2 });
    // The same buffer name in another process is another buffer: its own size counts.
    expect(focusPages(ok(text('focus tool buf')))).toEqual({
      proc: 'tool',
      buf: 'buf',
      first: 0,
      count: 2,
    });
    expect(focusPages(ok(text('focus app one')))).toMatchObject({ first: 0, count: 1 });
    expect(ok(text()).focus).toBeNull();
    expect(focusPages(ok(text()))).toBeNull();
  });

  it('is printed after the processes, and reads back the same', () => {
    const s = ok(text('focus app buf[3]'));
    const printed = format(s);
    expect(printed.split('\n').slice(3, 7)).toEqual([
      'device gpu0 private 8',
      'process app',
      'process tool',
      'focus app buf[3]',
    ]);
    expect(format(ok(printed))).toBe(printed);
    expect(ok(printed).focus).toEqual({ ...s.focus, line: 7 });
  });

  it('points at what is wrong: the process, the range, the buffer', () => {
    expect(error(text('focus ghost buf'))).toBe(
      '4:7 expected a process declared above, found the unknown name "ghost" (declare it with `process ghost` before the focus line)',
    );
    expect(error(text('focus gpu0 buf'))).toBe('4:7 expected a process, found a device "gpu0"');
    expect(error(text('focus app 0x1000/2'))).toMatch(
      /^4:11 expected a buffer range \(buf, buf\[3\] or buf\[2\.\.5\]\)/,
    );
    expect(error(text('focus app buf[2..9]'))).toBe(
      '4:11 the focus ends at page 9 of "buf", which has 4 pages (0 to 3)',
    );
    expect(error(text('focus app other'))).toBe(
      '4:11 the focus buffer "other" is never mapped by "app" (map it with `app mmap other <pages>`)',
    );
    expect(error(text('focus app'))).toMatch(/^4:10 expected a range/);
    expect(error(text('focus app buf extra'))).toMatch(/^4:15 expected end of line/);
    expect(error(text('focus app buf', 'focus app one'))).toBe(
      '5:1 focus is given twice (first on line 4)',
    );
    // Declared in order, as every name is: a process below the focus line is not known yet.
    expect(error(['focus app buf', ...MACHINE, ...BODY].join('\n'))).toMatch(
      /^1:7 expected a process declared above, found the unknown name "app"/,
    );
    // A header line: after the first command it is an error like the others.
    expect(error(`${text()}\nfocus app buf`)).toMatch(/^8:1 header lines \(focus\) must come/);
    // `focus` is a keyword now: it cannot be a name.
    expect(error('process focus')).toBe(
      '1:9 expected a process name, found the reserved word "focus"',
    );
  });

  it('is part of the header a link is checked with first', () => {
    expect(parseHeader(text('focus app buf'))).toEqual([]);
    expect(parseHeader(text('focus ghost buf'))[0]?.message).toMatch(/unknown name "ghost"/);
  });
});

describe('the focus in JSON', () => {
  const doc = (edit: (s: Record<string, unknown>) => void): string => {
    const d = JSON.parse(toJson(ok(text('focus app buf[0..1]')))) as {
      scenario: Record<string, unknown>;
    };
    edit(d.scenario);
    return JSON.stringify(d, null, 2);
  };
  const messages = (t: string): string[] => {
    const r = fromJson(t);
    return r.ok ? [] : r.errors.map((e) => e.message);
  };

  it('is written beside the title and read back; a file without one has none', () => {
    const s = ok(text('focus app buf[0..1]'));
    expect((JSON.parse(toJson(s)) as { scenario: Scenario }).scenario.focus).toEqual({
      proc: 'app',
      range: { kind: 'buf', buf: 'buf', first: 0, count: 2 },
      line: 4,
    });
    expect(fromJson(toJson(s))).toEqual({ ok: true, scenario: s });
    const without = fromJson(doc((sc) => delete sc.focus));
    expect(without.ok && without.scenario.focus).toBeNull();
  });

  it('is checked as the text is, at JSON paths', () => {
    expect(messages(doc((sc) => ((sc.focus as { proc: string }).proc = 'ghost')))).toEqual([
      'scenario.focus.proc: expected a process declared above, found the unknown name "ghost" (declare it with `process ghost` before the focus line)',
    ]);
    expect(
      messages(
        doc(
          (sc) =>
            ((sc.focus as { range: unknown }).range = { kind: 'addr', addr: '0x0', npages: 1 }),
        ),
      ),
    ).toEqual([
      'scenario.focus.range.kind: expected a buffer range ({"kind": "buf", ...}): the focus is pages of a buffer, found "addr"',
    ]);
    expect(
      messages(doc((sc) => ((sc.focus as { range: { buf: string } }).range.buf = 'other'))),
    ).toEqual([
      'scenario.focus.range.buf: the focus buffer "other" is never mapped by "app" (map it with `app mmap other <pages>`)',
    ]);
  });
});
