/**
 * The shape of an entry of the command table (table.ts): what a command acts on, how it is
 * written, where it exists, and how the lab offers it. The entries themselves are in
 * process.ts, mirror.ts and machine.ts, by subject.
 */
import type { Arg, FieldsOf } from './args';
import { KERNELS, type KernelModel } from './terms';

/** What a command acts on: the first word of its line. */
export const SUBJECTS = ['process', 'mirror', 'machine'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** The field that holds a command's subject (a machine command has none). */
export interface SubjectFields {
  process: { proc: string };
  mirror: { mirror: string };
  machine: object;
}

/** The lab's rows of actions, in order (a device row per device). */
export const ACTION_ROWS = [
  'process',
  'pages',
  'gup',
  'vma',
  'background',
  'device',
  'machine',
] as const;
export type ActionRow = (typeof ACTION_ROWS)[number];

/** One button of the action bar. */
export interface ActionSpec<F> {
  /** `data-testid`; `{device}` stands for the device of a device row. */
  testId: string;
  /** The button's text (`{device}` as above), or its text for the arguments chosen now. */
  label: string | LabelOf<F>;
  /** The tooltip; the command's summary when absent. */
  tooltip?: string;
  /** Arguments this button always passes (e.g. MADV_DONTNEED's advice). */
  fixed?: Partial<F>;
  tone?: 'primary' | 'danger';
}

/** Method syntax makes the parameter bivariant, so every entry is also an AnyCommandSpec. */
type LabelOf<F> = { label(fields: Partial<F>): string }['label'];

export interface CommandSpec<S extends Subject, A extends readonly Arg[], F = FieldsOf<A>> {
  subject: S;
  /** The verbs the text accepts; the first is the one it is printed with. */
  verbs: readonly [string, ...string[]];
  args: A;
  /** The kernel models where it exists; in the others the engine refuses it with -EINVAL. */
  models: readonly KernelModel[];
  /**
   * The command ends its subject: `exit` (the process maps nothing more) and `close` (the
   * mirror is gone and its name free again).
   */
  ends?: true;
  /** The kernel path it models (modern names). */
  kernel: string;
  /** One line for people: the reference's description and the buttons' tooltip. */
  summary: string;
  ui: {
    row: ActionRow;
    /** The lab asks for the arguments in a form of its own (mmap). */
    form?: true;
    actions: readonly ActionSpec<F>[];
  };
}

/** Any entry of the table, for the code that interprets entries generically. */
export type AnyCommandSpec = CommandSpec<Subject, readonly Arg[], Record<string, unknown>>;

export function command<const S extends Subject, const A extends readonly Arg[]>(
  spec: CommandSpec<S, A>,
): CommandSpec<S, A> {
  return spec;
}

/** Every kernel model: a command that exists in all of them. */
export const ALL_MODELS = KERNELS;
