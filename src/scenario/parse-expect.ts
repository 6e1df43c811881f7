/**
 * Expectation lines: `expect <kind> <arguments...>`, attached by parse.ts to the command
 * above. Mirrors named through a device resolve against the state after that command.
 */
import type { Expect, FlagCheck } from './ast';
import type { SymbolTracker } from './symbols';
import { Cursor, LineError, type Token } from './tokenize';
import { intOf, readInt, readMirror, readName, readRange, readValue, type Fields } from './terms';
import {
  COUNT,
  FRAME_STATES,
  INT32,
  MIRROR_ENTRIES,
  PTE_FLAGS,
  PTE_KINDS,
  RET_WHAT,
  parseIntLiteral,
  parseRet,
  type PteFlagName,
} from './values';
import type { NumberSpec } from '../engine/limits';

export const EXPECT_KINDS = [
  'ret',
  'cpages',
  'faults',
  'pte',
  'value',
  'devbuf',
  'snapshot',
  'page',
  'frame',
  'bits',
  'allocated',
  'mirror',
  'rss',
] as const;

/** Clause words, by the expectation they belong to. */
export const PAGE_CLAUSES = ['ref', 'map', 'pin', 'on'] as const;
export const FRAME_CLAUSES = ['ref', 'map', 'value', ...FRAME_STATES] as const;
export const BIT_STATES = ['set', 'clear'] as const;

const FLAG_WORDS = PTE_FLAGS.flatMap((f) => [f, `!${f}`]);
const BIT_INDEX: NumberSpec = { what: 'a bit index', min: 0, max: Number.MAX_SAFE_INTEGER };
const FRAME_INDEX: NumberSpec = { what: 'a frame index', min: 0, max: Number.MAX_SAFE_INTEGER };

export interface ParsedExpect {
  expect: Expect;
  fields: Fields;
}

/** Reads `expect ...`; the cursor is past the `expect` word. */
export function parseExpect(cur: Cursor, tracker: SymbolTracker, line: number): ParsedExpect {
  const fields: Fields = new Map();
  const { word, tok } = cur.word(EXPECT_KINDS, 'an expectation');
  fields.set('', tok.col);
  const expect = body(cur, word, tracker, fields, line);
  cur.end();
  return { expect, fields };
}

function body(
  cur: Cursor,
  kind: (typeof EXPECT_KINDS)[number],
  tracker: SymbolTracker,
  fields: Fields,
  line: number,
): Expect {
  switch (kind) {
    case 'ret': {
      const tok = cur.next(RET_WHAT);
      fields.set('code', tok.col);
      const code = parseRet(tok.text);
      if (Number.isNaN(code)) throw cur.error(tok, RET_WHAT);
      return { kind: 'ret', code, line };
    }
    case 'cpages': {
      const cpages = readInt(cur, fields, 'cpages', COUNT);
      let faults: number | null = null;
      if (!cur.done) {
        cur.word(['faults'], '`faults <n>` or end of line');
        faults = readInt(cur, fields, 'faults', COUNT);
      }
      return { kind: 'counters', cpages, faults, line };
    }
    case 'faults':
      return {
        kind: 'counters',
        cpages: null,
        faults: readInt(cur, fields, 'faults', COUNT),
        line,
      };
    case 'pte': {
      const proc = readName(cur, fields, 'proc', 'a process name');
      const range = readRange(cur, fields);
      const { word: pte, tok } = cur.word(PTE_KINDS, 'a PTE kind');
      fields.set('pte', tok.col);
      const flags: FlagCheck[] = [];
      while (!cur.done) {
        const { word: f, tok: ft } = cur.word(FLAG_WORDS, 'a PTE flag');
        fields.set(`flags[${flags.length}]`, ft.col);
        const set = !f.startsWith('!');
        flags.push({ flag: (set ? f : f.slice(1)) as PteFlagName, set });
      }
      return { kind: 'pte', proc, range, pte, flags, line };
    }
    case 'value': {
      const proc = readName(cur, fields, 'proc', 'a process name');
      const range = readRange(cur, fields);
      return { kind: 'value', proc, range, value: readValue(cur, fields), line };
    }
    case 'devbuf': {
      const mirror = readMirror(cur, fields, tracker);
      const range = readRange(cur, fields);
      return { kind: 'devbuf', mirror, range, value: readValue(cur, fields), line };
    }
    case 'snapshot':
      return { kind: 'snapshot', bytes: snapshotBytes(cur, fields), line };
    case 'page':
      return page(cur, fields, line);
    case 'frame':
      return frame(cur, fields, line);
    case 'bits': {
      const device = readName(cur, fields, 'device', 'a device name');
      const tok = cur.next('a bit index or range (3 or 3..7)');
      const [a, b, extra] = tok.text.split('..');
      if (extra !== undefined || a === undefined) throw cur.error(tok, 'a bit index or range');
      fields.set('first', tok.col).set('last', tok.col);
      const first = intOf(cur, { ...tok, text: a }, BIT_INDEX);
      const last = b === undefined ? first : intOf(cur, { ...tok, text: b }, BIT_INDEX);
      if (last < first) {
        throw new LineError(tok.col, `the last bit ${last} is before the first ${first}`);
      }
      const { word } = cur.word(BIT_STATES, '`set` or `clear`');
      return { kind: 'bits', device, first, last, set: word === 'set', line };
    }
    case 'allocated': {
      const device = readName(cur, fields, 'device', 'a device name');
      return { kind: 'allocated', device, count: readInt(cur, fields, 'count', COUNT), line };
    }
    case 'mirror': {
      const mirror = readMirror(cur, fields, tracker);
      const range = readRange(cur, fields);
      const { word, tok } = cur.word(MIRROR_ENTRIES, 'a mirror entry');
      fields.set('entry', tok.col);
      return { kind: 'mirror', mirror, range, entry: word, line };
    }
    case 'rss': {
      const proc = readName(cur, fields, 'proc', 'a process name');
      return { kind: 'rss', proc, count: readInt(cur, fields, 'count', COUNT), line };
    }
  }
}

const BYTE_RE = /^(?:0[xX])?([0-9a-fA-F]{1,2})$/;
const BYTE_WHAT = 'a byte in hex (00 to FF)';

function snapshotBytes(cur: Cursor, fields: Fields): number[] {
  const bytes: number[] = [];
  do {
    const tok = cur.next(BYTE_WHAT);
    const m = BYTE_RE.exec(tok.text);
    if (!m) throw cur.error(tok, BYTE_WHAT);
    fields.set(`bytes[${bytes.length}]`, tok.col);
    if (bytes.length === 0) fields.set('bytes', tok.col);
    bytes.push(parseInt(m[1] ?? '', 16));
  } while (!cur.done);
  return bytes;
}

/** `word N` clauses in any order, each at most once. */
function clauses<W extends string>(
  cur: Cursor,
  words: readonly W[],
  fields: Fields,
  read: (word: W, tok: Token) => void,
): void {
  const seen = new Set<string>();
  while (!cur.done) {
    const { word, tok } = cur.word(words, 'a clause');
    if (seen.has(word)) throw new LineError(tok.col, `the clause ${word} is given twice`);
    seen.add(word);
    fields.set(word, tok.col);
    read(word, tok);
  }
  if (seen.size === 0) throw cur.error(undefined, `one of ${words.join(', ')}`, words);
}

function page(cur: Cursor, fields: Fields, line: number): Expect {
  const proc = readName(cur, fields, 'proc', 'a process name');
  const range = readRange(cur, fields);
  const e = { ref: null as number | null, map: null as number | null, pin: null as number | null };
  let on: string | null = null;
  clauses(cur, PAGE_CLAUSES, fields, (w) => {
    if (w === 'on') on = readName(cur, fields, 'on', '`ram` or a device name');
    else e[w] = readInt(cur, fields, w, COUNT);
  });
  return { kind: 'page', proc, range, ...e, on, line };
}

const FRAME_WHAT = 'a frame (ram:<index> or <device>:<index>)';

function frame(cur: Cursor, fields: Fields, line: number): Expect {
  const tok = cur.next(FRAME_WHAT);
  const colon = tok.text.indexOf(':');
  if (colon <= 0 || Number.isNaN(parseIntLiteral(tok.text.slice(colon + 1)))) {
    throw cur.error(tok, FRAME_WHAT);
  }
  fields.set('frame.mem', tok.col).set('frame.index', tok.col + colon + 1);
  const mem = tok.text.slice(0, colon);
  const index = intOf(
    cur,
    { ...tok, col: tok.col + colon + 1, text: tok.text.slice(colon + 1) },
    FRAME_INDEX,
  );
  let ref: number | null = null;
  let map: number | null = null;
  let value: number | null = null;
  let state: 'free' | 'allocated' | null = null;
  clauses(cur, FRAME_CLAUSES, fields, (w, t) => {
    if (w === 'ref') ref = readInt(cur, fields, 'ref', COUNT);
    else if (w === 'map') map = readInt(cur, fields, 'map', COUNT);
    else if (w === 'value') value = readInt(cur, fields, 'value', INT32);
    else {
      if (state !== null) throw new LineError(t.col, `free and allocated exclude each other`);
      state = w;
      fields.set('state', t.col);
    }
  });
  return { kind: 'frame', frame: { mem, index }, ref, map, value, state, line };
}
