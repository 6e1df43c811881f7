/**
 * The shape of the JSON form, as valibot schemas. Valibot (pinned exact in package.json) was
 * chosen because it is small and tree-shakeable (each schema is a function; the app bundles
 * only the ones used here), and because its issues carry the full path of the offending value,
 * which every fromJson error names.
 *
 * The schemas check types, words and object keys only. Ranges of numbers, names, limits and
 * declarations are checked by check.ts, the same code the text parser runs.
 */
import * as v from 'valibot';
import type { Arg, NameRole } from '../engine/commands/args';
import { COMMAND_OPS, specOf, type Command, type CommandOp } from '../engine/commands/table';
import { type Subject } from '../engine/commands/spec';
import { BACKINGS, KERNELS, MEM_TYPES, PLATFORMS, PROTS } from '../engine/commands/terms';
import type { Scenario } from './ast';
import { FRAME_STATES, MIRROR_ENTRIES, PTE_FLAGS, PTE_KINDS } from './values';

export const JSON_FORMAT = 'hmm-lab/scenario';
export const JSON_VERSIONS: readonly number[] = [1];

function shown(received: string): string {
  if (received === 'Object') return 'an object';
  if (received === 'Array') return 'an array';
  return received;
}

/** `expected <what>, found <received>`. */
function msg(what: string) {
  return (issue: v.BaseIssue<unknown>): string =>
    `expected ${what}, found ${shown(issue.received)}`;
}

const str = (what: string) => v.string(msg(what));
/** Any number; JSON's -0 becomes 0 so that equal scenarios are deep-equal. */
const num = (what: string) =>
  v.pipe(
    v.number(msg(what)),
    v.transform((n) => n + 0),
  );
const bool = (what: string) => v.boolean(msg(what));
const words = <const W extends readonly string[]>(ws: W, what: string) =>
  v.picklist(ws, msg(`${what} (${ws.join(', ')})`));
const obj = <const E extends v.ObjectEntries>(entries: E, what: string) =>
  v.strictObject(entries, msg(what));
const lineField = v.optional(num('a line number'), 0);
const count = num('a whole number');
const optCount = v.nullable(count);

const bufRange = obj(
  { kind: v.literal('buf'), buf: str('a buffer name'), first: count, count: optCount },
  'a range',
);

const range = v.variant(
  'kind',
  [bufRange, obj({ kind: v.literal('addr'), addr: str('an address'), npages: count }, 'a range')],
  msg('a range ({"kind": "buf", ...} or {"kind": "addr", ...})'),
);

const value = obj(
  {
    scale: v.union([v.literal(-1), v.literal(0), v.literal(1)], msg('a scale (-1, 0 or 1)')),
    offset: num('a 32-bit integer'),
  },
  'a value ({"scale": -1|0|1, "offset": n})',
);

const proc = str('a process name');
const mirror = str('a mirror name');
const device = str('a device name');

/** A command's fields for its subject. */
const SUBJECT_ENTRIES: Record<Subject, v.ObjectEntries> = {
  process: { proc },
  mirror: { mirror },
  machine: {},
};

/** How the JSON checker names what a name argument must be. */
const NAME_WHAT: Record<NameRole, string> = {
  'new-buffer': 'a buffer name',
  buffer: 'a buffer name',
  'new-process': 'a process name',
  device: 'a device name',
  'new-device': 'a device name',
};

const boolean = bool('true or false');

/** The fields one argument adds to its command's object. */
function argEntries(arg: Arg): v.ObjectEntries {
  switch (arg.kind) {
    case 'range':
      return { range };
    case 'value':
      return { value };
    case 'int':
      return { [arg.field]: count };
    case 'word':
      return { [arg.field]: words(arg.words, arg.what) };
    case 'flags':
      return Object.fromEntries(arg.flags.map((f) => [f, boolean]));
    case 'name':
      return { [arg.field]: str(NAME_WHAT[arg.role]) };
    case 'mirror-as':
      return { mirror };
    case 'mmap-options':
      return {
        backing: words(BACKINGS, 'a backing'),
        file: v.nullable(str('a file name')),
        shared: boolean,
        prot: words(PROTS, 'a protection'),
      };
  }
}

function commandObject(op: CommandOp) {
  const spec = specOf(op);
  const entries: v.ObjectEntries & { op: v.LiteralSchema<CommandOp, undefined> } = {
    op: v.literal(op),
    ...SUBJECT_ENTRIES[spec.subject],
  };
  for (const arg of spec.args) Object.assign(entries, argEntries(arg));
  return obj(entries, `a command (${op})`);
}

/**
 * One object schema per command of the table, chosen by `op`. Its output is typed as the
 * `Command` the table derives: the schema and the type come from the same entries (the JSON
 * round-trip property test holds them together).
 */
export const commandSchema = v.variant(
  'op',
  COMMAND_OPS.map(commandObject) as [
    ReturnType<typeof commandObject>,
    ...ReturnType<typeof commandObject>[],
  ],
  msg(`a command op (${COMMAND_OPS.join(', ')})`),
) as unknown as v.GenericSchema<unknown, Command>;

const exp = <const K extends string, const E extends v.ObjectEntries>(kind: K, entries: E) =>
  obj({ kind: v.literal(kind), ...entries, line: lineField }, `an expectation (${kind})`);

const EXPECT_KINDS = ['ret', 'counters', 'pte', 'value', 'devbuf', 'snapshot', 'page', 'frame'];
EXPECT_KINDS.push('bits', 'allocated', 'mirror', 'rss');

export const expectSchema = v.variant(
  'kind',
  [
    exp('ret', { code: count }),
    exp('counters', { cpages: optCount, faults: optCount }),
    exp('pte', {
      proc,
      range,
      pte: words(PTE_KINDS, 'a PTE kind'),
      flags: v.array(
        obj({ flag: words(PTE_FLAGS, 'a PTE flag'), set: bool('true or false') }, 'a flag check'),
        msg('an array of flag checks'),
      ),
    }),
    exp('value', { proc, range, value }),
    exp('devbuf', { mirror, range, value }),
    exp('snapshot', { bytes: v.array(count, msg('an array of bytes')) }),
    exp('page', {
      proc,
      range,
      ref: optCount,
      map: optCount,
      pin: optCount,
      on: v.nullable(str('"ram" or a device name')),
    }),
    exp('frame', {
      frame: obj({ mem: str('"ram" or a device name'), index: count }, 'a frame'),
      ref: optCount,
      map: optCount,
      value: optCount,
      state: v.nullable(words(FRAME_STATES, 'a frame state')),
    }),
    exp('bits', { device, first: count, last: count, set: bool('true or false') }),
    exp('allocated', { device, count }),
    exp('mirror', { mirror, range, entry: words(MIRROR_ENTRIES, 'a mirror entry') }),
    exp('rss', { proc, count }),
  ],
  msg(`an expectation kind (${EXPECT_KINDS.join(', ')})`),
);

const noteSchema = obj({ text: str('a note'), line: lineField }, 'a note ({"text": "..."})');

/** The focus: a buffer range only (an address range is not pages the lab can select). */
const focusSchema = obj(
  {
    proc,
    range: v.variant(
      'kind',
      [bufRange],
      msg('a buffer range ({"kind": "buf", ...}): the focus is pages of a buffer'),
    ),
    line: lineField,
  },
  'a focus ({"proc": ..., "range": {"kind": "buf", ...}})',
);

const stepSchema = obj(
  {
    command: commandSchema,
    expects: v.array(expectSchema, msg('an array of expectations')),
    // Optional, as `focus` is: a file written before notes existed (or by a program that
    // has none) is still a scenario.
    notes: v.optional(v.array(noteSchema, msg('an array of notes')), () => []),
    line: lineField,
  },
  'a step ({"command": ..., "expects": [...]})',
);

export const scenarioSchema = obj(
  {
    title: v.nullable(str('a title or null')),
    focus: v.optional(v.nullable(focusSchema), null),
    machine: obj(
      {
        kernel: words(KERNELS, 'a kernel model'),
        platform: words(PLATFORMS, 'a platform'),
        ramPages: count,
        devices: v.array(
          obj({ name: device, type: words(MEM_TYPES, 'a memory type'), pages: count }, 'a device'),
          msg('an array of devices'),
        ),
        processes: v.array(proc, msg('an array of process names')),
      },
      'a machine',
    ),
    steps: v.array(stepSchema, msg('an array of steps')),
  },
  'a scenario',
);

export const documentSchema = obj(
  {
    format: v.literal(JSON_FORMAT, msg(JSON.stringify(JSON_FORMAT))),
    version: v.literal(1, msg('version 1')),
    scenario: scenarioSchema,
  },
  `an object {"format": "${JSON_FORMAT}", "version": 1, "scenario": {...}}`,
);

// The schema's output is exactly the AST: this line fails to compile if they drift apart.
export const outputIsScenario = (o: v.InferOutput<typeof scenarioSchema>): Scenario => o;
