/**
 * Completion for scenario text: the words that may stand where the cursor is, from the command
 * table (verbs by subject, each argument's words, flags, `as`), the header and the expectation
 * kinds, with the names the lines above declare (processes, devices, mirrors, buffers). Pure:
 * the editor asks it with the whole text (only the focus line reads below the cursor: its
 * buffer is mapped by a command after the header).
 */
import { MMAP_OPTION_WORDS, type Arg } from '../engine/commands/args';
import { COMMAND_OPS, specOf, type CommandOp } from '../engine/commands/table';
import { type Subject } from '../engine/commands/spec';
import { KERNELS, PLATFORMS } from '../engine/commands/terms';
import { VERBS } from './parse-command';
import { EXPECT_KINDS } from './parse-expect';
import { defaultMirrorName } from './values';
import { LINE_STARTS, MEM_TYPE_WORDS } from './vocabulary';

export interface CompletionOption {
  label: string;
  /** keyword (a header word, verb or expectation), variable (a name), constant (a value word). */
  type: 'keyword' | 'variable' | 'constant';
  /** A short note beside it: the op a verb runs, what a name is. */
  detail?: string;
  /** A longer one: what the command does. */
  info?: string;
}

export interface Completion {
  /** Where the word being completed starts (an offset in the text). */
  from: number;
  options: CompletionOption[];
}

/** The names the lines above declare, as the parser tracks them. */
interface Names {
  processes: Set<string>;
  devices: Set<string>;
  /** Open mirrors, by name. */
  mirrors: Map<string, { proc: string; device: string }>;
  /** Process → its buffers (a forked child inherits its parent's). */
  buffers: Map<string, Set<string>>;
}

const words = (line: string): string[] =>
  line
    .replace(/#.*/, '')
    .trim()
    .split(/[ \t]+/)
    .filter(Boolean);

/** What `first` names at this point: a process, a mirror (or a device standing for one). */
function subjectKind(names: Names, first: string): Subject | null {
  if (first === 'machine') return 'machine';
  if (names.processes.has(first)) return 'process';
  if (names.mirrors.has(first) || names.devices.has(first)) return 'mirror';
  return null;
}

/** Each subject's verbs, looked up once per line read. */
const OPS_BY_VERB = new Map(
  COMMAND_OPS.flatMap((op) => specOf(op).verbs.map((v) => [`${specOf(op).subject} ${v}`, op])),
);

function opFor(subject: Subject, verb: string): CommandOp | undefined {
  return OPS_BY_VERB.get(`${subject} ${verb}`);
}

/** The open mirror a subject names: a mirror, or a device's only open mirror. */
function mirrorOf(names: Names, subject: string): string | undefined {
  if (names.mirrors.has(subject)) return subject;
  const of = [...names.mirrors].filter(([, m]) => m.device === subject);
  return of.length === 1 ? of[0]?.[0] : undefined;
}

/** The verbs of the commands that declare or forget a name (a line with another verb, or with
 * a first word that is not a header word, changes no name: it is skipped unread). */
const NAMING_VERBS: ReadonlySet<string> = new Set(
  COMMAND_OPS.filter((op) => {
    const spec = specOf(op);
    return (
      spec.ends === true ||
      spec.args.some(
        (a) =>
          a.kind === 'mirror-as' ||
          (a.kind === 'name' && a.role !== 'device' && a.role !== 'buffer'),
      )
    );
  }).flatMap((op) => specOf(op).verbs),
);
const LINE = /^[ \t]*([^\s#"]+)[ \t]+([^\s#"]+)/gm;

/** Reads the declarations of the text before the cursor's line, with the table's name arguments. */
function namesOf(text: string): Names {
  const names: Names = {
    processes: new Set(),
    devices: new Set(),
    mirrors: new Map(),
    buffers: new Map(),
  };
  for (const m of text.matchAll(LINE)) {
    const [, first = '', second = ''] = m;
    if (first !== 'process' && first !== 'device' && !NAMING_VERBS.has(second)) continue;
    const end = text.indexOf('\n', m.index);
    const w = words(text.slice(m.index, end < 0 ? text.length : end));
    if (first === 'process' && second) {
      names.processes.add(second);
      names.buffers.set(second, new Set());
    }
    if (first === 'device' && second) names.devices.add(second);
    const kind = subjectKind(names, first);
    const op = kind ? opFor(kind, second) : undefined;
    if (!op || !kind) continue;
    const spec = specOf(op);
    const mirror = kind === 'mirror' ? mirrorOf(names, first) : undefined;
    const proc = kind === 'process' ? first : (names.mirrors.get(mirror ?? '')?.proc ?? '');
    if (mirror !== undefined && spec.ends) names.mirrors.delete(mirror);
    let at = 2;
    for (const arg of spec.args) {
      const word = w[at] ?? '';
      if (arg.kind === 'name' && word) {
        if (arg.role === 'new-process') {
          names.processes.add(word);
          names.buffers.set(word, new Set(names.buffers.get(proc)));
        } else if (arg.role === 'new-device') names.devices.add(word);
        else if (arg.role === 'new-buffer') names.buffers.get(proc)?.add(word);
      }
      if (arg.kind === 'mirror-as') {
        const device = w[at - 1] ?? '';
        const named = w[at] === 'as' ? w[at + 1] : undefined;
        names.mirrors.set(named ?? defaultMirrorName(proc, device), { proc, device });
      }
      at += 1;
    }
  }
  return names;
}

const option = (label: string, type: CompletionOption['type'], detail?: string, info?: string) => ({
  label,
  type,
  ...(detail ? { detail } : {}),
  ...(info ? { info } : {}),
});

const constants = (list: readonly string[], detail?: string): CompletionOption[] =>
  list.map((w) => option(w, 'constant', detail));

/** The buffers `proc` maps anywhere in `text` (its mmap lines), in order. */
function mappedBy(text: string, proc: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(LINE)) {
    if (m[1] !== proc || m[2] !== 'mmap') continue;
    const end = text.indexOf('\n', m.index);
    const buf = words(text.slice(m.index, end < 0 ? text.length : end))[2];
    if (buf) out.add(buf);
  }
  return [...out];
}

/**
 * What may stand at `offset` of `text` (the whole text, or up to the end of the cursor's line
 * but for a focus line's buffer), or null where nothing is known (inside a comment or a
 * string, a value, a number).
 */
export function completionsAt(text: string, offset: number): Completion | null {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.includes('#') || before.includes('"')) return null;
  const typed = /[^ \t]*$/.exec(before)?.[0] ?? '';
  const from = offset - typed.length;
  const done = words(before.slice(0, before.length - typed.length));
  const names = namesOf(text.slice(0, lineStart));
  const options =
    done[0] === 'focus' && done.length === 2
      ? mappedBy(text, done[1] ?? '').map((b) => option(b, 'variable', 'buffer'))
      : optionsFor(done, names);
  return options.length > 0 ? { from, options } : null;
}

function optionsFor(done: readonly string[], names: Names): CompletionOption[] {
  const [first, second] = done;
  if (first === undefined) {
    return [
      ...[...names.processes].map((n) => option(n, 'variable', 'process')),
      ...[...names.mirrors.keys()].map((n) => option(n, 'variable', 'mirror')),
      ...[...names.devices].map((n) => option(n, 'variable', 'device')),
      ...LINE_STARTS.map((w) => option(w, 'keyword')),
    ];
  }
  if (first === 'focus' && done.length === 1)
    return [...names.processes].map((n) => option(n, 'variable', 'process'));
  if (first === 'expect')
    return second === undefined ? EXPECT_KINDS.map((k) => option(k, 'keyword')) : [];
  if (first === 'kernel' && done.length === 1) return constants(KERNELS, 'kernel model');
  if (first === 'platform' && done.length === 1) return constants(PLATFORMS, 'platform');
  if (first === 'device' && done.length === 2) return constants(MEM_TYPE_WORDS, 'memory type');
  const kind = subjectKind(names, first);
  if (!kind) return [];
  if (second === undefined) {
    return VERBS[kind].map((verb) => {
      const op = opFor(kind, verb);
      return option(verb, 'keyword', op, op ? specOf(op).summary : undefined);
    });
  }
  const op = opFor(kind, second);
  if (!op) return [];
  const proc =
    kind === 'process' ? first : (names.mirrors.get(mirrorOf(names, first) ?? '')?.proc ?? '');
  return argOptions(specOf(op).args, done.slice(2), names, proc);
}

/** The words the next argument may be, after `given` arguments. */
function argOptions(
  args: readonly Arg[],
  given: readonly string[],
  names: Names,
  proc: string,
): CompletionOption[] {
  let i = 0;
  for (const arg of args) {
    // Flags and options take every word after them; `[as <m>]` two.
    if (arg.kind === 'flags')
      return constants(
        arg.flags.filter((f) => !given.slice(i).includes(f)),
        'flag',
      );
    if (arg.kind === 'mmap-options')
      return constants(
        MMAP_OPTION_WORDS.filter((w) => !w.includes('<')),
        'mmap option',
      );
    if (arg.kind === 'mirror-as')
      return given.length === i ? [option('as', 'keyword', 'name the mirror')] : [];
    if (given.length > i) {
      i += 1;
      continue;
    }
    switch (arg.kind) {
      case 'range':
        return [...(names.buffers.get(proc) ?? [])].map((b) => option(b, 'variable', 'buffer'));
      case 'word':
        return constants(
          [...arg.words, ...Object.keys(arg.aliases)],
          arg.what.replace(/^an? /, ''),
        );
      case 'name':
        if (arg.role === 'buffer')
          return [...(names.buffers.get(proc) ?? [])].map((b) => option(b, 'variable', 'buffer'));
        return arg.role === 'device'
          ? [...names.devices].map((d) => option(d, 'variable', 'device'))
          : [];
      default:
        return [];
    }
  }
  return [];
}
