/**
 * A step range for an animation: from one stop of the timeline to another, both included, one
 * frame per stop (timeline/navigation.ts: every micro-step is a stop; an operation that took no
 * steps has one). Written as the timeline counts, 1-based: "3.2" is micro-step 2 of op 3; a
 * bare "3" is op 3's first step as `from` and its last as `to`; "boot" is the booted machine.
 */
import { positionAtStop, stopIndex } from '../timeline/navigation';
import type { OpView } from '../timeline/operations';
import { BOOT, type Position } from '../timeline/position';

/** At most this many frames in one animation (a GIF of 600 steps is already a minute at 10 fps). */
export const MAX_FRAMES = 600;

type Ops = readonly Pick<OpView, 'steps' | 'firstSeq'>[];

export type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };

/** How the range inputs write a position: "boot", "3" (an op with no steps) or "3.2". */
export function formatStop(p: Position): string {
  if (p.op < 0) return 'boot';
  return p.step < 0 ? `${p.op + 1}` : `${p.op + 1}.${p.step + 1}`;
}

/** `from`'s or `to`'s text as a position of this run, or why it is not one. */
export function parseStop(ops: Ops, text: string, end: 'from' | 'to'): Parsed<Position> {
  const t = text.trim().toLowerCase();
  if (t === 'boot') return { ok: true, value: BOOT };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m)
    return {
      ok: false,
      why: t
        ? `${end}: “${text.trim()}” is not op.step (e.g. 3.2: op 3, micro-step 2)`
        : `${end}: write op.step (e.g. 3.2: op 3, micro-step 2)`,
    };
  const opNo = Number(m[1]);
  const op = ops[opNo - 1];
  if (opNo < 1 || !op)
    return {
      ok: false,
      why:
        ops.length === 0
          ? `${end}: nothing has run yet (no op ${opNo})`
          : `${end}: there is no op ${opNo} (the run has ${ops.length})`,
    };
  const n = op.steps.length;
  if (m[2] === undefined)
    return { ok: true, value: { op: opNo - 1, step: n === 0 ? -1 : end === 'from' ? 0 : n - 1 } };
  const stepNo = Number(m[2]);
  if (n === 0) return { ok: false, why: `${end}: op ${opNo} took no micro-steps (write ${opNo})` };
  if (stepNo < 1 || stepNo > n)
    return {
      ok: false,
      why: `${end}: op ${opNo} has ${n} micro-step${n === 1 ? '' : 's'}, so no step ${stepNo}`,
    };
  return { ok: true, value: { op: opNo - 1, step: stepNo - 1 } };
}

export interface StepRange {
  from: Position;
  to: Position;
  /** Frames: the stops from `from` to `to`, both included. */
  count: number;
}

/** The range the inputs say, checked against the run and the frame limit. */
export function parseRange(
  ops: Ops,
  fromText: string,
  toText: string,
  max = MAX_FRAMES,
): Parsed<StepRange> {
  const from = parseStop(ops, fromText, 'from');
  if (!from.ok) return from;
  const to = parseStop(ops, toText, 'to');
  if (!to.ok) return to;
  const a = stopIndex(ops, from.value);
  const b = stopIndex(ops, to.value);
  if (a > b)
    return {
      ok: false,
      why: `from (${formatStop(from.value)}) comes after to (${formatStop(to.value)})`,
    };
  const count = b - a + 1;
  if (count > max)
    return {
      ok: false,
      why: `the range is ${count} steps, over the limit of ${max} frames: export a shorter range`,
    };
  return { ok: true, value: { from: from.value, to: to.value, count } };
}

/** Every stop of the range, in order: one frame each. */
export function rangePositions(ops: Ops, r: Pick<StepRange, 'from' | 'to'>): Position[] {
  const a = stopIndex(ops, r.from);
  const b = stopIndex(ops, r.to);
  const out: Position[] = [];
  for (let i = a; i <= b; i++) out.push(positionAtStop(ops, i));
  return out;
}

/**
 * The default range: the micro-steps of the operation on screen (the first operation at boot),
 * or null when nothing has run.
 */
export function operationRange(ops: Ops, at: Position | null): { from: string; to: string } | null {
  if (ops.length === 0) return null;
  const op = Math.max(0, Math.min(ops.length - 1, at?.op ?? 0));
  const n = ops[op]?.steps.length ?? 0;
  if (n === 0) return { from: `${op + 1}`, to: `${op + 1}` };
  return { from: `${op + 1}.1`, to: `${op + 1}.${n}` };
}

/** The whole run, from boot to the last step. */
export function wholeRun(ops: Ops): { from: string; to: string } | null {
  if (ops.length === 0) return null;
  const last = ops.length - 1;
  const n = ops[last]?.steps.length ?? 0;
  return { from: 'boot', to: n === 0 ? `${last + 1}` : `${last + 1}.${n}` };
}
