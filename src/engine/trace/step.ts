/** A micro-step: one kernel function's part of an operation, with its narration. */
import type { Changes } from './changes';

/** What kind of work a step is; the cost model prices each phase and the timeline colours it. */
export type Phase =
  | 'syscall'
  | 'fault'
  | 'device-fault'
  | 'walk'
  | 'lock'
  | 'unmap'
  | 'check'
  | 'alloc'
  | 'copy'
  | 'map'
  | 'free'
  | 'invalidate'
  | 'tlb'
  | 'driver'
  | 'error';

/** Timeline markers (bit flags). */
export const MARK = { fault: 1, migrate: 2, free: 4, invalidate: 8, error: 16 } as const;

export interface StepRecord {
  /** Position in the whole run (0-based). */
  seq: number;
  /** The kernel (or driver) function doing the work, in the scenario's kernel model. */
  fn: string;
  /** One line for a lecture: what happened and the decisive condition. */
  text: string;
  phase: Phase;
  /** Pages this step handled (a batched step covers many). */
  pages: number;
  /** Simulated nanoseconds this step took on the scenario's platform. */
  cost: number;
  /** MARK bit flags (fault, migrate, free, invalidate, error). */
  marks: number;
  /** Where this comes from: a kernel source file or a seed. */
  source: string;
  changes: Changes;
}

export type Gen<T = void> = Generator<StepRecord, T, undefined>;
