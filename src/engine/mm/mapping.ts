/**
 * Small helpers shared by every path that installs or removes a page-table entry, so the
 * mapcount, the refcount and the RSS counters always move together with the entry.
 */
import type { Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import { putPage, type FreeTally } from './pageref';
import { PTE, PTEB } from './pte';

export type RssKind = 'anon' | 'file' | 'shmem';

/** mm_counter(): which RSS counter a page counts in. */
export function rssKind(k: Kernel, pfn: number): RssKind {
  const f = k.m.frames;
  if ((f.mappingKind[pfn] ?? 0) === MAPPING.file) {
    const file = k.m.files[f.mappingId[pfn] ?? -1];
    return file?.shmem ? 'shmem' : 'file';
  }
  return 'anon';
}

export function addRss(p: Proc, kind: RssKind, d: number): void {
  p.rss[kind] += d;
}

/**
 * Remove whatever entry maps `vpn` (zap_pte_range's per-entry work): drop the rmap and the
 * reference it held, free swap slots, and update RSS. The caller invalidates mirrors and
 * flushes the TLB around it.
 */
export function zapEntry(k: Kernel, p: Proc, vpn: number, tally?: FreeTally): void {
  const pt = p.pt;
  const kind = pt.kind(vpn);
  if (kind === PTE.none) return;
  const pfn = pt.pfn(vpn);
  const bits = pt.bits(vpn);
  pt.clear(vpn);
  if (kind === PTE.present) {
    if (bits & PTEB.special) return; // the zero page: no refcount, no rmap
    if (bits & PTEB.dirty) k.m.frames.setFlag(pfn, PG.dirty);
    k.m.frames.addMap(pfn, -1);
    addRss(p, rssKind(k, pfn), -1);
    putPage(k, pfn, tally);
  } else if (kind === PTE.devicePrivate || kind === PTE.deviceExclusive) {
    k.m.frames.addMap(pfn, -1);
    addRss(p, rssKind(k, pfn), -1);
    putPage(k, pfn, tally);
  } else if (kind === PTE.swap) {
    freeSwapSlot(k, pfn); // swap entries count in MM_SWAPENTS, not in RSS
  }
  // hwpoison and migration entries hold nothing here.
}

/** Release one reference to a swap slot (swap_free). */
export function freeSwapSlot(k: Kernel, offset: number): void {
  const uses = k.m.swap.b(offset) - 1;
  if (uses <= 0) k.m.swap.clear(offset);
  else k.m.swap.set(offset, 1, k.m.swap.a(offset), uses);
}
