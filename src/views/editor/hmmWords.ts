/**
 * The words of the scenario format, as the highlighter sees them: which word on a line is a
 * keyword, a name, a value word or a number, split into pieces where a word has parts
 * (`buf[2..5]`, `i+1`, `!write`, `ram:3`). The vocabulary is imported from src/scenario, so the
 * highlighter and the parser never disagree on a keyword. Pure; no CodeMirror.
 */
import { COMMAND_OPS, specOf } from '../../engine/commands/table';
import type { Arg } from '../../engine/commands/args';
import { EXPECT_KINDS } from '../../scenario/parse-expect';
import { MACHINE_VERBS, MIRROR_VERBS, PROCESS_VERBS } from '../../scenario/parse-command';
import { ERRNO, HEADER_WORDS, PTE_FLAGS } from '../../scenario/values';
import { CLAUSES, VALUE_WORDS as VALUE_WORD_LIST } from '../../scenario/vocabulary';

/** Token styles, as CodeMirror tag names (theme.ts gives each its colour). */
export const STYLE = {
  comment: 'comment',
  string: 'string',
  /** title, kernel, platform, ram, device, process, focus */
  header: 'definitionKeyword',
  /** a command's verb: mmap, migrate, hotplug, … */
  verb: 'keyword',
  /** expect and note: the words of the lines under a command */
  expect: 'controlKeyword',
  /** ret, pte, page, … after `expect` */
  expectKind: 'propertyName',
  /** the process, mirror or device a command line starts with; also `machine` */
  subject: 'variableName.special',
  /** a name declared here: `process app`, `mmap buf`, `fork child`, `as m`, `hotplug gpu2` */
  definition: 'variableName.definition',
  name: 'variableName',
  /** the page index `i` of a value expression */
  index: 'variableName.local',
  /** a word from a fixed list: kernels, platforms, memory types, protections, PTE kinds, … */
  value: 'atom',
  /** a clause word inside a statement: as, ref, map, pin, on, value, faults */
  clause: 'modifier',
  errno: 'variableName.constant',
  number: 'number',
  bracket: 'squareBracket',
  operator: 'operator',
  punctuation: 'punctuation',
} as const;

export type Style = (typeof STYLE)[keyof typeof STYLE];

/** A piece of a word: its length and its style (null: plain text). */
export type Segment = readonly [length: number, style: Style | null];

export type LineKind = 'header' | 'expect' | 'note' | 'machine' | 'command';

/** Where in a statement a word stands. */
export interface WordContext {
  kind: LineKind;
  /** The first word of the line. */
  head: string;
  /** The second word: the verb, the expectation kind (or the header keyword's argument). */
  verb: string;
  /** 0 for the first word of the line. */
  index: number;
}

const HEADERS: ReadonlySet<string> = new Set(HEADER_WORDS);
const VERBS: ReadonlySet<string> = new Set<string>([...PROCESS_VERBS, ...MIRROR_VERBS]);
const MACHINE: ReadonlySet<string> = new Set<string>(MACHINE_VERBS);
const EXPECTS: ReadonlySet<string> = new Set<string>(EXPECT_KINDS);
/** Words the parser accepts in some argument position. */
const VALUE_WORDS: ReadonlySet<string> = new Set<string>(VALUE_WORD_LIST);
const FLAGS: ReadonlySet<string> = new Set<string>(PTE_FLAGS);

type Slot = 'name' | 'definition' | 'range' | 'any';

/** The word slots an argument takes: names declared here, names used, ranges, the rest. */
function slotsOf(arg: Arg): Slot[] {
  switch (arg.kind) {
    case 'range':
      return ['range'];
    case 'name':
      return [arg.role === 'device' || arg.role === 'buffer' ? 'name' : 'definition'];
    case 'mirror-as':
      return ['any', 'definition'];
    case 'flags':
    case 'mmap-options':
      return [];
    default:
      return ['any'];
  }
}

/** The word slots that hold names or ranges, by verb: index 0 is the first argument. A verb of
 * several subjects (read, write) takes the same slots in each. */
const COMMAND_SLOTS: Readonly<Record<string, readonly Slot[]>> = Object.fromEntries(
  COMMAND_OPS.flatMap((op) => {
    const spec = specOf(op);
    const slots = spec.args.flatMap(slotsOf);
    return spec.verbs.map((verb) => [verb, slots]);
  }),
);
const EXPECT_SLOTS: Readonly<Record<string, readonly Slot[]>> = {
  pte: ['name', 'range'],
  value: ['name', 'range'],
  page: ['name', 'range'],
  devbuf: ['name', 'range'],
  mirror: ['name', 'range'],
  rss: ['name'],
  bits: ['name'],
  allocated: ['name'],
};
const HEADER_SLOTS: Readonly<Record<string, readonly Slot[]>> = {
  device: ['definition'],
  process: ['definition'],
  focus: ['name', 'range'],
};

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const MIRROR_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?:\/[A-Za-z_][A-Za-z0-9_.-]*)?$/;
const NUMBER = /^-?(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;
const HEX_BYTE = /^(?:0[xX])?[0-9a-fA-F]{1,2}$/;
const VALUE_EXPR = /^(-?)(i)(?:([+-])(0[xX][0-9a-fA-F]+|[0-9]+))?$/;
const ERRNO_WORD = /^(-)([A-Z][A-Z0-9]*)$/;
const SPAN = /^(0[xX][0-9a-fA-F]+|[0-9]+)(\.\.)(0[xX][0-9a-fA-F]+|[0-9]+)$/;
const ADDR_RANGE = /^(0[xX][0-9a-fA-F]+)(\/)(.*)$/;
const QUALIFIED = /^([A-Za-z_][A-Za-z0-9_.-]*)(:)(.+)$/;

/** The kind of line a first word starts. */
export function kindOf(first: string): LineKind {
  if (HEADERS.has(first)) return 'header';
  if (first === 'expect') return 'expect';
  if (first === 'note') return 'note';
  if (first === 'machine') return 'machine';
  return 'command';
}

/** What a whole line is, for the gutter's "run to here" marks. */
export function lineKindOf(text: string): LineKind | 'blank' {
  const m = /^[ \t]*([^ \t#]+)/.exec(text);
  if (!m) return 'blank';
  const first = m[1] ?? '';
  return first.startsWith('"') ? 'command' : kindOf(first);
}

/** Pieces from consecutive regex groups (undefined or empty groups are skipped). */
function pieces(parts: readonly [string | undefined, Style | null][]): Segment[] {
  return parts.flatMap(([s, style]): Segment[] => (s ? [[s.length, style]] : []));
}

function numberOrPlain(s: string): Style | null {
  return NUMBER.test(s) ? STYLE.number : null;
}

/** A word with brackets, leniently (it may be half typed): `buf[2..5]`, `buf[3`, `buf[]`. */
function rangeWord(word: string): Segment[] {
  const out: Segment[] = [];
  const re = /\[|\]|\.\.|[0-9][0-9a-fA-FxX]*|[^[\].]+|\./g;
  let inside = false;
  for (const m of word.matchAll(re)) {
    const s = m[0];
    let style: Style | null;
    if (s === '[' || s === ']') {
      inside = s === '[';
      style = STYLE.bracket;
    } else if (s === '..' || s === '.') {
      style = inside ? STYLE.punctuation : STYLE.name;
    } else if (inside) {
      style = numberOrPlain(s);
    } else {
      style = STYLE.name;
    }
    out.push([s.length, style]);
  }
  return out;
}

function rangeSlot(word: string): Segment[] | null {
  if (word.includes('[')) return rangeWord(word);
  const addr = ADDR_RANGE.exec(word);
  if (addr) {
    const npages = addr[3] ?? '';
    return pieces([
      [addr[1], STYLE.number],
      [addr[2], STYLE.punctuation],
      [npages, numberOrPlain(npages)],
    ]);
  }
  return null;
}

function slotOf(ctx: WordContext): Slot {
  const arg = ctx.kind === 'header' ? ctx.index - 1 : ctx.index - 2;
  if (arg < 0) return 'any';
  let slots: readonly Slot[] | undefined;
  if (ctx.kind === 'header') slots = HEADER_SLOTS[ctx.head];
  else if (ctx.kind === 'expect') slots = EXPECT_SLOTS[ctx.verb];
  else slots = COMMAND_SLOTS[ctx.verb];
  return slots?.[arg] ?? 'any';
}

/** An argument word that is not in a name slot: numbers, values, errnos, flags, words. */
function valueWord(word: string, ctx: WordContext): Segment[] {
  if (ctx.kind === 'expect' && ctx.verb === 'snapshot' && HEX_BYTE.test(word)) {
    return [[word.length, STYLE.number]];
  }
  if (NUMBER.test(word)) return [[word.length, STYLE.number]];
  const v = VALUE_EXPR.exec(word);
  if (v) {
    return pieces([
      [v[1], STYLE.operator],
      [v[2], STYLE.index],
      [v[3], STYLE.operator],
      [v[4], STYLE.number],
    ]);
  }
  const e = ERRNO_WORD.exec(word);
  if (e && Object.hasOwn(ERRNO, e[2] ?? '')) return [[word.length, STYLE.errno]];
  if (word.startsWith('!') && FLAGS.has(word.slice(1))) {
    return [
      [1, STYLE.operator],
      [word.length - 1, STYLE.value],
    ];
  }
  const span = SPAN.exec(word);
  if (span) {
    return pieces([
      [span[1], STYLE.number],
      [span[2], STYLE.punctuation],
      [span[3], STYLE.number],
    ]);
  }
  const q = QUALIFIED.exec(word);
  if (q) {
    const [head, rest] = [q[1] ?? '', q[3] ?? ''];
    const restStyle = head === 'file' ? STYLE.string : numberOrPlain(rest);
    return pieces([
      [head, VALUE_WORDS.has(head) ? STYLE.value : STYLE.name],
      [q[2], STYLE.punctuation],
      [rest, restStyle],
    ]);
  }
  const clauses = ctx.kind === 'command' || ctx.kind === 'expect' ? CLAUSES[ctx.verb] : undefined;
  if (clauses?.includes(word)) return [[word.length, STYLE.clause]];
  if (VALUE_WORDS.has(word)) return [[word.length, STYLE.value]];
  if (word.includes('[')) return rangeWord(word);
  return [[word.length, MIRROR_NAME.test(word) ? STYLE.name : null]];
}

/**
 * The pieces of one word (no spaces, no `#`, not a quoted string) at its place on the line.
 * Their lengths add up to the word's length.
 */
export function classifyWord(word: string, ctx: WordContext): Segment[] {
  if (ctx.index === 0) {
    if (ctx.kind === 'header') return [[word.length, STYLE.header]];
    if (ctx.kind === 'expect' || ctx.kind === 'note') return [[word.length, STYLE.expect]];
    if (ctx.kind === 'machine') return [[word.length, STYLE.subject]];
    return [[word.length, MIRROR_NAME.test(word) ? STYLE.subject : null]];
  }
  if (ctx.index === 1 && ctx.kind !== 'header') {
    const known = ctx.kind === 'expect' ? EXPECTS : ctx.kind === 'machine' ? MACHINE : VERBS;
    if (known.has(word))
      return [[word.length, ctx.kind === 'expect' ? STYLE.expectKind : STYLE.verb]];
    return [[word.length, null]];
  }
  const slot = slotOf(ctx);
  if (slot === 'range') {
    const r = rangeSlot(word);
    if (r) return r;
  }
  if (slot !== 'any' && (NAME.test(word) || MIRROR_NAME.test(word))) {
    return [[word.length, slot === 'definition' ? STYLE.definition : STYLE.name]];
  }
  return valueWord(word, ctx);
}
