/**
 * The context every simulated kernel function receives: the machine state, the platform's
 * cost model and the step recorder. Kernel functions are generators that `yield k.step(...)`
 * at each micro-step boundary, so a caller can stop between any two steps and see a
 * consistent state.
 */
import { PLATFORMS, phaseCost, type Platform } from './cost/platforms';
import type { Machine } from './state';
import type { Phase, StepRecord } from './trace/step';

export interface StepOptions {
  pages?: number;
  marks?: number;
  source?: string;
}

export class Kernel {
  readonly platform: Platform;
  /** Steps recorded so far in this run (the engine's global sequence). */
  seq = 0;
  /** Cost of the current operation so far, ns. */
  opCost = 0;

  constructor(public m: Machine) {
    this.platform = PLATFORMS[m.platform];
  }

  get seeds(): boolean {
    return this.m.model === 'seeds';
  }

  /** A kernel function's name in this model: folios arrived long after the seeds. */
  name(modern: string, seeds: string): string {
    return this.seeds ? seeds : modern;
  }

  /** Record a micro-step: what changed since the previous step, narrated. */
  step(fn: string, text: string, phase: Phase, opts: StepOptions = {}): StepRecord {
    const pages = opts.pages ?? 1;
    const cost = phaseCost(this.platform, phase, pages);
    this.m.time += cost;
    this.opCost += cost;
    return {
      seq: this.seq++,
      fn,
      text,
      phase,
      pages,
      cost,
      marks: opts.marks ?? 0,
      source: opts.source ?? '',
      changes: this.m.log.take(),
    };
  }
}

/** "1 page" / "3 pages". */
export function pages(n: number): string {
  return n === 1 ? '1 page' : `${n} pages`;
}

export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** A virtual page number as a user address. */
export function vaddr(vpn: number): string {
  return '0x' + (vpn * 4096).toString(16);
}
