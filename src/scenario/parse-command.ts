/**
 * Command lines: `<subject> <verb> <arguments...>`. The subject is a process, a mirror (or a
 * device with exactly one open mirror), or `machine`; the verb picks the command's entry in the
 * table (src/engine/commands/table.ts), whose arguments say what to read. Names are checked
 * afterwards by check.ts; this file reads the shape and resolves device subjects to mirrors.
 */
import { MMAP_DEFAULTS, MMAP_OPTION_WORDS, type Arg, type WordArg } from '../engine/commands/args';
import { COMMAND_OPS, specOf, type Command, type CommandOp } from '../engine/commands/table';
import { type Subject } from '../engine/commands/spec';
import type { SymbolTracker } from './symbols';
import { Cursor, LineError, type Token } from './tokenize';
import { readInt, readName, readRange, readValue, resolveMirrorToken, type Fields } from './terms';
import { defaultMirrorName, quote } from './values';

/** Each subject's verbs, in the table's order (a verb of several subjects is listed in each). */
export const VERBS: Readonly<Record<Subject, readonly string[]>> = {
  process: verbsOf('process'),
  mirror: verbsOf('mirror'),
  machine: verbsOf('machine'),
};
export const PROCESS_VERBS = VERBS.process;
export const MIRROR_VERBS = VERBS.mirror;
export const MACHINE_VERBS = VERBS.machine;

function verbsOf(subject: Subject): string[] {
  return COMMAND_OPS.filter((op) => specOf(op).subject === subject).flatMap(
    (op) => specOf(op).verbs,
  );
}

/** The op a verb names for a subject. */
function opOf(subject: Subject, verb: string): CommandOp | undefined {
  return COMMAND_OPS.find(
    (op) => specOf(op).subject === subject && specOf(op).verbs.includes(verb),
  );
}

export interface ParsedCommand {
  command: Command;
  fields: Fields;
  /** `open` without `as`: the mirror got its default name. */
  defaultMirror: boolean;
}

/** A command being read: its fields so far, by name. */
type Draft = Record<string, unknown>;

/** Reads a command line. The subject token has been looked up: `kind` says what it names. */
export function parseCommand(
  cur: Cursor,
  subject: Token,
  kind: Subject,
  tracker: SymbolTracker,
): ParsedCommand {
  const fields: Fields = new Map();
  const draft: Draft = {};
  let what = 'a machine command';
  if (kind === 'mirror') {
    draft.mirror = resolveMirrorToken(subject, tracker);
    fields.set('mirror', subject.col);
    what = `a command for mirror ${quote(String(draft.mirror))}`;
  } else if (kind === 'process') {
    draft.proc = subject.text;
    fields.set('proc', subject.col);
    what = `a command for process ${quote(subject.text)}`;
  }
  const { word, tok } = cur.word(VERBS[kind], what);
  fields.set('', tok.col);
  const op = opOf(kind, word);
  if (op === undefined) throw cur.error(tok, what, VERBS[kind]);
  let defaultMirror = false;
  for (const arg of specOf(op).args) {
    if (readArg(cur, arg, draft, fields, tok)) defaultMirror = true;
  }
  cur.end();
  // The table's arguments filled every field of this op (Command is derived from the table).
  return { command: { op, ...draft } as Command, fields, defaultMirror };
}

/** Reads one argument into `draft`. True when it was `[as <mirror>]` left to its default. */
function readArg(cur: Cursor, arg: Arg, draft: Draft, fields: Fields, verb: Token): boolean {
  switch (arg.kind) {
    case 'range':
      draft.range = readRange(cur, fields);
      return false;
    case 'value':
      draft.value = readValue(cur, fields);
      return false;
    case 'int':
      draft[arg.field] = readInt(cur, fields, arg.field, arg.spec);
      return false;
    case 'word':
      draft[arg.field] = readWord(cur, fields, arg);
      return false;
    case 'name':
      draft[arg.field] = readName(cur, fields, arg.field, arg.what);
      return false;
    case 'flags': {
      for (const f of arg.flags) draft[f] = false;
      while (!cur.done) {
        const { word, tok } = cur.word(arg.flags, arg.what);
        if (draft[word]) throw new LineError(tok.col, `the ${arg.noun} ${word} is given twice`);
        draft[word] = true;
      }
      return false;
    }
    case 'mirror-as': {
      draft.mirror = defaultMirrorName(String(draft.proc), String(draft.device));
      if (cur.peek() === undefined) {
        fields.set('mirror', verb.col);
        return true;
      }
      cur.word(['as'], '`as <mirror>` or end of line');
      draft.mirror = readName(cur, fields, 'mirror', 'a mirror name');
      return false;
    }
    case 'mmap-options':
      readMmapOptions(cur, draft, fields);
      return false;
  }
}

/** A word of `arg`'s list (or one of its aliases, read as the word it stands for). */
export function readWord<W extends string>(
  cur: Cursor,
  fields: Fields,
  arg: WordArg<string, W>,
): W {
  const accepted = [...arg.words, ...Object.keys(arg.aliases)];
  const { word, tok } = cur.word(accepted, arg.what);
  fields.set(arg.field, tok.col);
  return arg.aliases[word] ?? (word as W);
}

function readMmapOptions(cur: Cursor, draft: Draft, fields: Fields): void {
  let backing: 'anon' | 'file' | null = null;
  let file: string | null = null;
  let shared: boolean | null = null;
  let prot: 'rw' | 'r' | 'none' | null = null;
  while (!cur.done) {
    const tok = cur.next('an mmap option');
    const t = tok.text;
    const twice = (what: string) => new LineError(tok.col, `${what} is given twice (${quote(t)})`);
    if (t === 'anon' || t === 'file' || t.startsWith('file:')) {
      if (backing !== null) throw twice('the backing');
      backing = t === 'anon' ? 'anon' : 'file';
      file = t.startsWith('file:') ? t.slice(5) : null;
      fields.set('backing', tok.col).set('file', tok.col + 5);
    } else if (t === 'private' || t === 'shared') {
      if (shared !== null) throw twice('private or shared');
      shared = t === 'shared';
      fields.set('shared', tok.col);
    } else if (t === 'rw' || t === 'r' || t === 'none') {
      if (prot !== null) throw twice('the protection');
      prot = t;
      fields.set('prot', tok.col);
    } else throw cur.error(tok, 'an mmap option', MMAP_OPTION_WORDS);
  }
  draft.backing = backing ?? MMAP_DEFAULTS.backing;
  draft.file = file;
  draft.shared = shared ?? MMAP_DEFAULTS.shared;
  draft.prot = prot ?? MMAP_DEFAULTS.prot;
}
