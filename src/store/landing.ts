/**
 * Where an edit of the text lands: at the end of the commands it changed, so typing a command
 * shows what it did (and fixing a line in the middle shows that line's result). An edit that
 * changes no command (a comment, an expectation, a blank line) leaves the views where they are.
 */
import type { Step } from '../scenario/ast';
import type { Landing, Position } from '../timeline/position';
import { stepKey } from '../scenario/identity';

/**
 * The landing of a run of `next` after `ran` ran, the views at `at`: the end of the last command
 * of `next` that differs from `ran` (commands compared without their lines; a common suffix does
 * not count as changed), or when commands were only removed, the end of the one before them.
 */
export function editLanding(ran: readonly Step[], next: readonly Step[], at: Position): Landing {
  // Expectations left out: they change what is checked, not the machine.
  const key = (s: Step) => stepKey({ ...s, expects: [] });
  const before = ran.map(key);
  const after = next.map(key);
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  if (first === before.length && first === after.length) return at;
  let suffix = 0;
  while (
    suffix < before.length - first &&
    suffix < after.length - first &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  const last = next.length - 1 - suffix;
  return { endOf: last >= first ? last : first - 1 };
}
