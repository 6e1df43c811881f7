/**
 * A new private anonymous page mapped at one virtual page: what do_anonymous_page (write),
 * wp_page_copy, do_cow_fault, swap-in and fork's copy of a pinned page all end with. The page
 * gets the data, an exclusive anon rmap, a place on the LRU and a PTE; the RSS counts it.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import { addRss, rssKind } from './mapping';
import { allocSystemPage, newAnonRmap, putPage, type FreeTally } from './pageref';
import { PTE } from './pte';
import { anonPageIndex, type Vma } from './vma';

/** Returns the new pfn, or -1 when system RAM is exhausted (the caller reports VM_FAULT_OOM). */
export function mapNewAnonPage(
  k: Kernel,
  p: Proc,
  vma: Vma,
  vpn: number,
  value: number,
  pteBits: number,
  dirty: boolean,
): number {
  const pfn = allocSystemPage(k, false);
  if (pfn < 0) return -1;
  const f = k.m.frames;
  f.setValue(pfn, value);
  newAnonRmap(k, pfn, vma.anonRoot, anonPageIndex(vma, vpn));
  f.setFlag(pfn, PG.lru | (dirty ? PG.dirty : 0));
  p.pt.set(vpn, PTE.present, pfn, pteBits);
  addRss(p, 'anon', 1);
  return pfn;
}

/**
 * wp_page_copy's core: a private copy of the page mapped at `vpn` (its data in a new exclusive
 * anonymous page, mapped with `pteBits`), the old page losing that mapping and the reference
 * it held (the shared zero page holds none). False when system RAM is exhausted: nothing
 * changed.
 */
export function copyPage(
  k: Kernel,
  p: Proc,
  vma: Vma,
  vpn: number,
  pteBits: number,
  dirty: boolean,
  tally: FreeTally,
): boolean {
  const f = k.m.frames;
  const old = p.pt.pfn(vpn);
  const zero = old === k.m.zeroPfn;
  if (mapNewAnonPage(k, p, vma, vpn, zero ? 0 : (f.value[old] ?? 0), pteBits, dirty) < 0)
    return false;
  if (!zero) {
    f.addMap(old, -1);
    addRss(p, rssKind(k, old), -1);
    putPage(k, old, tally);
  }
  return true;
}
