/**
 * Finding a virtual page's entry in a snapshot's page table (a process's CPU PTEs, a mirror's
 * entries): the populated entries are sorted by virtual page, so a binary search.
 */
import type { EntriesSnap } from '../engine/snapshot';

/** Index of `vpn` in a sorted entries list, or -1. */
export function entryIndex(e: EntriesSnap, vpn: number): number {
  let lo = 0;
  let hi = e.vpn.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = e.vpn[mid] ?? 0;
    if (v === vpn) return mid;
    if (v < vpn) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface Entry {
  kind: number;
  pfn: number;
  bits: number;
}

export function entryAt(e: EntriesSnap, vpn: number): Entry | null {
  const i = entryIndex(e, vpn);
  return i < 0 ? null : { kind: e.kind[i] ?? 0, pfn: e.pfn[i] ?? 0, bits: e.bits[i] ?? 0 };
}
