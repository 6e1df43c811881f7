/**
 * The vocabulary of the scenario format: words, name syntax, numbers and their ranges, errno
 * names, values (`i+3`) and quoted strings. Shared by the text parser, the printer and the JSON
 * checker so that all three accept and describe exactly the same things.
 */
import { PTE_BIT_NAMES, PTE_KIND_NAMES } from '../engine/mm/pte';
import type { ValueExpr } from '../engine/commands/terms';
import { ERRNO as ENGINE_ERRNO } from '../engine/errno';
import { LIMITS, overLimit, type NumberSpec } from '../engine/limits';

/**
 * CPU page-table entry kinds, as expectations name them: the engine's kinds, with the shared
 * zero page told apart from other present entries.
 */
export const PTE_KINDS = ['none', 'present', 'zero', ...PTE_KIND_NAMES.slice(2)] as const;
export type PteKindName = (typeof PTE_KINDS)[number];
/** PTE attribute words an expectation may require (present: write/dirty/young/devmap/special;
 * non-present entries: write). A leading `!` in text means "must be clear". NUMA hinting's
 * protnone is the engine's own bit, not something a scenario asserts. */
export const PTE_FLAGS = PTE_BIT_NAMES.filter(
  (b): b is Exclude<typeof b, 'protnone'> => b !== 'protnone',
);
export type PteFlagName = (typeof PTE_FLAGS)[number];
export const MIRROR_ENTRIES = ['none', 'read', 'write', 'atomic'] as const;
export const FRAME_STATES = ['free', 'allocated'] as const;

/** Header keywords, in canonical order (`focus` names a process, so it comes after them). */
export const HEADER_WORDS = [
  'title',
  'kernel',
  'platform',
  'ram',
  'device',
  'process',
  'focus',
] as const;
export type HeaderWord = (typeof HEADER_WORDS)[number];

/** The words that start a line under a command (attached to the closest command above). */
export const UNDER_WORDS = ['expect', 'note'] as const;

/** Words that can never be a process, device or mirror name. */
export const RESERVED: ReadonlySet<string> = new Set<string>([
  'machine',
  ...UNDER_WORDS,
  ...HEADER_WORDS,
]);

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** A file name after `file:`: no spaces, quotes or `#`. */
const FILE_RE = /^[A-Za-z0-9_./+:@=,~-]{1,255}$/;
/** An address: `0x` and 1 to 16 lowercase hex digits (at most 64 bits). */
const ADDR_RE = /^0x[0-9a-f]{1,16}$/;

export function isName(s: string): boolean {
  return NAME_RE.test(s) && !RESERVED.has(s);
}

/** A mirror name is a name, or two names joined by one `/` (the default `<proc>/<device>`). */
export function isMirrorName(s: string): boolean {
  const parts = s.split('/');
  return parts.length <= 2 && parts.every(isName);
}

export function isFileName(s: string): boolean {
  return FILE_RE.test(s);
}

export function isAddr(s: string): boolean {
  return ADDR_RE.test(s);
}

export function defaultMirrorName(proc: string, device: string): string {
  return `${proc}/${device}`;
}

/** Why `s` is not a good name, or null. `what` is e.g. "a process name". */
export function nameProblem(s: string, what: string, found: string = quote(s)): string | null {
  if (NAME_RE.test(s)) {
    return RESERVED.has(s) ? `expected ${what}, found the reserved word ${found}` : null;
  }
  return `expected ${what} (a letter or _, then letters, digits, _ . -), found ${found}`;
}

/** A token or value shown in a message: JSON-quoted and cut to a readable length. */
export function quote(s: string): string {
  const cut = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return JSON.stringify(cut);
}

// ---- numbers ------------------------------------------------------------------------------

export const INT32_MIN = -0x8000_0000;
export const INT32_MAX = 0x7fff_ffff;
/** The kernel's MAX_ERRNO. */
export const MAX_ERRNO = 4095;

export const COUNT: NumberSpec = { what: 'a count', min: 0, max: INT32_MAX };
export const INT32: NumberSpec = { what: 'a 32-bit integer', min: INT32_MIN, max: INT32_MAX };
export const LINE: NumberSpec = { what: 'a line number', min: 0, max: INT32_MAX };
export const BYTE: NumberSpec = { what: 'a byte', min: 0, max: 255 };

export function describeNumber(spec: NumberSpec): string {
  return `${spec.what} (a whole number from ${spec.min} to ${spec.max})`;
}

/** Why `n` does not fit `spec`, or null. `found` is how the input is shown (default: `n`). */
export function numberProblem(n: number, spec: NumberSpec, found?: string): string | null {
  if (Number.isSafeInteger(n) && n >= spec.min && n <= spec.max) return null;
  if (Number.isSafeInteger(n) && n > spec.max && spec.limit) {
    return overLimit(spec.limit.noun, n, spec.limit.name);
  }
  return `expected ${describeNumber(spec)}, found ${found ?? String(n)}`;
}

/** An integer literal: `42`, `-7`, `0x2a`, `-0x2A`. NaN when `s` is not one. Never -0. */
export function parseIntLiteral(s: string): number {
  const m = /^(-?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))$/.exec(s);
  if (!m) return NaN;
  const n = m[2] !== undefined ? parseInt(m[2], 16) : parseInt(m[3] ?? '', 10);
  return m[1] === '-' ? 0 - n : n + 0;
}

// ---- errno --------------------------------------------------------------------------------

/** The engine's errno table, indexable by any word the text may contain. */
export const ERRNO: Readonly<Record<string, number>> = ENGINE_ERRNO;
const ERRNO_NAME = new Map<number, string>(Object.entries(ERRNO).map(([k, v]) => [v, k]));

export const RET_WHAT = `a return code (0, -ENOENT or another -ERRNO name, or a number from -${MAX_ERRNO} to 0)`;

/** `0`, `-ENOENT`, `-2` → 0, -2, -2; NaN when not a return code. */
export function parseRet(s: string): number {
  const m = /^-([A-Z]+)$/.exec(s);
  if (m) {
    const errno = Object.hasOwn(ERRNO, m[1] ?? '') ? ERRNO[m[1] ?? ''] : undefined;
    return errno === undefined ? NaN : -errno;
  }
  const n = parseIntLiteral(s);
  return Number.isSafeInteger(n) && n <= 0 && n >= -MAX_ERRNO ? n : NaN;
}

export function formatRet(code: number): string {
  if (code === 0) return '0';
  const name = ERRNO_NAME.get(-code);
  return name !== undefined ? `-${name}` : String(code);
}

export function retProblem(code: number, found: string = String(code)): string | null {
  return Number.isSafeInteger(code) && code <= 0 && code >= -MAX_ERRNO
    ? null
    : `expected ${RET_WHAT}, found ${found}`;
}

// ---- values -------------------------------------------------------------------------------

export const VALUE_WHAT = 'a value (a 32-bit integer, or i, -i, i+N, i-N, -i+N, -i-N)';

/** `42`, `0x2a`, `i`, `-i`, `i+3`, `-i-1` → a ValueExpr, or null. Offsets are not range-checked. */
export function parseValue(s: string): ValueExpr | null {
  const m = /^(-?)i(?:([+-])(0[xX][0-9a-fA-F]+|[0-9]+))?$/.exec(s);
  if (m) {
    const scale = m[1] === '-' ? -1 : 1;
    const offset = m[2] === undefined ? 0 : parseIntLiteral(`${m[2] === '-' ? '-' : ''}${m[3]}`);
    return { scale, offset };
  }
  const n = parseIntLiteral(s);
  return Number.isNaN(n) ? null : { scale: 0, offset: n };
}

export function valueProblem(v: ValueExpr, found?: string): string | null {
  if (v.scale !== 0 && v.scale !== 1 && v.scale !== -1) {
    return `expected a scale of -1, 0 or 1, found ${found ?? String(v.scale)}`;
  }
  return numberProblem(v.offset, INT32, found);
}

export function formatValue(v: ValueExpr): string {
  if (v.scale === 0) return String(v.offset);
  const i = v.scale < 0 ? '-i' : 'i';
  if (v.offset === 0) return i;
  return v.offset > 0 ? `${i}+${v.offset}` : `${i}${v.offset}`;
}

// ---- strings ------------------------------------------------------------------------------

/** Control characters cannot be written in a quoted string (the text form is one line). */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Why `s` cannot be a quoted string's contents (`what`: "a title"), or null. */
function controlProblem(s: string, what: string): string | null {
  const m = CONTROL_RE.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).padStart(4, '0');
  return `expected ${what} without control characters, found U+${code.toUpperCase()}`;
}

export function titleProblem(s: string): string | null {
  return controlProblem(s, 'a title');
}

/**
 * Why `s` cannot be a lecturer's note, or null: the title's rules, something to say, and at
 * most LIMITS.noteLength characters (a callout, not a page).
 */
export function noteProblem(s: string): string | null {
  if (s.length > LIMITS.noteLength) return overLimit('note length', s.length, 'noteLength');
  if (s.trim() === '') return `expected a note with something to say, found ${quote(s)}`;
  return controlProblem(s, 'a note');
}

/** A quoted string: `"` … `"`, with `\"` and `\\` the only escapes. */
export function quoteString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
