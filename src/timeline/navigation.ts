/**
 * Moving through the timeline: step into (next micro-step), step over (next operation), back
 * by either, start and end. Pure functions of the operations' step counts, so the keyboard,
 * the buttons, playback, the scrubber and the worker's host all agree on where "next" is.
 *
 * A stop is a Position the views can show: boot {-1,-1}, then every micro-step (op, i); an
 * operation that took no steps has the single stop (op, -1).
 */
import type { OpSteps, OpView } from './operations';
import { BOOT, samePosition, type Landing, type Position } from './position';

type Ops = readonly OpSteps[];

/** The moves the timeline's controls offer. */
export type StepKind = 'into' | 'over' | 'backInto' | 'backOver' | 'start' | 'end';

const lastStep = (ops: Ops, op: number): number => (ops[op]?.steps.length ?? 0) - 1;
const endOf = (ops: Ops, op: number): Position => ({ op, step: lastStep(ops, op) });

/** The last stop (boot when nothing ran). */
export function endPosition(ops: Ops): Position {
  return ops.length === 0 ? BOOT : endOf(ops, ops.length - 1);
}

/**
 * Where `at` lands on `ops`: the end of its operation, or the position itself; null when that
 * is not a position of the timeline (an operation or step the run does not have).
 */
export function landing(ops: Ops, at: Landing): Position | null {
  if (!('endOf' in at)) return positionProblem(ops, at.op, at.step) ? null : at;
  if (!Number.isInteger(at.endOf) || at.endOf >= ops.length) return null;
  return at.endOf < 0 ? BOOT : endOf(ops, at.endOf);
}

export function isEnd(ops: Ops, p: Position): boolean {
  return samePosition(p, endPosition(ops));
}

/** Micro-steps executed before the machine at `p` (its snapshot's seq); 0 at boot. */
export function seqAt(ops: Ops, p: Position): number {
  const op = ops[p.op];
  return op ? op.firstSeq + p.step + 1 : 0;
}

/** Why (op, step) is not a position of the timeline, or null when it is one. */
export function positionProblem(ops: Ops, op: number, step: number): string | null {
  if (op === -1 && step === -1) return null;
  const rec = Number.isInteger(op) && op >= 0 ? ops[op] : undefined;
  if (!rec) return `there is no operation ${op} (the timeline has ${ops.length})`;
  const n = rec.steps.length;
  if (!Number.isInteger(step) || step < -1 || step >= n)
    return `operation ${op} has no step ${step} (it has ${n})`;
  return null;
}

/** Where a move of `kind` from `p` lands (p itself when there is nowhere to go). */
export function stepTarget(kind: StepKind, ops: Ops, p: Position): Position {
  switch (kind) {
    case 'into':
      return stepInto(ops, p);
    case 'over':
      return stepOver(ops, p);
    case 'backInto':
      return stepBackInto(ops, p);
    case 'backOver':
      return stepBackOver(ops, p);
    case 'start':
      return BOOT;
    case 'end':
      return endPosition(ops);
  }
}

/** The next micro-step (stays at the end). */
export function stepInto(ops: Ops, p: Position): Position {
  if (p.op >= 0 && p.step < lastStep(ops, p.op)) return { op: p.op, step: p.step + 1 };
  const next = p.op + 1;
  if (next >= ops.length) return p;
  return { op: next, step: lastStep(ops, next) < 0 ? -1 : 0 };
}

/** The end of this operation, or of the next one when already at this one's end. */
export function stepOver(ops: Ops, p: Position): Position {
  if (p.op >= 0 && p.step < lastStep(ops, p.op)) return endOf(ops, p.op);
  return p.op + 1 < ops.length ? endOf(ops, p.op + 1) : p;
}

/** The previous micro-step (boot before the first one). */
export function stepBackInto(ops: Ops, p: Position): Position {
  if (p.op >= 0 && p.step > 0) return { op: p.op, step: p.step - 1 };
  return p.op <= 0 ? BOOT : endOf(ops, p.op - 1);
}

/** The end of the previous operation (boot before the first one). */
export function stepBackOver(ops: Ops, p: Position): Position {
  return p.op <= 0 ? BOOT : endOf(ops, p.op - 1);
}

/** Stops before `p` (boot is 0): the scrubber's coordinate. */
export function stopIndex(ops: Ops, p: Position): number {
  if (p.op < 0) return 0;
  const op = ops[p.op];
  if (!op) return 0;
  return stopsBefore(ops, p.op) + Math.max(0, p.step) + 1;
}

/** Total stops, boot included. */
export function stopCount(ops: Ops): number {
  return stopsBefore(ops, ops.length) + 1;
}

/**
 * Stops taken by operations before `op`. Each operation's firstSeq counts the micro-steps
 * before it, so this is O(1) apart from operations with no steps (one stop each), counted by
 * the caller's index below.
 */
function stopsBefore(ops: Ops, op: number): number {
  if (op <= 0) return 0;
  const last = ops[op - 1];
  if (!last) return 0;
  return zeroStepOpsBefore(ops, op) + last.firstSeq + last.steps.length;
}

const zeroCache = new WeakMap<Ops, Int32Array>();

/** Operations with no steps among the first `op` (prefix sums, cached per ops array). */
function zeroStepOpsBefore(ops: Ops, op: number): number {
  let sums = zeroCache.get(ops);
  if (!sums) {
    sums = new Int32Array(ops.length + 1);
    for (let i = 0; i < ops.length; i++)
      sums[i + 1] = (sums[i] ?? 0) + (ops[i]?.steps.length ? 0 : 1);
    zeroCache.set(ops, sums);
  }
  return sums[op] ?? 0;
}

/** The stop at scrubber coordinate `index` (clamped). Binary search over the operations. */
export function positionAtStop(ops: Ops, index: number): Position {
  const total = stopCount(ops);
  const i = Math.max(0, Math.min(total - 1, Math.round(index)));
  if (i === 0) return BOOT;
  let lo = 0;
  let hi = ops.length - 1;
  // The operation whose stops contain i: the last op with stopsBefore(op) < i.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (stopsBefore(ops, mid) < i) lo = mid;
    else hi = mid - 1;
  }
  const within = i - stopsBefore(ops, lo) - 1;
  return lastStep(ops, lo) < 0 ? { op: lo, step: -1 } : { op: lo, step: within };
}

/** The operation whose command is on `line` or the last one before it (run-to-cursor). */
export function opAtLine(ops: readonly Pick<OpView, 'line'>[], line: number): number {
  let found = -1;
  for (let i = 0; i < ops.length; i++) {
    const l = ops[i]?.line ?? 0;
    if (l > 0 && l <= line) found = i;
    else if (l > line) break;
  }
  return found;
}
