/**
 * The small terms of statements: numbers, ranges, values, mirror subjects. Each reads one
 * token from the cursor and records the token's column under a field name, so that the
 * semantic checks (check.ts) can point at the right token.
 */
import type { RangeRef, ValueExpr } from '../engine/commands/terms';
import type { SymbolTracker } from './symbols';
import { Cursor, LineError, type Token } from './tokenize';
import {
  VALUE_WHAT,
  describeNumber,
  numberProblem,
  parseIntLiteral,
  parseValue,
  quote,
} from './values';
import type { NumberSpec } from '../engine/limits';

/** Field name → column of the token it came from. `''` is the statement's keyword. */
export type Fields = Map<string, number>;

/** The column of a field path, or of its closest recorded parent (`range.first` → `range`). */
export function columnOf(fields: Fields, field: string): number {
  let f = field;
  for (;;) {
    const col = fields.get(f);
    if (col !== undefined) return col;
    const cut = Math.max(f.lastIndexOf('.'), f.lastIndexOf('['));
    if (cut <= 0) return fields.get('') ?? 1;
    f = f.slice(0, cut);
  }
}

/** A name token (checked later, by check.ts). */
export function readName(cur: Cursor, fields: Fields, field: string, what: string): string {
  const tok = cur.next(what);
  fields.set(field, tok.col);
  return tok.text;
}

export function intOf(cur: Cursor, tok: Token, spec: NumberSpec): number {
  const n = parseIntLiteral(tok.text);
  if (Number.isNaN(n)) throw cur.error(tok, describeNumber(spec));
  const problem = numberProblem(n, spec, quote(tok.text));
  if (problem !== null) throw new LineError(tok.col, problem);
  return n;
}

export function readInt(cur: Cursor, fields: Fields, field: string, spec: NumberSpec): number {
  const tok = cur.next(describeNumber(spec));
  fields.set(field, tok.col);
  return intOf(cur, tok, spec);
}

const RANGE_WHAT = 'a range (buf, buf[3], buf[2..5] or 0xADDRESS/pages)';
const ADDR_RANGE_RE = /^0[xX]([0-9a-fA-F]+)\/(.*)$/;
const BUF_RANGE_RE = /^([^[\]]+)(?:\[([^[\]]*)\])?$/;

export function readRange(cur: Cursor, fields: Fields, field = 'range'): RangeRef {
  const tok = cur.next(RANGE_WHAT);
  fields.set(field, tok.col);
  const s = tok.text;
  const addr = ADDR_RANGE_RE.exec(s);
  if (addr) {
    const npages = parseIntLiteral(addr[2] ?? '');
    if (Number.isNaN(npages)) throw cur.error(tok, RANGE_WHAT);
    return { kind: 'addr', addr: `0x${(addr[1] ?? '').toLowerCase()}`, npages };
  }
  const m = tok.quoted || /^0[xX]/.test(s) ? null : BUF_RANGE_RE.exec(s);
  if (!m) throw cur.error(tok, RANGE_WHAT);
  const buf = m[1] ?? '';
  if (m[2] === undefined) return { kind: 'buf', buf, first: 0, count: null };
  const [a, b, extra] = m[2].split('..');
  const first = parseIntLiteral(a ?? '');
  const last = b === undefined ? first : parseIntLiteral(b);
  if (extra !== undefined || Number.isNaN(first) || Number.isNaN(last)) {
    throw cur.error(tok, RANGE_WHAT);
  }
  if (last < first) {
    throw new LineError(
      tok.col,
      `the last page ${last} of range ${quote(s)} is before the first ${first}`,
    );
  }
  return { kind: 'buf', buf, first, count: last - first + 1 };
}

export function readValue(cur: Cursor, fields: Fields, field = 'value'): ValueExpr {
  const tok = cur.next(VALUE_WHAT);
  fields.set(field, tok.col);
  const v = parseValue(tok.text);
  if (v === null) throw cur.error(tok, VALUE_WHAT);
  return v;
}

/** A mirror, named directly or through a device with exactly one open mirror. */
export function readMirror(
  cur: Cursor,
  fields: Fields,
  tracker: SymbolTracker,
  field = 'mirror',
): string {
  const tok = cur.next('a mirror (or a device with one open mirror)');
  fields.set(field, tok.col);
  return resolveMirrorToken(tok, tracker);
}

export function resolveMirrorToken(tok: Token, tracker: SymbolTracker): string {
  const r = tracker.resolveMirror(tok.text);
  if ('mirror' in r) return r.mirror;
  throw new LineError(tok.col, r.problem, r.expected);
}
