/**
 * What one button of the action bar does right now: the command it would run (built from the
 * table's arguments: the selection, the value box, its own boxes, the row's device) or why it
 * cannot run. Pure, so every button's rules are tested without a page. The reasons are written
 * once here, by what the command needs, not once per button.
 */
import type { Arg } from '../../engine/commands/args';
import { specOf, type Command, type CommandOp } from '../../engine/commands/table';
import { type ActionSpec, type AnyCommandSpec } from '../../engine/commands/spec';
import type { RangeRef, ValueExpr } from '../../engine/commands/terms';
import type { DeviceSnap, MirrorSnap, ProcSnap, Snapshot } from '../../engine/snapshot';
import { numberProblem } from '../../scenario/values';
import type { RangeSelection } from '../../timeline/selection';

export const WHY = {
  busy: 'the engine is still working on the last action',
  select:
    'select pages first: drag across page cells in the address space (or Tab to them: arrows move, Enter selects, Shift+arrows extend)',
  selectShort: 'select pages first',
  value: 'the value must be a 32-bit integer, or i, -i, i+N (i: the page index in its buffer)',
  noProcess: 'no process is running',
  exited: (proc: string) => `${proc} has exited`,
  otherProcess: (proc: string) => `the selection belongs to ${proc}`,
  unplugged: (dev: string) => `${dev} has been unplugged`,
  pmem: (dev: string) => `${dev} is persistent memory, not a device with a driver to mirror`,
  noMirror: (proc: string, dev: string) => `${proc} has no mirror of ${dev}: open it first`,
} as const;

/** What the buttons of one row share: the lab's state and the boxes' contents. */
export interface ActionContext {
  snap: Snapshot;
  selection: RangeSelection | null;
  busy: boolean;
  /** The acting process: the selection's, else the one picked, else the first alive. */
  proc: ProcSnap | undefined;
  /** The value box, parsed (null: not a value). */
  value: ValueExpr | null;
  /** The boxes' contents by inputKey. */
  inputs: Readonly<Record<string, string | boolean>>;
  /** In a device row: the device, and the acting process's open mirror of it. */
  device?: { dev: DeviceSnap; mirror: MirrorSnap | undefined };
}

export interface Prepared {
  testId: string;
  label: string;
  tooltip: string;
  /** The command, when it can run now. */
  command: Command | null;
  why: string | null;
}

/** The key of an argument's box: one box per command and field. */
export function inputKey(op: CommandOp, field: string): string {
  return `${op}.${field}`;
}

/** Whether a flag's checkbox is ticked (as the table starts it until the user changes it). */
export function flagSet(
  inputs: ActionContext['inputs'],
  op: CommandOp,
  arg: { flags: readonly string[]; ui: { initial: readonly string[] } },
  flag: string,
): boolean {
  const v = inputs[inputKey(op, flag)];
  return typeof v === 'boolean' ? v : arg.ui.initial.includes(flag);
}

/** The range of the selected pages. */
export function rangeOf(sel: RangeSelection): RangeRef {
  return { kind: 'buf', buf: sel.buf, first: sel.first, count: sel.count };
}

/** Whether a name is taken by a process, a device or an open mirror. */
function taken(snap: Snapshot, name: string): boolean {
  return (
    snap.procs.some((p) => p.name === name) ||
    snap.devices.some((d) => d.name === name) ||
    snap.mirrors.some((m) => m.name === name && m.open)
  );
}

/** The first free `stem1`, `stem2`, … */
export function nextName(snap: Snapshot, stem: string): string {
  for (let i = 1; ; i++) if (!taken(snap, `${stem}${i}`)) return `${stem}${i}`;
}

/** Whether a device-row button shows: mirror commands once the mirror is open, the one that
 * opens it until then, the device's own (unplug) while it is online. */
export function showsInDeviceRow(spec: AnyCommandSpec, ctx: ActionContext): boolean {
  const d = ctx.device;
  if (!d) return true;
  if (spec.subject === 'mirror') return d.mirror !== undefined;
  if (spec.args.some((a) => a.kind === 'mirror-as')) return d.mirror === undefined;
  return d.dev.online;
}

export function prepare(
  op: CommandOp,
  action: ActionSpec<Record<string, unknown>>,
  ctx: ActionContext,
): Prepared {
  const spec = specOf(op);
  const fields: Record<string, unknown> = { ...currentArgs(op, spec, ctx), ...action.fixed };
  const devName = ctx.device?.dev.name ?? '';
  const fill = (s: string): string => s.replaceAll('{device}', devName);
  const label = typeof action.label === 'string' ? fill(action.label) : action.label(fields);
  const why = whyNot(op, spec, ctx);
  const command = why === null ? ({ op, ...subjectOf(spec, ctx), ...fields } as Command) : null;
  return {
    testId: fill(action.testId),
    label,
    tooltip: action.tooltip ?? spec.summary,
    command,
    why,
  };
}

/** The arguments as the boxes, the selection and the row give them now. */
function currentArgs(
  op: CommandOp,
  spec: AnyCommandSpec,
  ctx: ActionContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of spec.args) {
    const input = (field: string) => ctx.inputs[inputKey(op, field)];
    switch (arg.kind) {
      case 'range':
        if (ctx.selection) out.range = rangeOf(ctx.selection);
        break;
      case 'value':
        out.value = ctx.value ?? { scale: 0, offset: 0 };
        break;
      case 'int':
        out[arg.field] = Number(input(arg.field) ?? arg.ui.initial);
        break;
      case 'word':
        out[arg.field] = input(arg.field) ?? arg.ui.initial;
        break;
      case 'flags':
        for (const f of arg.flags) out[f] = flagSet(ctx.inputs, op, arg, f);
        break;
      case 'name':
        out[arg.field] =
          arg.role === 'device'
            ? (ctx.device?.dev.name ?? '')
            : arg.role === 'buffer'
              ? (ctx.selection?.buf ?? '')
              : nextName(ctx.snap, arg.stem);
        break;
      case 'mirror-as':
        out.mirror = `${ctx.proc?.name ?? ''}/${ctx.device?.dev.name ?? ''}`;
        break;
      case 'mmap-options':
        break; // the mmap form asks for these
    }
  }
  return out;
}

/** The command's subject field: the selection's process for page commands, else the acting
 * process; the acting process's mirror of the row's device. */
function subjectOf(spec: AnyCommandSpec, ctx: ActionContext): Record<string, string> {
  if (spec.subject === 'process') {
    const onPages = hasRange(spec) && !ctx.device;
    return { proc: (onPages ? ctx.selection?.proc : undefined) ?? ctx.proc?.name ?? '' };
  }
  if (spec.subject === 'mirror') {
    const d = ctx.device;
    return { mirror: d?.mirror?.name ?? `${ctx.proc?.name ?? ''}/${d?.dev.name ?? ''}` };
  }
  return {};
}

const hasRange = (spec: AnyCommandSpec): boolean => spec.args.some((a) => a.kind === 'range');
/** Commands that reach a device through a mirror: the mirror's own, and opening one. */
const throughMirror = (spec: AnyCommandSpec): boolean =>
  spec.subject === 'mirror' || spec.args.some((a) => a.kind === 'mirror-as');

/** Why the command cannot run now, in the order a user can fix things; null when it can. */
function whyNot(op: CommandOp, spec: AnyCommandSpec, ctx: ActionContext): string | null {
  if (ctx.busy) return WHY.busy;
  const d = ctx.device;
  const procName = ctx.proc?.name ?? '';
  if (d && throughMirror(spec)) {
    if (!d.dev.online) return WHY.unplugged(d.dev.name);
    if (d.dev.type === 'pmem') return WHY.pmem(d.dev.name);
  }
  if (spec.subject === 'mirror' && !d?.mirror) return WHY.noMirror(procName, d?.dev.name ?? '');
  // A command on pages acts for the selection's process (the kernel answers if it has exited).
  if (spec.subject === 'process' && !(hasRange(spec) && !d)) {
    if (!ctx.proc) return WHY.noProcess;
    if (!ctx.proc.alive) return WHY.exited(ctx.proc.name);
  }
  for (const arg of spec.args) {
    const why = argWhy(op, arg, ctx);
    if (why !== null) return why;
  }
  return null;
}

function argWhy(op: CommandOp, arg: Arg, ctx: ActionContext): string | null {
  switch (arg.kind) {
    case 'range': {
      const sel = ctx.selection;
      if (!ctx.device) return sel ? null : WHY.select;
      if (!sel) return WHY.selectShort;
      return sel.proc === ctx.proc?.name ? null : WHY.otherProcess(sel.proc);
    }
    case 'name':
      // A buffer is the selection's (the acting process is then the selection's too).
      return arg.role === 'buffer' && !ctx.selection ? WHY.select : null;
    case 'value':
      return ctx.value ? null : WHY.value;
    case 'int': {
      const n = Number(ctx.inputs[inputKey(op, arg.field)] ?? arg.ui.initial);
      return numberProblem(n, arg.spec) === null ? null : arg.ui.why;
    }
    default:
      return null;
  }
}
