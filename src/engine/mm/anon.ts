/**
 * A new private anonymous page mapped at one virtual page: what do_anonymous_page (write),
 * wp_page_copy, do_cow_fault, swap-in and fork's copy of a pinned page all end with. The page
 * gets the data, an exclusive anon rmap, a place on the LRU and a PTE; the RSS counts it.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import { addRss } from './mapping';
import { allocSystemPage, newAnonRmap } from './pageref';
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
