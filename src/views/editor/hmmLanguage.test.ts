import { StringStream } from '@codemirror/language';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPECT_KINDS } from '../../scenario/parse-expect';
import { KERNELS, PLATFORMS } from '../../engine/commands/terms';
import { MACHINE_VERBS, MIRROR_VERBS, PROCESS_VERBS } from '../../scenario/parse-command';
import { PTE_FLAGS, PTE_KINDS } from '../../scenario/values';
import { LINE_STARTS, MEM_TYPE_WORDS } from '../../scenario/vocabulary';
import { STORYBOARD } from '../../scenario/examples';
import { hmmStreamParser, type HmmState } from './hmmLanguage';
import { lineKindOf, STYLE } from './hmmWords';

type Tok = [text: string, style: string | null];

/** Tokenizes lines as CodeMirror does (one state through the lines), dropping blank runs. */
function tokenize(lines: readonly string[]): Tok[][] {
  const state: HmmState = hmmStreamParser.startState!(2);
  return lines.map((line) => {
    const out: Tok[] = [];
    const stream = new StringStream(line, 4, 2);
    while (!stream.eol()) {
      stream.start = stream.pos;
      const style = hmmStreamParser.token(stream, state);
      if (stream.pos <= stream.start) throw new Error(`stalled at ${stream.pos} in ${line}`);
      const text = stream.current();
      if (style !== null || text.trim() !== '') out.push([text, style]);
    }
    return out;
  });
}

function line(text: string): Tok[] {
  return tokenize([text])[0] ?? [];
}

describe('the scenario tokenizer', () => {
  it('splits a range and a value expression and ends at a comment', () => {
    expect(line('app write buf[2..1023] i+1   # comment')).toEqual([
      ['app', STYLE.subject],
      ['write', STYLE.verb],
      ['buf', STYLE.name],
      ['[', STYLE.bracket],
      ['2', STYLE.number],
      ['..', STYLE.punctuation],
      ['1023', STYLE.number],
      [']', STYLE.bracket],
      ['i', STYLE.index],
      ['+', STYLE.operator],
      ['1', STYLE.number],
      ['# comment', STYLE.comment],
    ]);
  });

  it('reads an errno name in expect ret', () => {
    expect(line('  expect ret -ENOENT')).toEqual([
      ['expect', STYLE.expect],
      ['ret', STYLE.expectKind],
      ['-ENOENT', STYLE.errno],
    ]);
    expect(line('expect ret 0')).toEqual([
      ['expect', STYLE.expect],
      ['ret', STYLE.expectKind],
      ['0', STYLE.number],
    ]);
  });

  it('leaves an unknown errno name plain', () => {
    expect(line('expect ret -EFOO')[2]).toEqual(['-EFOO', null]);
  });

  it('reads a PTE kind and a negated flag', () => {
    expect(line('  expect pte app buf[0] device-private !write')).toEqual([
      ['expect', STYLE.expect],
      ['pte', STYLE.expectKind],
      ['app', STYLE.name],
      ['buf', STYLE.name],
      ['[', STYLE.bracket],
      ['0', STYLE.number],
      [']', STYLE.bracket],
      ['device-private', STYLE.value],
      ['!', STYLE.operator],
      ['write', STYLE.value],
    ]);
  });

  it('keeps # inside a string, escapes included, and comments after it', () => {
    expect(line('title "a # not \\" a comment"  # real one')).toEqual([
      ['title', STYLE.header],
      ['"a # not \\" a comment"', STYLE.string],
      ['# real one', STYLE.comment],
    ]);
  });

  it('runs an unterminated string to the end of the line', () => {
    expect(line('title "open # still')).toEqual([
      ['title', STYLE.header],
      ['"open # still', STYLE.string],
    ]);
  });

  it('starts a comment in the middle of a word', () => {
    expect(line('app read buf#x y')).toEqual([
      ['app', STYLE.subject],
      ['read', STYLE.verb],
      ['buf', STYLE.name],
      ['#x y', STYLE.comment],
    ]);
  });

  it('colours the header', () => {
    expect(
      tokenize([
        'kernel modern',
        'platform c2c',
        'ram 0x40',
        'device gpu0 private 8',
        'process app',
      ]),
    ).toEqual([
      [
        ['kernel', STYLE.header],
        ['modern', STYLE.value],
      ],
      [
        ['platform', STYLE.header],
        ['c2c', STYLE.value],
      ],
      [
        ['ram', STYLE.header],
        ['0x40', STYLE.number],
      ],
      [
        ['device', STYLE.header],
        ['gpu0', STYLE.definition],
        ['private', STYLE.value],
        ['8', STYLE.number],
      ],
      [
        ['process', STYLE.header],
        ['app', STYLE.definition],
      ],
    ]);
  });

  it('tells a verb from the same word as a flag', () => {
    expect(line('app write buf 1')[1]).toEqual(['write', STYLE.verb]);
    expect(line('gpu0 touch buf write')[3]).toEqual(['write', STYLE.value]);
    expect(line('app gup buf write pin longterm fast').slice(3)).toEqual([
      ['write', STYLE.value],
      ['pin', STYLE.value],
      ['longterm', STYLE.value],
      ['fast', STYLE.value],
    ]);
  });

  it('marks declared names and clause words', () => {
    expect(line('app mmap buf 4 file:data.bin shared r')).toEqual([
      ['app', STYLE.subject],
      ['mmap', STYLE.verb],
      ['buf', STYLE.definition],
      ['4', STYLE.number],
      ['file', STYLE.value],
      [':', STYLE.punctuation],
      ['data.bin', STYLE.string],
      ['shared', STYLE.value],
      ['r', STYLE.value],
    ]);
    expect(line('app open gpu0 as m')).toEqual([
      ['app', STYLE.subject],
      ['open', STYLE.verb],
      ['gpu0', STYLE.name],
      ['as', STYLE.clause],
      ['m', STYLE.definition],
    ]);
    expect(line('machine hotplug gpu2 coherent 8')).toEqual([
      ['machine', STYLE.subject],
      ['hotplug', STYLE.verb],
      ['gpu2', STYLE.definition],
      ['coherent', STYLE.value],
      ['8', STYLE.number],
    ]);
    expect(line('app/gpu0 migrate buf')[0]).toEqual(['app/gpu0', STYLE.subject]);
  });

  it('reads the clauses of page and frame expectations', () => {
    expect(line('expect page app buf ref 1 map 1 pin 0 on ram').slice(2)).toEqual([
      ['app', STYLE.name],
      ['buf', STYLE.name],
      ['ref', STYLE.clause],
      ['1', STYLE.number],
      ['map', STYLE.clause],
      ['1', STYLE.number],
      ['pin', STYLE.clause],
      ['0', STYLE.number],
      ['on', STYLE.clause],
      ['ram', STYLE.value],
    ]);
    expect(line('expect frame gpu0:3 value 7 free').slice(2)).toEqual([
      ['gpu0', STYLE.name],
      [':', STYLE.punctuation],
      ['3', STYLE.number],
      ['value', STYLE.clause],
      ['7', STYLE.number],
      ['free', STYLE.value],
    ]);
    expect(line('expect frame ram:0x1f ref 1')[2]).toEqual(['ram', STYLE.value]);
    expect(line('expect cpages 1 faults 1')[3]).toEqual(['faults', STYLE.clause]);
  });

  it('reads bit spans, snapshot bytes, addresses and negative values', () => {
    expect(line('expect bits gpu0 0..7 set').slice(3)).toEqual([
      ['0', STYLE.number],
      ['..', STYLE.punctuation],
      ['7', STYLE.number],
      ['set', STYLE.value],
    ]);
    expect(
      line('expect snapshot FF 11 0x01 2')
        .slice(2)
        .map((t) => t[1]),
    ).toEqual(Array<string>(4).fill(STYLE.number));
    expect(line('app read 0x7f0000001000/4').slice(2)).toEqual([
      ['0x7f0000001000', STYLE.number],
      ['/', STYLE.punctuation],
      ['4', STYLE.number],
    ]);
    expect(line('app write buf -i-1').slice(3)).toEqual([
      ['-', STYLE.operator],
      ['i', STYLE.index],
      ['-', STYLE.operator],
      ['1', STYLE.number],
    ]);
    expect(line('app write buf -7')[3]).toEqual(['-7', STYLE.number]);
  });

  it('takes its keywords from the parser', () => {
    for (const v of [...PROCESS_VERBS, ...MIRROR_VERBS]) {
      expect(line(`app ${v} buf`)[1]).toEqual([v, STYLE.verb]);
    }
    for (const v of MACHINE_VERBS) expect(line(`machine ${v}`)[1]).toEqual([v, STYLE.verb]);
    for (const k of EXPECT_KINDS) expect(line(`expect ${k}`)[1]).toEqual([k, STYLE.expectKind]);
    for (const k of KERNELS) expect(line(`kernel ${k}`)[1]).toEqual([k, STYLE.value]);
    for (const p of PLATFORMS) expect(line(`platform ${p}`)[1]).toEqual([p, STYLE.value]);
    for (const m of MEM_TYPE_WORDS) expect(line(`device d ${m} 8`)[2]).toEqual([m, STYLE.value]);
    for (const k of PTE_KINDS) expect(line(`expect pte app buf ${k}`)[4]).toEqual([k, STYLE.value]);
    for (const f of PTE_FLAGS) {
      expect(line(`expect pte app buf present ${f}`)[5]).toEqual([f, STYLE.value]);
    }
  });

  it('leaves an unknown verb plain and does not carry a line into the next', () => {
    expect(tokenize(['expect ret 0', '', 'app frobnicate buf', 'app read buf'])).toEqual([
      [
        ['expect', STYLE.expect],
        ['ret', STYLE.expectKind],
        ['0', STYLE.number],
      ],
      [],
      [
        ['app', STYLE.subject],
        ['frobnicate', null],
        ['buf', STYLE.name],
      ],
      [
        ['app', STYLE.subject],
        ['read', STYLE.verb],
        ['buf', STYLE.name],
      ],
    ]);
  });

  it('gives every word of the storyboard a style', () => {
    for (const toks of tokenize(STORYBOARD.split('\n'))) {
      for (const [text, style] of toks) expect({ text, style }).not.toMatchObject({ style: null });
    }
  });

  it('always advances and covers the whole line, whatever the input', () => {
    const alphabet = fc.constantFrom(...'ab i0x9[].:/!#"\\-+\t ABEN'.split(''), 'expect', 'app');
    fc.assert(
      fc.property(fc.array(fc.array(alphabet).map((a) => a.join(''))), (lines) => {
        const state: HmmState = hmmStreamParser.startState!(2);
        for (const l of lines) {
          const stream = new StringStream(l, 4, 2);
          let covered = '';
          while (!stream.eol()) {
            stream.start = stream.pos;
            hmmStreamParser.token(stream, state);
            if (stream.pos <= stream.start || stream.pos > l.length) return false;
            covered += stream.current();
          }
          if (covered !== l) return false;
        }
        return true;
      }),
    );
  });
});

describe('lineKindOf', () => {
  it('reads the focus line and note lines', () => {
    expect(line('focus app buf[0..3]')).toEqual([
      ['focus', STYLE.header],
      ['app', STYLE.name],
      ['buf', STYLE.name],
      ['[', STYLE.bracket],
      ['0', STYLE.number],
      ['..', STYLE.punctuation],
      ['3', STYLE.number],
      [']', STYLE.bracket],
    ]);
    expect(line('  note "why a migration entry? # not a comment"  # one')).toEqual([
      ['note', STYLE.expect],
      ['"why a migration entry? # not a comment"', STYLE.string],
      ['# one', STYLE.comment],
    ]);
    // Every word that starts a line is a keyword of its kind, none plain.
    for (const w of LINE_STARTS) expect(line(`${w} x`)[0]?.[1]).not.toBeNull();
  });

  it('tells command lines from the rest', () => {
    expect(lineKindOf('  note "a note"')).toBe('note');
    expect(lineKindOf('focus app buf')).toBe('header');
    expect(lineKindOf('app read buf')).toBe('command');
    expect(lineKindOf('  gpu0 migrate buf # go')).toBe('command');
    expect(lineKindOf('machine reclaim 4')).toBe('machine');
    expect(lineKindOf('  expect ret 0')).toBe('expect');
    expect(lineKindOf('ram 64')).toBe('header');
    expect(lineKindOf('   ')).toBe('blank');
    expect(lineKindOf('# only a comment')).toBe('blank');
  });
});
