/**
 * Where the views are on the timeline. A position names a micro-step of an operation; the
 * machine as booted, before any operation, is BOOT.
 */

/** Where the views are: after micro-step `step` of operation `op`. op -1: the machine as booted. */
export interface Position {
  op: number;
  step: number;
}

export const BOOT: Position = { op: -1, step: -1 };

/**
 * Where a run lands: a position, or the end of operation `endOf` (its last micro-step, which
 * only the run knows; -1: boot). An edit lands at the end of the commands it changed.
 */
export type Landing = Position | { endOf: number };

/** The operation a landing is in or at the end of (-1: boot). */
export function landingOp(at: Landing): number {
  return 'endOf' in at ? at.endOf : at.op;
}

export function samePosition(a: Position | null, b: Position | null): boolean {
  return a !== null && b !== null && a.op === b.op && a.step === b.step;
}
