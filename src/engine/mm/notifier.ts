/**
 * mmu notifiers: before the kernel changes a CPU page table, every mirror registered on that
 * mm is told to drop its entries for the range, so a device never uses a stale translation.
 * Mirror entries hold no page references; invalidation only drops them (from ZONE_DEVICE on;
 * in the seeds' 2015 dummy driver device memory belonged to the mirror and invalidation freed
 * it, seed hmm-dummy-fake-device-memory).
 *
 * The modern kernel tags the event: a migration started by device X (MMU_NOTIFY_MIGRATE with
 * owner X) does not clear X's own mirror (test_hmm dmirror_interval_invalidate); every other
 * mirror is cleared. The seeds' kernel has no owner: the migrating driver's own mirror is
 * invalidated too and re-filled by its finalize_and_map callback.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import type { Device, Mirror, Proc } from '../state';
import { MARK, type Gen } from '../trace/step';

export type NotifyEvent =
  'unmap' | 'clear' | 'protection' | 'migrate' | 'exclusive' | 'release' | 'soft-dirty';

const EVENT_NAME: Record<NotifyEvent, string> = {
  unmap: 'MMU_NOTIFY_UNMAP',
  clear: 'MMU_NOTIFY_CLEAR',
  protection: 'MMU_NOTIFY_PROTECTION_VMA',
  migrate: 'MMU_NOTIFY_MIGRATE',
  exclusive: 'MMU_NOTIFY_EXCLUSIVE',
  release: 'MMU_NOTIFY_RELEASE',
  'soft-dirty': 'MMU_NOTIFY_SOFT_DIRTY',
};

/** Drop a mirror's entries in [start, end); returns how many there were. */
export function clearMirror(k: Kernel, mirror: Mirror, start: number, end: number): number {
  let n = 0;
  const span = end - start;
  if (span > 4 * mirror.pt.size) {
    for (const vpn of [...mirror.pt.entries(start, end)]) {
      mirror.pt.clear(vpn);
      k.m.log.mirror(mirror.id, vpn);
      n++;
    }
    return n;
  }
  for (let vpn = start; vpn < end; vpn++) {
    if (mirror.pt.kind(vpn) !== 0) {
      mirror.pt.clear(vpn);
      k.m.log.mirror(mirror.id, vpn);
      n++;
    }
  }
  return n;
}

export function mirrorsOf(k: Kernel, proc: Proc): Mirror[] {
  return k.m.mirrors.filter((x) => x.open && x.pid === proc.pid);
}

export interface VRange {
  start: number;
  end: number;
}

/**
 * mmu_notifier_invalidate_range_start() over [start, end) of `proc`. Yields one step when any
 * mirror is registered on this mm.
 */
export function* invalidateRange(
  k: Kernel,
  proc: Proc,
  start: number,
  end: number,
  event: NotifyEvent,
  owner: Device | null,
  why: string,
): Gen<number> {
  return yield* invalidateRanges(k, proc, [{ start, end }], event, owner, why);
}

/** The same for several ranges at once (a batch of single-page faults), as one step. */
export function* invalidateRanges(
  k: Kernel,
  proc: Proc,
  ranges: readonly VRange[],
  event: NotifyEvent,
  owner: Device | null,
  why: string,
): Gen<number> {
  const mirrors = mirrorsOf(k, proc);
  if (mirrors.length === 0 || ranges.length === 0) return 0;
  let cleared = 0;
  let span = 0;
  for (const r of ranges) span += r.end - r.start;
  const parts: string[] = [];
  for (const mi of mirrors) {
    if (!k.seeds && event === 'migrate' && owner && owner.index === mi.dev) {
      parts.push(`${mi.name} skipped (its own device started this migration)`);
      continue;
    }
    let n = 0;
    for (const r of ranges) n += clearMirror(k, mi, r.start, r.end);
    cleared += n;
    parts.push(`${mi.name}: ${n} entr${n === 1 ? 'y' : 'ies'} dropped`);
  }
  const first = ranges[0]?.start ?? 0;
  const where =
    ranges.length === 1
      ? `${pages(span)} at ${vaddr(first)}`
      : `${pages(span)} in ${ranges.length} ranges from ${vaddr(first)}`;
  const fn = k.seeds
    ? 'mmu_notifier_invalidate_range_start -> hmm_invalidate_range'
    : 'mmu_notifier_invalidate_range_start';
  const cb = k.seeds ? 'sync_cpu_device_pagetables' : 'dmirror_interval_invalidate';
  const tag = k.seeds ? '' : ` ${EVENT_NAME[event]}${owner ? ` (owner ${owner.name})` : ''}`;
  yield k.step(fn, `${why}: invalidate ${where}${tag}; ${cb}: ${parts.join('; ')}`, 'invalidate', {
    pages: Math.max(1, cleared),
    marks: MARK.invalidate,
    source: k.seeds ? 'mm/hmm.c' : 'mm/mmu_notifier.c, lib/test_hmm.c',
  });
  return cleared;
}
