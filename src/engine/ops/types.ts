/** What an operation returns, and helpers every operation uses. */
import { errnoName } from '../errno';
import type { Kernel } from '../kernel';
import { MARK, type Gen } from '../trace/step';

export interface OpResult {
  /** The kernel's result: 0 or a negative errno. */
  ret: number;
  /** Mirror commands: pages handled (cpages) and fault rounds (faults); null otherwise. */
  cpages: number | null;
  faults: number | null;
  /** SNAPSHOT: one byte per page. */
  snapshot: Uint8Array | null;
  /** Something the scenario got wrong (an unknown name) rather than a kernel error. */
  problem: string | null;
}

export function result(ret: number, extra: Partial<OpResult> = {}): OpResult {
  return { ret, cpages: null, faults: null, snapshot: null, problem: null, ...extra };
}

/** A name or range the scenario got wrong: one explanatory step and -EINVAL. */
export function* problem(k: Kernel, message: string): Gen<OpResult> {
  yield k.step('(scenario)', `${message}: nothing ran (-EINVAL)`, 'error', { marks: MARK.error });
  return result(-22, { problem: message });
}

/** A kernel refusal with the function that refused it. */
export function* refuse(
  k: Kernel,
  fn: string,
  why: string,
  ret: number,
  source = '',
): Gen<OpResult> {
  yield k.step(fn, `${why}: ${errnoName(ret)}`, 'error', { marks: MARK.error, source });
  return result(ret);
}

export type Op<C> = (k: Kernel, cmd: C) => Gen<OpResult>;
