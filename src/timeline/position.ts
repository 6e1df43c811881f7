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

export function samePosition(a: Position | null, b: Position | null): boolean {
  return a !== null && b !== null && a.op === b.op && a.step === b.step;
}
