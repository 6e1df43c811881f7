/** What the step announcer says for a position (pure; see StepAnnouncer.tsx). */
import { errnoName } from '../../engine/errno';
import { describeCommand } from '../../scenario/format';
import type { OpView } from '../../timeline/operations';
import type { Position } from '../../timeline/position';

/** The sentence for a position: where we are, the kernel function, its narration, the result. */
export function announcement(ops: readonly OpView[], pos: Position | null): string {
  if (!pos) return '';
  if (pos.op < 0) return `boot: the machine before the first of ${ops.length} operations`;
  const op = ops[pos.op];
  if (!op) return '';
  const head = `op ${pos.op + 1} of ${ops.length}, ${describeCommand(op.command)}`;
  const result = op.problem ? `not run: ${op.problem}` : `returned ${errnoName(op.ret)}`;
  const step = op.steps[pos.step];
  if (!step) return `${head}: ${result}`;
  const last = pos.step === op.steps.length - 1;
  return `${head}, step ${pos.step + 1} of ${op.steps.length}: ${step.fn} — ${step.text}${last ? `. ${result}` : ''}`;
}
