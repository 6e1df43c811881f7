/**
 * The buttons of some commands, each followed by the boxes of the arguments it takes from the
 * user (a protection, flags, a size), as the command table declares them.
 */
import type { ReactNode } from 'react';
import type { Arg } from '../../engine/commands/args';
import { specOf, type Command, type CommandOp } from '../../engine/commands/table';
import { Button } from '../../ui/Button';
import { Choice, TextInput } from '../../ui/Field';
import { flagSet, inputKey, prepare, showsInDeviceRow, type ActionContext } from './prepare';

export interface ActionGroupProps {
  ops: readonly CommandOp[];
  ctx: ActionContext;
  setInput: (key: string, value: string | boolean) => void;
  run: (c: Command) => void;
  /** Open the form of a command that asks for its arguments in one (mmap). */
  openForm: () => void;
  /** The value box, shown after the first button that writes a value (outside device rows). */
  valueBox: ReactNode;
}

export function ActionGroup({ ops, ctx, setInput, run, openForm, valueBox }: ActionGroupProps) {
  return ops.flatMap((op) => {
    const spec = specOf(op);
    if (!showsInDeviceRow(spec, ctx)) return [];
    return spec.ui.actions.map((action) => {
      const p = prepare(op, action, ctx);
      const fixed = action.fixed ?? {};
      const boxes = spec.args.filter((a) => !argFixed(a, fixed));
      return (
        <span key={p.testId} className="contents">
          <Button
            testId={p.testId}
            kind={action.tone ?? 'normal'}
            title={p.tooltip}
            disabledWhy={p.why}
            onClick={() => {
              if (spec.ui.form) openForm();
              else if (p.command) run(p.command);
            }}
          >
            {p.label}
          </Button>
          {!spec.ui.form &&
            boxes.map((arg) => (
              <ArgBox key={argId(arg)} op={op} arg={arg} ctx={ctx} setInput={setInput}>
                {valueBox}
              </ArgBox>
            ))}
        </span>
      );
    });
  });
}

function argId(arg: Arg): string {
  return 'field' in arg ? arg.field : arg.kind;
}

function argFixed(arg: Arg, fixed: Readonly<Record<string, unknown>>): boolean {
  if (arg.kind === 'flags') return arg.flags.every((f) => f in fixed);
  return 'field' in arg && arg.field in fixed;
}

/** The box of one argument: a choice for a word, a text box for a number, checkboxes for
 * flags, the shared value box for a value (outside device rows). Ranges come from the
 * selection and names from the row, so they have none. */
function ArgBox({
  op,
  arg,
  ctx,
  setInput,
  children,
}: {
  op: CommandOp;
  arg: Arg;
  ctx: ActionContext;
  setInput: (key: string, value: string | boolean) => void;
  children: ReactNode;
}) {
  switch (arg.kind) {
    case 'value':
      return ctx.device ? null : children;
    case 'word': {
      const key = inputKey(op, arg.field);
      const v = ctx.inputs[key];
      return (
        <Choice<string>
          label={arg.ui.label}
          testId={arg.field}
          value={typeof v === 'string' ? v : arg.ui.initial}
          onChange={(w) => setInput(key, w)}
        >
          {arg.words.map((w) => (
            <option key={w}>{w}</option>
          ))}
        </Choice>
      );
    }
    case 'int': {
      const key = inputKey(op, arg.field);
      const v = ctx.inputs[key];
      return (
        <TextInput
          label={arg.ui.label}
          width="w-10"
          value={typeof v === 'string' ? v : String(arg.ui.initial)}
          onChange={(t) => setInput(key, t)}
        />
      );
    }
    case 'flags':
      return arg.flags.map((f) => (
        <label key={f} className="flex items-center gap-0.5 text-2xs text-slate-300">
          <input
            type="checkbox"
            data-testid={`${op}-${f}`}
            checked={flagSet(ctx.inputs, op, arg, f)}
            onChange={(e) => setInput(inputKey(op, f), e.target.checked)}
          />
          {f}
        </label>
      ));
    default:
      return null;
  }
}
