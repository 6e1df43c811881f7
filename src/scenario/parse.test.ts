import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands/table';
import { LIMITS } from '../engine/limits';
import type { Expect, Scenario } from './ast';
import type { ScenarioError } from './errors';
import { STORYBOARD } from './examples';
import { parse } from './parse';

const HEAD = [
  'device gpu0 private 8',
  'device gpu1 coherent 16',
  'process p',
  'process q',
  'p open gpu1 as m1',
].join('\n');
const HEAD_LINES = 5;

function ok(text: string): Scenario {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

function errors(text: string): ScenarioError[] {
  const r = parse(text);
  if (r.ok) throw new Error(`expected errors for:\n${text}`);
  return r.errors;
}

/** The command on the line after HEAD. */
function command(line: string): Command {
  const steps = ok(`${HEAD}\n${line}`).steps;
  const last = steps[steps.length - 1];
  if (!last) throw new Error('no step');
  return last.command;
}

/** The expectation on the line after HEAD's open command. */
function expectation(line: string): Expect {
  const e = ok(`${HEAD}\n  ${line}`).steps[0]?.expects[0];
  if (!e) throw new Error('no expectation');
  return { ...e, line: 0 };
}

/** The one error of HEAD + the line, as `line:column message` (the line is HEAD_LINES + 1). */
function error(line: string): string {
  const es = errors(`${HEAD}\n${line}`);
  const e = es[0];
  if (es.length !== 1 || !e) throw new Error(`expected one error, got ${JSON.stringify(es)}`);
  const prefix = `line ${e.line}, column ${e.column}: `;
  expect(e.message.startsWith(prefix)).toBe(true);
  expect(e.line).toBe(HEAD_LINES + 1);
  return `${e.column} ${e.message.slice(prefix.length)}`;
}

const whole = (buf: string) => ({ kind: 'buf' as const, buf, first: 0, count: null });

describe('header', () => {
  it('has defaults', () => {
    expect(ok('')).toEqual({
      title: null,
      focus: null,
      machine: { kernel: 'modern', platform: 'pcie4', ramPages: 64, devices: [], processes: [] },
      steps: [],
    });
  });

  it('reads every header line, in any order, with comments and blank lines', () => {
    const s = ok(
      [
        '# a comment',
        'process a   # trailing comment',
        '',
        'platform c2c',
        'device d1 public 4',
        'title "a \\"quoted\\" # title \\\\"',
        '\tram 128',
        'kernel seeds',
        'device d2 pmem 2',
        'process b',
      ].join('\r\n'),
    );
    expect(s.title).toBe('a "quoted" # title \\');
    expect(s.machine).toEqual({
      kernel: 'seeds',
      platform: 'c2c',
      ramPages: 128,
      devices: [
        { name: 'd1', type: 'coherent', pages: 4 },
        { name: 'd2', type: 'pmem', pages: 2 },
      ],
      processes: ['a', 'b'],
    });
  });

  it('reports header errors at the right token', () => {
    const es = errors(
      [
        'title untitled',
        'kernel linux',
        'ram abc',
        'ram 5000000',
        'device gpu0 shiny 8',
        'device gpu0 private 9999999',
        'process 1p',
        'process expect',
        'process a',
        'process a',
        'device a private 1',
        'title "x" y',
        'title "unterminated',
        'platform c2c',
        'platform pcie4',
      ].join('\n'),
    );
    expect(es.map((e) => e.message)).toEqual([
      'line 1, column 7: expected a quoted title ("..."), found "untitled"',
      'line 2, column 8: expected a kernel model, found "linux"',
      'line 3, column 5: expected a RAM size in pages (a whole number from 1 to 4194304), found "abc"',
      'line 4, column 5: RAM size 5000000 is over the limit ramPages = 4194304',
      'line 5, column 13: expected a memory type, found "shiny"',
      'line 6, column 21: device size 9999999 is over the limit devicePages = 4194304',
      'line 7, column 9: expected a process name (a letter or _, then letters, digits, _ . -), found "1p"',
      'line 8, column 9: expected a process name, found the reserved word "expect"',
      'line 10, column 9: the name "a" is already used by a process',
      'line 11, column 8: the name "a" is already used by a process',
      'line 12, column 11: expected end of line (or a # comment), found "y"',
      'line 13, column 7: expected a closing " for this string, found end of line',
      'line 15, column 1: platform is given twice (first on line 14)',
    ]);
    expect(es[1]?.expected).toEqual(['modern', 'seeds']);
  });

  it('names the limit for ram, devices and processes', () => {
    expect(errors('ram 4194305')[0]?.message).toBe(
      'line 1, column 5: RAM size 4194305 is over the limit ramPages = 4194304',
    );
    const devices = Array.from({ length: LIMITS.devices + 1 }, (_, i) => `device d${i} private 1`);
    expect(errors(devices.join('\n'))[0]?.message).toBe(
      `line ${LIMITS.devices + 1}, column 8: device count ${LIMITS.devices + 1} is over the limit devices = ${LIMITS.devices}`,
    );
    const procs = Array.from({ length: LIMITS.processes }, (_, i) => `process p${i}`);
    expect(errors(`${procs.join('\n')}\np0 fork extra`)[0]?.message).toBe(
      `line ${LIMITS.processes + 1}, column 9: process count 65 is over the limit processes = 64`,
    );
  });

  it('rejects header lines after the first command', () => {
    expect(error('ram 8')).toBe('1 header lines (ram) must come before the first command (line 5)');
  });
});

describe('commands', () => {
  const cases: [string, Command][] = [
    [
      'p mmap buf 4',
      {
        op: 'mmap',
        proc: 'p',
        buf: 'buf',
        pages: 4,
        backing: 'anon',
        file: null,
        shared: false,
        prot: 'rw',
      },
    ],
    [
      'p mmap f 2 r shared file:data/x.bin',
      {
        op: 'mmap',
        proc: 'p',
        buf: 'f',
        pages: 2,
        backing: 'file',
        file: 'data/x.bin',
        shared: true,
        prot: 'r',
      },
    ],
    [
      'p mmap f 2 file private none',
      {
        op: 'mmap',
        proc: 'p',
        buf: 'f',
        pages: 2,
        backing: 'file',
        file: null,
        shared: false,
        prot: 'none',
      },
    ],
    ['p munmap buf', { op: 'munmap', proc: 'p', range: whole('buf') }],
    [
      'p mprotect buf[3] r',
      {
        op: 'mprotect',
        proc: 'p',
        range: { kind: 'buf', buf: 'buf', first: 3, count: 1 },
        prot: 'r',
      },
    ],
    [
      'p madvise b.x-y[2..5] hwpoison',
      {
        op: 'madvise',
        proc: 'p',
        range: { kind: 'buf', buf: 'b.x-y', first: 2, count: 4 },
        advice: 'hwpoison',
      },
    ],
    [
      'p madvise buf dontneed',
      { op: 'madvise', proc: 'p', range: whole('buf'), advice: 'dontneed' },
    ],
    ['p fork child', { op: 'fork', proc: 'p', child: 'child' }],
    ['q exit', { op: 'exit', proc: 'q' }],
    [
      'p read 0x7F0000001000/4',
      { op: 'cpu-read', proc: 'p', range: { kind: 'addr', addr: '0x7f0000001000', npages: 4 } },
    ],
    [
      'p read 0xffffffffffffffff/0',
      { op: 'cpu-read', proc: 'p', range: { kind: 'addr', addr: '0xffffffffffffffff', npages: 0 } },
    ],
    [
      'p write buf 42',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 0, offset: 42 } },
    ],
    [
      'p write buf -7',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 0, offset: -7 } },
    ],
    [
      'p write buf 0x2a',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 0, offset: 42 } },
    ],
    [
      'p write buf i',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 1, offset: 0 } },
    ],
    [
      'p write buf -i',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: -1, offset: 0 } },
    ],
    [
      'p write buf i+3',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 1, offset: 3 } },
    ],
    [
      'p write buf i-3',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 1, offset: -3 } },
    ],
    [
      'p write buf -i+5',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: -1, offset: 5 } },
    ],
    [
      'p write buf -i-1',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: -1, offset: -1 } },
    ],
    [
      'p write buf -2147483648',
      { op: 'cpu-write', proc: 'p', range: whole('buf'), value: { scale: 0, offset: -2147483648 } },
    ],
    ['p inc buf', { op: 'cpu-inc', proc: 'p', range: whole('buf') }],
    [
      'p gup buf',
      {
        op: 'gup',
        proc: 'p',
        range: whole('buf'),
        write: false,
        pin: false,
        longterm: false,
        fast: false,
      },
    ],
    [
      'p gup buf fast longterm pin write',
      {
        op: 'gup',
        proc: 'p',
        range: whole('buf'),
        write: true,
        pin: true,
        longterm: true,
        fast: true,
      },
    ],
    ['p unpin buf', { op: 'unpin', proc: 'p', range: whole('buf') }],
    ['q open gpu0', { op: 'open', proc: 'q', device: 'gpu0', mirror: 'q/gpu0' }],
    ['q open gpu0 as qm', { op: 'open', proc: 'q', device: 'gpu0', mirror: 'qm' }],
    ['p ksm buf', { op: 'ksm', proc: 'p', range: whole('buf') }],
    ['p numa-balance buf', { op: 'numa-balance', proc: 'p', range: whole('buf') }],
    ['p migrate-pages buf', { op: 'migrate-pages', proc: 'p', range: whole('buf') }],
    ['m1 read buf', { op: 'dev-read', mirror: 'm1', range: whole('buf') }],
    ['gpu1 read buf', { op: 'dev-read', mirror: 'm1', range: whole('buf') }],
    ['gpu1 write buf', { op: 'dev-write', mirror: 'm1', range: whole('buf') }],
    [
      'm1 fill buf i+1',
      { op: 'devbuf', mirror: 'm1', range: whole('buf'), value: { scale: 1, offset: 1 } },
    ],
    ['m1 touch buf', { op: 'dev-touch', mirror: 'm1', range: whole('buf'), write: false }],
    ['m1 touch buf write', { op: 'dev-touch', mirror: 'm1', range: whole('buf'), write: true }],
    ['m1 migrate buf', { op: 'migrate-to-dev', mirror: 'm1', range: whole('buf') }],
    ['m1 migrate-to-dev buf', { op: 'migrate-to-dev', mirror: 'm1', range: whole('buf') }],
    ['m1 migrate-to-sys buf', { op: 'migrate-to-sys', mirror: 'm1', range: whole('buf') }],
    ['m1 snapshot buf', { op: 'snapshot', mirror: 'm1', range: whole('buf') }],
    ['m1 exclusive buf', { op: 'exclusive', mirror: 'm1', range: whole('buf') }],
    ['m1 check-exclusive buf', { op: 'check-exclusive', mirror: 'm1', range: whole('buf') }],
    ['gpu1 release', { op: 'release', mirror: 'm1' }],
    ['gpu1 close', { op: 'close', mirror: 'm1' }],
    [
      'machine hotplug gpu2 public 4',
      { op: 'hotplug', device: 'gpu2', type: 'coherent', pages: 4 },
    ],
    ['machine hotplug gpu2 pmem 4', { op: 'hotplug', device: 'gpu2', type: 'pmem', pages: 4 }],
    ['machine unplug gpu0', { op: 'unplug', device: 'gpu0' }],
    ['machine reclaim 16', { op: 'reclaim', pages: 16 }],
  ];
  it.each(cases)('%s', (line, cmd) => {
    expect(command(line)).toEqual(cmd);
  });

  it('sets Step.line to the line of the command', () => {
    const s = ok(`${HEAD}\n\n# comment\np read buf\n  expect ret 0`);
    expect(s.steps.map((st) => st.line)).toEqual([5, 8]);
    expect(s.steps[1]?.expects[0]?.line).toBe(9);
  });

  it('tracks forked processes, hotplugged devices and closed mirrors', () => {
    ok(
      `${HEAD}\np fork c\nc read buf\nc exit\nc read buf\nmachine hotplug g private 2\nc open g\ng read buf`,
    );
    expect(errors(`${HEAD}\nm1 close\nm1 read buf`)[0]?.message).toMatch(
      /^line 7, column 1: expected an open mirror or a device with one open mirror, found the closed mirror "m1"$/,
    );
    // a closed mirror's name can be used again
    ok(`${HEAD}\nm1 close\nq open gpu0 as m1\nm1 read buf`);
  });

  it('resolves a device subject only when it has exactly one open mirror', () => {
    const both = `${HEAD}\nq open gpu1\ngpu1 read buf`;
    const es = errors(both);
    expect(es).toEqual([
      {
        line: 7,
        column: 1,
        message:
          'line 7, column 1: device "gpu1" has 2 open mirrors here; name one of them: m1, q/gpu1',
        expected: ['m1', 'q/gpu1'],
      },
    ]);
    expect(error('gpu0 read buf')).toBe(
      '1 device "gpu0" has no open mirror here (open it first: <process> open gpu0)',
    );
    // after one of them closes, the device names the other again
    const s = ok(`${HEAD}\nq open gpu1\nm1 close\ngpu1 read buf`);
    expect(s.steps[3]?.command).toEqual({ op: 'dev-read', mirror: 'q/gpu1', range: whole('buf') });
  });

  it('reports command errors at the right column', () => {
    expect(error('p mmap buf abc')).toBe(
      '12 expected a page count (a whole number from 1 to 4194304), found "abc"',
    );
    expect(error('p mmap buf 0')).toBe(
      '12 expected a page count (a whole number from 1 to 4194304), found "0"',
    );
    expect(error('p mmap buf 4194305')).toBe(
      '12 mapping size 4194305 is over the limit mmapPages = 4194304',
    );
    expect(error('p mmap')).toBe('7 expected a buffer name, found end of line');
    expect(error('p mmap 9b 1')).toBe(
      '8 expected a buffer name (a letter or _, then letters, digits, _ . -), found "9b"',
    );
    expect(error('p mmap b 1 anon file')).toBe('17 the backing is given twice ("file")');
    expect(error('p mmap b 1 huge')).toBe('12 expected an mmap option, found "huge"');
    expect(error('p mmap b 1 file:')).toMatch(/^17 expected a file name .*, found ""$/);
    expect(error('p mmap b 1 shared private')).toBe(
      '19 private or shared is given twice ("private")',
    );
    expect(error('p mprotect buf rwx')).toBe(
      '16 expected a protection, found "rwx"; did you mean "rw"?',
    );
    expect(error('p madvise buf free')).toBe('15 expected an advice, found "free"');
    expect(error('p gup buf pin pin')).toBe('15 the gup flag pin is given twice');
    expect(error('p gup buf sideways')).toBe('11 expected a gup flag, found "sideways"');
    expect(error('p dance')).toBe('3 expected a command for process "p", found "dance"');
    expect(error('m1 inc buf')).toBe('4 expected a command for mirror "m1", found "inc"');
    expect(error('machine explode')).toBe('9 expected a machine command, found "explode"');
    expect(error('r read buf')).toBe(
      '1 expected a command: a process, mirror or device declared above, or `machine`, found the unknown name "r"',
    );
    expect(error('p fork q')).toBe('8 the name "q" is already used by a process');
    expect(error('p fork gpu0')).toBe('8 the name "gpu0" is already used by a device');
    expect(error('p open gpu1 as m1')).toBe('16 the name "m1" is already used by an open mirror');
    expect(error('p open gpu1 as a/b/c')).toMatch(/^16 expected a mirror name/);
    expect(error('p open nope')).toMatch(/^8 expected a device, found the unknown name "nope"/);
    expect(error('p open p')).toBe('8 expected a device, found a process "p"');
    expect(error('p open gpu1 to m')).toBe('13 expected `as <mirror>` or end of line, found "to"');
    expect(error('machine unplug p')).toBe('16 expected a device, found a process "p"');
    expect(error('machine reclaim 0')).toMatch(/^17 expected a page count/);
    expect(error('machine hotplug gpu2 private 0')).toMatch(/^30 expected a device size in pages/);
    expect(error('m1 touch buf read')).toBe('14 expected `write` or end of line, found "read"');
    expect(error('m1 release now')).toBe('12 expected end of line (or a # comment), found "now"');
  });

  it('checks that the default mirror name is free', () => {
    const es = errors(`${HEAD}\np open gpu0\np open gpu0`);
    expect(es.map((e) => e.message)).toEqual([
      'line 7, column 3: the name "p/gpu0" is already used by an open mirror (name this one with `as <mirror>`)',
    ]);
  });

  it('reads ranges', () => {
    expect(command('p read b[0]')).toMatchObject({ range: { first: 0, count: 1 } });
    expect(command('p read b[7..7]')).toMatchObject({ range: { first: 7, count: 1 } });
    expect(command('p read b[0x10..0x11]')).toMatchObject({ range: { first: 16, count: 2 } });
    const bad = 'expected a range (buf, buf[3], buf[2..5] or 0xADDRESS/pages)';
    expect(error('p read b[5..2]')).toBe(
      '8 the last page 2 of range "b[5..2]" is before the first 5',
    );
    expect(error('p read b[]')).toBe(`8 ${bad}, found "b[]"`);
    expect(error('p read b[1..2..3]')).toBe(`8 ${bad}, found "b[1..2..3]"`);
    expect(error('p read b[x]')).toBe(`8 ${bad}, found "b[x]"`);
    expect(error('p read b[1')).toBe(`8 ${bad}, found "b[1"`);
    expect(error('p read 0x1000')).toBe(`8 ${bad}, found "0x1000"`);
    expect(error('p read 0x1000/x')).toBe(`8 ${bad}, found "0x1000/x"`);
    expect(error('p read 0x10000000000000000/1')).toMatch(
      /^8 expected an address \(0x and 1 to 16/,
    );
    expect(error('p read 0x1000/4194305')).toBe(
      '8 range size 4194305 is over the limit mmapPages = 4194304',
    );
    expect(error('p read b[4194304]')).toMatch(
      /^8 expected a page index \(a whole number from 0 to 4194303\), found 4194304$/,
    );
    expect(error('p read b[-1]')).toMatch(/^8 expected a page index .*, found -1$/);
    expect(error('p read 9b')).toMatch(/^8 expected a buffer name .*, found "9b"$/);
    expect(error('p read "b"')).toBe(`8 ${bad}, found "\\"b\\""`);
  });

  it('reads values and rejects bad ones', () => {
    const what = 'expected a value (a 32-bit integer, or i, -i, i+N, i-N, -i+N, -i-N)';
    expect(error('p write buf j')).toBe(`13 ${what}, found "j"`);
    expect(error('p write buf i + 1')).toBe('15 expected end of line (or a # comment), found "+"');
    expect(error('p write buf 2147483648')).toBe(
      '13 expected a 32-bit integer (a whole number from -2147483648 to 2147483647), found 2147483648',
    );
    expect(error('p write buf')).toBe(`12 ${what}, found end of line`);
    const zero = command('p write buf -i-0');
    expect(zero.op === 'cpu-write' && Object.is(zero.value.offset, 0)).toBe(true);
  });
});

describe('expectations', () => {
  const r = whole('buf');
  const cases: [string, Expect][] = [
    ['expect ret 0', { kind: 'ret', code: 0, line: 0 }],
    ['expect ret -ENOENT', { kind: 'ret', code: -2, line: 0 }],
    ['expect ret -EHWPOISON', { kind: 'ret', code: -133, line: 0 }],
    ['expect ret -22', { kind: 'ret', code: -22, line: 0 }],
    ['expect cpages 3', { kind: 'counters', cpages: 3, faults: null, line: 0 }],
    ['expect cpages 3 faults 1', { kind: 'counters', cpages: 3, faults: 1, line: 0 }],
    ['expect faults 0', { kind: 'counters', cpages: null, faults: 0, line: 0 }],
    [
      'expect pte p buf none',
      { kind: 'pte', proc: 'p', range: r, pte: 'none', flags: [], line: 0 },
    ],
    [
      'expect pte p buf present write !dirty young !devmap special',
      {
        kind: 'pte',
        proc: 'p',
        range: r,
        pte: 'present',
        flags: [
          { flag: 'write', set: true },
          { flag: 'dirty', set: false },
          { flag: 'young', set: true },
          { flag: 'devmap', set: false },
          { flag: 'special', set: true },
        ],
        line: 0,
      },
    ],
    [
      'expect value p buf[1..2] i+1',
      {
        kind: 'value',
        proc: 'p',
        range: { kind: 'buf', buf: 'buf', first: 1, count: 2 },
        value: { scale: 1, offset: 1 },
        line: 0,
      },
    ],
    [
      'expect devbuf gpu1 buf 7',
      { kind: 'devbuf', mirror: 'm1', range: r, value: { scale: 0, offset: 7 }, line: 0 },
    ],
    ['expect snapshot FF ff 0x11 1 02', { kind: 'snapshot', bytes: [255, 255, 17, 1, 2], line: 0 }],
    [
      'expect page p buf ref 2',
      { kind: 'page', proc: 'p', range: r, ref: 2, map: null, pin: null, on: null, line: 0 },
    ],
    [
      'expect page p buf on gpu0 pin 1 map 0 ref 3',
      { kind: 'page', proc: 'p', range: r, ref: 3, map: 0, pin: 1, on: 'gpu0', line: 0 },
    ],
    [
      'expect page p buf on ram',
      { kind: 'page', proc: 'p', range: r, ref: null, map: null, pin: null, on: 'ram', line: 0 },
    ],
    [
      'expect frame ram:63 free',
      {
        kind: 'frame',
        frame: { mem: 'ram', index: 63 },
        ref: null,
        map: null,
        value: null,
        state: 'free',
        line: 0,
      },
    ],
    [
      'expect frame gpu1:15 allocated value -5 map 1 ref 2',
      {
        kind: 'frame',
        frame: { mem: 'gpu1', index: 15 },
        ref: 2,
        map: 1,
        value: -5,
        state: 'allocated',
        line: 0,
      },
    ],
    [
      'expect bits gpu0 3 set',
      { kind: 'bits', device: 'gpu0', first: 3, last: 3, set: true, line: 0 },
    ],
    [
      'expect bits gpu0 0..7 clear',
      { kind: 'bits', device: 'gpu0', first: 0, last: 7, set: false, line: 0 },
    ],
    ['expect allocated gpu0 8', { kind: 'allocated', device: 'gpu0', count: 8, line: 0 }],
    [
      'expect mirror m1 buf atomic',
      { kind: 'mirror', mirror: 'm1', range: r, entry: 'atomic', line: 0 },
    ],
    [
      'expect mirror gpu1 buf none',
      { kind: 'mirror', mirror: 'm1', range: r, entry: 'none', line: 0 },
    ],
    ['expect rss p 0', { kind: 'rss', proc: 'p', count: 0, line: 0 }],
  ];
  it.each(cases)('%s', (line, e) => {
    expect(expectation(line)).toEqual(e);
  });

  it('attaches to the closest command above', () => {
    const s = ok(
      `${HEAD}\n  expect ret 0\np read buf\n\n  # note\n expect ret -EFAULT\n expect rss p 1`,
    );
    expect(s.steps.map((st) => st.expects.map((e) => e.kind))).toEqual([['ret'], ['ret', 'rss']]);
    expect(errors('process p\nexpect ret 0')[0]?.message).toBe(
      'line 2, column 1: an expect line must follow a command',
    );
  });

  it('resolves device names against the state after the command', () => {
    const s = ok(`${HEAD}\nq open gpu0\n  expect mirror gpu0 buf none`);
    expect(s.steps[1]?.expects[0]).toMatchObject({ mirror: 'q/gpu0' });
    expect(errors(`${HEAD}\ngpu1 close\n  expect mirror gpu1 buf none`)[0]?.message).toBe(
      'line 7, column 17: device "gpu1" has no open mirror here (open it first: <process> open gpu1)',
    );
  });

  it('reports expectation errors at the right column', () => {
    const e = (line: string) => error(`  ${line}`);
    expect(e('expect nothing')).toBe('10 expected an expectation, found "nothing"');
    expect(e('expect ret 2')).toMatch(/^14 expected a return code/);
    expect(e('expect ret -ENOPE')).toMatch(/^14 expected a return code .*found "-ENOPE"$/);
    expect(e('expect ret -4096')).toMatch(/^14 expected a return code/);
    expect(e('expect cpages 1 pages 2')).toBe(
      '19 expected `faults <n>` or end of line, found "pages"',
    );
    expect(e('expect faults -1')).toBe(
      '17 expected a count (a whole number from 0 to 2147483647), found "-1"',
    );
    expect(e('expect pte p buf weird')).toBe('20 expected a PTE kind, found "weird"');
    expect(e('expect pte p buf present write write')).toBe('34 the flag write is given twice');
    expect(e('expect pte p buf present !write write')).toBe('35 the flag write is given twice');
    expect(e('expect pte p buf present rw')).toBe('28 expected a PTE flag, found "rw"');
    expect(e('expect pte z buf none')).toMatch(
      /^14 expected a process, found the unknown name "z"/,
    );
    expect(e('expect value p buf')).toMatch(/^21 expected a value .*, found end of line$/);
    expect(e('expect devbuf gpu0 buf 1')).toMatch(/^17 device "gpu0" has no open mirror here/);
    expect(e('expect snapshot')).toBe('18 expected a byte in hex (00 to FF), found end of line');
    expect(e('expect snapshot 100')).toBe('19 expected a byte in hex (00 to FF), found "100"');
    expect(e('expect page p buf')).toBe('20 expected one of ref, map, pin, on, found end of line');
    expect(e('expect page p buf ref 1 ref 2')).toBe('27 the clause ref is given twice');
    expect(e('expect page p buf on nowhere')).toMatch(
      /^24 expected a device, found the unknown name "nowhere"/,
    );
    expect(e('expect frame ram:64 free')).toBe(
      '20 expected a frame index of ram (a whole number from 0 to 63), found 64',
    );
    expect(e('expect frame gpu0:8 free')).toBe(
      '21 expected a frame index of gpu0 (a whole number from 0 to 7), found 8',
    );
    expect(e('expect frame ram 1')).toBe(
      '16 expected a frame (ram:<index> or <device>:<index>), found "ram"',
    );
    expect(e('expect frame ram:1')).toBe(
      '21 expected one of ref, map, value, free, allocated, found end of line',
    );
    expect(e('expect frame ram:1 free allocated')).toBe('27 free and allocated exclude each other');
    expect(e('expect frame zz:1 free')).toMatch(
      /^16 expected a device, found the unknown name "zz"/,
    );
    expect(e('expect bits gpu0 8 set')).toBe(
      '20 expected a bit index of gpu0 (a whole number from 0 to 7), found 8',
    );
    expect(e('expect bits gpu0 3..1 set')).toBe('20 the last bit 1 is before the first 3');
    expect(e('expect bits gpu0 1 on')).toBe('22 expected `set` or `clear`, found "on"');
    expect(e('expect allocated gpu0 9')).toBe(
      '25 expected a page count of gpu0 (a whole number from 0 to 8), found 9',
    );
    expect(e('expect mirror m1 buf rw')).toBe('24 expected a mirror entry, found "rw"');
    expect(e('expect rss p')).toBe(
      '15 expected a count (a whole number from 0 to 2147483647), found end of line',
    );
  });
});

describe('the whole text', () => {
  it('parses the storyboard', () => {
    const s = ok(STORYBOARD);
    expect(s.steps.map((st) => st.command.op)).toEqual([
      'mmap',
      'cpu-write',
      'open',
      'dev-read',
      'migrate-to-dev',
      'cpu-read',
      'munmap',
    ]);
    expect(s.steps.reduce((n, st) => n + st.expects.length, 0)).toBe(18);
  });

  it('collects errors from many lines and goes on after each', () => {
    const es = errors('process p\np nope\np read\np read buf\np mmap b 0\n  expect bogus');
    expect(es.map((e) => [e.line, e.column])).toEqual([
      [2, 3],
      [3, 7],
      [5, 10],
      [6, 10],
    ]);
  });

  it('stops at 50 errors', () => {
    expect(errors(`process p\n${'p nope\n'.repeat(200)}`)).toHaveLength(50);
  });

  it('names the text length limit', () => {
    expect(errors('#'.repeat(LIMITS.textLength + 1))).toEqual([
      {
        line: 1,
        column: 1,
        message: `line 1, column 1: scenario text length ${LIMITS.textLength + 1} is over the limit textLength = ${LIMITS.textLength}`,
      },
    ]);
  });

  it('names the command count limit', () => {
    const es = errors(`process p\n${'p exit\n'.repeat(LIMITS.commands + 1)}`);
    expect(es.map((e) => e.message)).toEqual([
      `line ${LIMITS.commands + 2}, column 1: command count ${LIMITS.commands + 1} is over the limit commands = ${LIMITS.commands}`,
    ]);
  });

  it('reports tokenizer errors', () => {
    expect(errors('title "a\\nb"')[0]?.message).toBe(
      'line 1, column 9: expected \\" or \\\\ after a backslash in a string, found "\\\\n"',
    );
    expect(errors('title "a"b')[0]?.message).toBe(
      'line 1, column 10: expected a space after a string, found "b"',
    );
    expect(errors('title "a\u0001"')[0]?.message).toBe(
      'line 1, column 7: expected a title without control characters, found U+0001',
    );
  });

  it('never throws on odd input', () => {
    for (const t of ['\u0000', '\uFFFF\uD800', '"', '#', '\r\r\n', 'expect', 'machine', '0x/1']) {
      expect(() => parse(t)).not.toThrow();
    }
    expect(parse(undefined as unknown as string).ok).toBe(false);
  });
});
