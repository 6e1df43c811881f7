/**
 * Every command, declared once: its subject and verbs, its arguments (kinds, ranges, defaults),
 * the kernel models where it exists, the kernel path it models, and how the lab offers it (row,
 * label, tooltip). The entries are in process.ts, mirror.ts and machine.ts, by subject; their
 * shape is spec.ts. The `Command` union, the text parser and printer, the JSON schema, the
 * semantic checks, the random generators, the editor's words and completion, the action bar,
 * the CLI's help and the command reference in src/scenario/README.md derive from this table.
 *
 * Adding a command: its engine function (a case in src/engine/ops), an entry in its subject's
 * file, and tests.
 */
import type { FieldsOf } from './args';
import { MACHINE_COMMANDS } from './machine';
import { MIRROR_COMMANDS } from './mirror';
import { PROCESS_COMMANDS } from './process';
import type { AnyCommandSpec, SubjectFields } from './spec';
import type { KernelModel } from './terms';

/** The table, in the lab's order: a process's commands, the driver's, the machine's. */
export const COMMANDS = { ...PROCESS_COMMANDS, ...MIRROR_COMMANDS, ...MACHINE_COMMANDS };

type Table = typeof COMMANDS;
export type CommandOp = keyof Table;

type Pretty<T> = { [K in keyof T]: T[K] } & {};

/** The command with op `Op`: its op, its subject's field and its arguments' fields. */
export type CommandOf<Op extends CommandOp> = Pretty<
  { op: Op } & SubjectFields[Table[Op]['subject']] & FieldsOf<Table[Op]['args']>
>;

/**
 * Commands are data: every user action, scenario line and worker message is one of these.
 * Names (processes, buffers, devices, mirrors) are resolved by the engine at run time, so a
 * command means the same thing in a text file, a URL and a click.
 */
export type Command = { [Op in CommandOp]: CommandOf<Op> }[CommandOp];

/** The ops, in the table's order. */
export const COMMAND_OPS = Object.keys(COMMANDS) as CommandOp[];

/** A command's entry, typed loosely enough to interpret generically. */
export function specOf(op: CommandOp): AnyCommandSpec {
  return COMMANDS[op];
}

/** Whether `op` exists in kernel model `model`. */
export function existsIn(op: CommandOp, model: KernelModel): boolean {
  return specOf(op).models.includes(model);
}
