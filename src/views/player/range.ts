/**
 * A player's range: operations first..last (0-based, inclusive, clamped to the run). It starts
 * before `first` ran and ends after `last`; stepping never leaves it.
 */
import { endPosition, stepBackInto, stepInto, stopIndex } from '../../timeline/navigation';
import type { OpView } from '../../timeline/operations';
import { BOOT, type Position } from '../../timeline/position';

type Ops = readonly Pick<OpView, 'steps' | 'firstSeq'>[];
export interface OpRange {
  first: number;
  last: number;
}

/** The range clamped to the run (the whole run when null). */
export function clampRange(ops: Ops, r: OpRange | null): OpRange {
  const n = ops.length;
  if (!r || n === 0) return { first: 0, last: Math.max(0, n - 1) };
  const last = Math.min(n - 1, r.last);
  return { first: Math.min(r.first, last), last };
}

export function rangeStart(ops: Ops, r: OpRange): Position {
  return r.first <= 0 ? BOOT : endPosition(ops.slice(0, r.first));
}

export function rangeEnd(ops: Ops, r: OpRange): Position {
  return endPosition(ops.slice(0, r.last + 1));
}

const inside = (ops: Ops, p: Position, r: OpRange): boolean => {
  const i = stopIndex(ops, p);
  return i >= stopIndex(ops, rangeStart(ops, r)) && i <= stopIndex(ops, rangeEnd(ops, r));
};

/** The next stop, not past the range's end (null at the end). */
export function nextInRange(ops: Ops, p: Position, r: OpRange): Position | null {
  if (!inside(ops, p, r)) return rangeStart(ops, r);
  if (stopIndex(ops, p) >= stopIndex(ops, rangeEnd(ops, r))) return null;
  return stepInto(ops, p);
}

/** The previous stop, not before the range's start (null at the start). */
export function prevInRange(ops: Ops, p: Position, r: OpRange): Position | null {
  if (!inside(ops, p, r)) return rangeStart(ops, r);
  if (stopIndex(ops, p) <= stopIndex(ops, rangeStart(ops, r))) return null;
  return stepBackInto(ops, p);
}
