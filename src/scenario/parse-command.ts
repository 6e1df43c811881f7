/**
 * Command lines: `<subject> <verb> <arguments...>`. The subject is a process, a mirror (or a
 * device with exactly one open mirror), or `machine`. Names are checked afterwards by
 * check.ts; this file reads the shape and resolves device subjects to mirrors.
 */
import type { Command, MemType, Prot } from '../engine/command';
import type { SymbolTracker } from './symbols';
import { Cursor, LineError, type Token } from './tokenize';
import { readInt, readName, readRange, readValue, resolveMirrorToken, type Fields } from './terms';
import {
  ADVICES,
  DEVICE_PAGES,
  MEM_TYPE_WORDS,
  MMAP_PAGES,
  PROTS,
  RECLAIM_PAGES,
  defaultMirrorName,
  quote,
} from './values';

export const PROCESS_VERBS = [
  'mmap',
  'munmap',
  'mprotect',
  'madvise',
  'fork',
  'exit',
  'read',
  'write',
  'inc',
  'gup',
  'unpin',
  'open',
  'ksm',
  'numa-balance',
  'migrate-pages',
] as const;

export const MIRROR_VERBS = [
  'read',
  'write',
  'fill',
  'touch',
  'migrate',
  'migrate-to-dev',
  'migrate-to-sys',
  'snapshot',
  'exclusive',
  'check-exclusive',
  'release',
  'close',
] as const;

export const MACHINE_VERBS = ['hotplug', 'unplug', 'reclaim'] as const;

const MMAP_OPTIONS = ['anon', 'file', 'file:<name>', 'private', 'shared', 'rw', 'r', 'none'];
const GUP_FLAGS = ['write', 'pin', 'longterm', 'fast'] as const;

export interface ParsedCommand {
  command: Command;
  fields: Fields;
  /** `open` without `as`: the mirror got its default name. */
  defaultMirror: boolean;
}

/** Reads a command line. The subject token has been looked up: `kind` says what it names. */
export function parseCommand(
  cur: Cursor,
  subject: Token,
  kind: 'process' | 'mirror' | 'machine',
  tracker: SymbolTracker,
): ParsedCommand {
  const fields: Fields = new Map();
  const out = { fields, defaultMirror: false };
  if (kind === 'machine') {
    const { tok } = cur.word(MACHINE_VERBS, 'a machine command');
    fields.set('', tok.col);
    return { ...out, command: machineCommand(cur, tok.text, fields) };
  }
  if (kind === 'mirror') {
    const mirror = resolveMirrorToken(subject, tracker);
    fields.set('mirror', subject.col);
    const { word, tok } = cur.word(MIRROR_VERBS, `a command for mirror ${quote(mirror)}`);
    fields.set('', tok.col);
    return { ...out, command: mirrorCommand(cur, mirror, word, fields) };
  }
  const proc = subject.text;
  fields.set('proc', subject.col);
  const { word, tok } = cur.word(PROCESS_VERBS, `a command for process ${quote(proc)}`);
  fields.set('', tok.col);
  if (word === 'open') {
    const device = readName(cur, fields, 'device', 'a device name');
    let mirror = defaultMirrorName(proc, device);
    const as = cur.peek();
    if (as !== undefined) {
      cur.word(['as'], '`as <mirror>` or end of line');
      mirror = readName(cur, fields, 'mirror', 'a mirror name');
    } else fields.set('mirror', tok.col);
    cur.end();
    return {
      fields,
      defaultMirror: as === undefined,
      command: { op: 'open', proc, device, mirror },
    };
  }
  return { ...out, command: processCommand(cur, proc, word, fields) };
}

function processCommand(
  cur: Cursor,
  proc: string,
  verb: Exclude<(typeof PROCESS_VERBS)[number], 'open'>,
  fields: Fields,
): Command {
  const range = (): RangeArg => readRange(cur, fields);
  let c: Command;
  switch (verb) {
    case 'mmap':
      c = mmap(cur, proc, fields);
      break;
    case 'munmap':
      c = { op: 'munmap', proc, range: range() };
      break;
    case 'mprotect': {
      const r = range();
      c = { op: 'mprotect', proc, range: r, prot: protOf(cur, fields) };
      break;
    }
    case 'madvise': {
      const r = range();
      const { word, tok } = cur.word(ADVICES, 'an advice');
      fields.set('advice', tok.col);
      c = { op: 'madvise', proc, range: r, advice: word };
      break;
    }
    case 'fork':
      c = {
        op: 'fork',
        proc,
        child: readName(cur, fields, 'child', 'a name for the child process'),
      };
      break;
    case 'exit':
      c = { op: 'exit', proc };
      break;
    case 'read':
      c = { op: 'cpu-read', proc, range: range() };
      break;
    case 'write': {
      const r = range();
      c = { op: 'cpu-write', proc, range: r, value: readValue(cur, fields) };
      break;
    }
    case 'inc':
      c = { op: 'cpu-inc', proc, range: range() };
      break;
    case 'gup':
      c = gup(cur, proc, range());
      break;
    case 'unpin':
      c = { op: 'unpin', proc, range: range() };
      break;
    case 'ksm':
      c = { op: 'ksm', proc, range: range() };
      break;
    case 'numa-balance':
      c = { op: 'numa-balance', proc, range: range() };
      break;
    case 'migrate-pages':
      c = { op: 'migrate-pages', proc, range: range() };
      break;
  }
  cur.end();
  return c;
}

type RangeArg = ReturnType<typeof readRange>;

function protOf(cur: Cursor, fields: Fields): Prot {
  const { word, tok } = cur.word(PROTS, 'a protection');
  fields.set('prot', tok.col);
  return word;
}

function mmap(cur: Cursor, proc: string, fields: Fields): Command {
  const buf = readName(cur, fields, 'buf', 'a buffer name');
  const pages = readInt(cur, fields, 'pages', MMAP_PAGES);
  let backing: 'anon' | 'file' | null = null;
  let file: string | null = null;
  let shared: boolean | null = null;
  let prot: Prot | null = null;
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
    } else throw cur.error(tok, 'an mmap option', MMAP_OPTIONS);
  }
  return {
    op: 'mmap',
    proc,
    buf,
    pages,
    backing: backing ?? 'anon',
    file,
    shared: shared ?? false,
    prot: prot ?? 'rw',
  };
}

function gup(cur: Cursor, proc: string, range: RangeArg): Command {
  const flags = { write: false, pin: false, longterm: false, fast: false };
  while (!cur.done) {
    const { word, tok } = cur.word(GUP_FLAGS, 'a gup flag');
    if (flags[word]) throw new LineError(tok.col, `the gup flag ${word} is given twice`);
    flags[word] = true;
  }
  return { op: 'gup', proc, range, ...flags };
}

function mirrorCommand(
  cur: Cursor,
  mirror: string,
  verb: (typeof MIRROR_VERBS)[number],
  fields: Fields,
): Command {
  let c: Command;
  switch (verb) {
    case 'release':
    case 'close':
      c = { op: verb, mirror };
      break;
    case 'fill': {
      const range = readRange(cur, fields);
      c = { op: 'devbuf', mirror, range, value: readValue(cur, fields) };
      break;
    }
    case 'touch': {
      const range = readRange(cur, fields);
      let write = false;
      if (!cur.done) {
        cur.word(['write'], '`write` or end of line');
        write = true;
      }
      c = { op: 'dev-touch', mirror, range, write };
      break;
    }
    default: {
      const op = MIRROR_OPS[verb];
      c = { op, mirror, range: readRange(cur, fields) };
    }
  }
  cur.end();
  return c;
}

const MIRROR_OPS = {
  read: 'dev-read',
  write: 'dev-write',
  migrate: 'migrate-to-dev',
  'migrate-to-dev': 'migrate-to-dev',
  'migrate-to-sys': 'migrate-to-sys',
  snapshot: 'snapshot',
  exclusive: 'exclusive',
  'check-exclusive': 'check-exclusive',
} as const;

export function memTypeOf(cur: Cursor, fields: Fields, field: string): MemType {
  const { word, tok } = cur.word(MEM_TYPE_WORDS, 'a memory type');
  fields.set(field, tok.col);
  return word === 'public' ? 'coherent' : (word as MemType);
}

function machineCommand(cur: Cursor, verb: string, fields: Fields): Command {
  let c: Command;
  if (verb === 'hotplug') {
    const device = readName(cur, fields, 'device', 'a device name');
    const type = memTypeOf(cur, fields, 'type');
    c = { op: 'hotplug', device, type, pages: readInt(cur, fields, 'pages', DEVICE_PAGES) };
  } else if (verb === 'unplug') {
    c = { op: 'unplug', device: readName(cur, fields, 'device', 'a device name') };
  } else {
    c = { op: 'reclaim', pages: readInt(cur, fields, 'pages', RECLAIM_PAGES) };
  }
  cur.end();
  return c;
}
