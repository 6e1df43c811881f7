/**
 * The kinds of argument a command takes, as data. A command's entry in the table lists its
 * arguments in the order the text writes them; each kind says which fields of the command it
 * fills. Everything that reads or writes commands (the text parser and printer, the JSON
 * schema, the semantic checks, the random generators, the editor, the action bar) interprets
 * these kinds, so a new command needs no code there, only its entry in the table.
 *
 * Each constructor carries the fields it fills as a phantom type (`Fills<F>`), from which the
 * table derives the `Command` union: one declaration, checked by the compiler everywhere.
 */
import type { NumberSpec } from '../limits';
import { BACKINGS, PROTS, type Backing, type Prot, type RangeRef, type ValueExpr } from './terms';

/** Phantom: the command fields an argument fills. Never set at run time. */
export interface Fills<F> {
  readonly fills?: F;
}

/**
 * What a name argument names, and what the scenario's name tracking does with it:
 * - `new-buffer`: a new buffer of the command's process (at most LIMITS.buffers per process);
 * - `buffer`: a buffer of the command's process (the engine resolves it, as in ranges);
 * - `new-process`: a new process, forked from the command's process;
 * - `device`: a device declared above;
 * - `new-device`: a new device (its size is the command's `pages`).
 */
export type NameRole = 'new-buffer' | 'buffer' | 'new-process' | 'device' | 'new-device';

/** A range of pages: `buf`, `buf[3]`, `buf[2..5]`, `0xADDR/pages`. In the lab: the selection. */
export interface RangeArg extends Fills<{ range: RangeRef }> {
  readonly kind: 'range';
  readonly field: 'range';
}

/** A per-page value: `42`, `i`, `-i+3`. In the lab: the value box. */
export interface ValueArg extends Fills<{ value: ValueExpr }> {
  readonly kind: 'value';
  readonly field: 'value';
}

/** A whole number in a range (`spec`); in the lab a small text box starting at `initial`. */
export interface IntArg<F extends string = string> extends Fills<Record<F, number>> {
  readonly kind: 'int';
  readonly field: F;
  readonly spec: NumberSpec;
  /** The lab's box: its accessible label, first value, and what to say when it is off. */
  readonly ui: { readonly label: string; readonly initial: number; readonly why: string };
}

/** One word of a fixed list (`aliases` are other spellings of listed words). */
export interface WordArg<F extends string = string, W extends string = string> extends Fills<
  Record<F, W>
> {
  readonly kind: 'word';
  readonly field: F;
  readonly words: readonly W[];
  /** How an error names the argument: "expected a protection, found …". */
  readonly what: string;
  readonly aliases: Readonly<Record<string, W>>;
  /** The lab's choice box: its accessible label and first value. */
  readonly ui: { readonly label: string; readonly initial: W };
}

/** Optional words after the other arguments, in any order, each at most once: one boolean
 * field per flag (false when absent). */
export interface FlagsArg<W extends string = string> extends Fills<Record<W, boolean>> {
  readonly kind: 'flags';
  readonly flags: readonly W[];
  /** How an error names what may stand here: "expected a gup flag, found …". */
  readonly what: string;
  /** The name of one flag in "the gup flag pin is given twice". */
  readonly noun: string;
  /** The flags the lab's checkboxes start with. */
  readonly ui: { readonly initial: readonly W[] };
}

/** A name (checked against the scenario's names by its role). */
export interface NameArg<F extends string = string> extends Fills<Record<F, string>> {
  readonly kind: 'name';
  readonly field: F;
  readonly role: NameRole;
  /** How a missing name is asked for: "expected a name for the child process, …". */
  readonly what: string;
  /** A new name the lab makes up: the stem and the first free number (child1, dev2). */
  readonly stem: string;
}

/** `[as <mirror>]`: the mirror a process opens on a device (default `<process>/<device>`). */
export interface MirrorAsArg extends Fills<{ mirror: string }> {
  readonly kind: 'mirror-as';
  readonly field: 'mirror';
}

/** mmap's options, in any order, each kind at most once: the backing (`anon`, `file`,
 * `file:<name>`), `private` or `shared`, and the protection. Defaults: anon, private, rw. */
export interface MmapOptionsArg extends Fills<{
  backing: Backing;
  file: string | null;
  shared: boolean;
  prot: Prot;
}> {
  readonly kind: 'mmap-options';
}

export type Arg =
  RangeArg | ValueArg | IntArg | WordArg | FlagsArg | NameArg | MirrorAsArg | MmapOptionsArg;

export type ArgKind = Arg['kind'];

export const range = (): RangeArg => ({ kind: 'range', field: 'range' });

export const value = (): ValueArg => ({ kind: 'value', field: 'value' });

export function int<const F extends string>(
  field: F,
  spec: NumberSpec,
  ui: IntArg['ui'],
): IntArg<F> {
  return { kind: 'int', field, spec, ui };
}

export function word<const F extends string, const W extends string>(
  field: F,
  words: readonly W[],
  what: string,
  ui: { label: string; initial: NoInfer<W> },
  aliases: Readonly<Record<string, NoInfer<W>>> = {},
): WordArg<F, W> {
  return { kind: 'word', field, words, what, ui, aliases };
}

export function flags<const W extends string>(
  list: readonly W[],
  what: string,
  noun: string,
  ui: { initial: readonly NoInfer<W>[] } = { initial: [] },
): FlagsArg<W> {
  return { kind: 'flags', flags: list, what, noun, ui };
}

export function name<const F extends string>(
  field: F,
  role: NameRole,
  what: string,
  stem: string = field,
): NameArg<F> {
  return { kind: 'name', field, role, what, stem };
}

export const mirrorAs = (): MirrorAsArg => ({ kind: 'mirror-as', field: 'mirror' });

export const mmapOptions = (): MmapOptionsArg => ({ kind: 'mmap-options' });

/** What mmap's options are when the text leaves them out. */
export const MMAP_DEFAULTS = { backing: 'anon', file: null, shared: false, prot: 'rw' } as const;

/** The mmap options' words, as an error lists them. */
export const MMAP_OPTION_WORDS: readonly string[] = [
  ...BACKINGS,
  'file:<name>',
  'private',
  'shared',
  ...PROTS,
];

/** The fields every argument of a list fills, as one object type. */
export type FieldsOf<A extends readonly Arg[]> = Intersect<FillsOf<A[number]>>;

type FillsOf<A> = A extends Fills<infer F> ? F : never;
type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
