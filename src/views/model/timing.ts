/**
 * The simulated-time view's data: where an operation's time goes, by micro-step and by phase
 * group, on the scenario's platform and priced again on every other platform. Costs are a pure
 * function of (platform, phase, pages) (engine/cost/platforms.ts), so re-pricing a recorded
 * step is exact: the steps do not depend on the platform, only their durations do.
 */
import { PLATFORMS, phaseCost } from '../../engine/cost/platforms';
import type { PlatformId } from '../../engine/commands/terms';
import type { Phase } from '../../engine/trace/step';
import type { StepView } from '../../timeline/operations';

export type PhaseGroup = 'fault' | 'copy' | 'invalidate' | 'tlb' | 'other';

export const PHASE_GROUPS: readonly { group: PhaseGroup; label: string; color: string }[] = [
  { group: 'fault', label: 'fault handling', color: '#E69F00' },
  { group: 'copy', label: 'copy (DMA)', color: '#56B4E9' },
  { group: 'invalidate', label: 'invalidation', color: '#CC79A7' },
  { group: 'tlb', label: 'TLB shootdown', color: '#D55E00' },
  { group: 'other', label: 'page tables, locks, alloc', color: '#94a3b8' },
];

export function phaseGroup(p: Phase): PhaseGroup {
  switch (p) {
    case 'fault':
    case 'device-fault':
      return 'fault';
    case 'copy':
      return 'copy';
    case 'invalidate':
      return 'invalidate';
    case 'tlb':
      return 'tlb';
    default:
      return 'other';
  }
}

export interface Segment {
  /** Index of the micro-step in its operation. */
  step: number;
  fn: string;
  group: PhaseGroup;
  /** Simulated ns from the operation's start. */
  start: number;
  cost: number;
}

export interface PlatformTiming {
  platform: PlatformId;
  title: string;
  segments: Segment[];
  total: number;
  byGroup: Record<PhaseGroup, number>;
}

const emptyGroups = (): Record<PhaseGroup, number> => ({
  fault: 0,
  copy: 0,
  invalidate: 0,
  tlb: 0,
  other: 0,
});

/** One operation's steps laid end to end in simulated time on `platform`. */
export function timingOn(steps: readonly StepView[], platform: PlatformId): PlatformTiming {
  const p = PLATFORMS[platform];
  const segments: Segment[] = [];
  const byGroup = emptyGroups();
  let t = 0;
  steps.forEach((s, i) => {
    const cost = phaseCost(p, s.phase, s.pages);
    const group = phaseGroup(s.phase);
    segments.push({ step: i, fn: s.fn, group, start: t, cost });
    byGroup[group] += cost;
    t += cost;
  });
  return { platform, title: p.title, segments, total: t, byGroup };
}

/** The operation on its own platform first, then on every other one. */
export function timings(steps: readonly StepView[], own: PlatformId): PlatformTiming[] {
  const ids = Object.keys(PLATFORMS) as PlatformId[];
  return [own, ...ids.filter((id) => id !== own)].map((id) => timingOn(steps, id));
}
