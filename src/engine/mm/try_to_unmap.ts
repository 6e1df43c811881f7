/**
 * try_to_unmap(): take a page out of every page table that maps it, telling each process's
 * mirrors first. What replaces each entry (nothing, a swap entry, a hwpoison entry) is the
 * caller's choice; the mapcount and the RSS follow, and the dirty bit moves to the page.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Gen } from '../trace/step';
import { addRss, rssKind } from './mapping';
import { invalidateRange } from './notifier';
import { putPage } from './pageref';
import { PTE, PTEB } from './pte';
import { rmapWalk, type Mapping } from './rmap';

export function* unmapEverywhere(
  k: Kernel,
  pfn: number,
  why: string,
  replace: (mp: Mapping) => void,
  dropReference: boolean,
): Gen<number> {
  const f = k.m.frames;
  const maps = rmapWalk(k, pfn, k.m.ksm, [PTE.present]);
  for (const mp of maps) {
    yield* invalidateRange(k, mp.proc, mp.vpn, mp.vpn + 1, 'clear', null, why);
    if (mp.proc.pt.has(mp.vpn, PTEB.dirty)) f.setFlag(pfn, PG.dirty);
    const kind = rssKind(k, pfn);
    replace(mp);
    f.addMap(pfn, -1);
    addRss(mp.proc, kind, -1);
    if (dropReference) putPage(k, pfn);
  }
  return maps.length;
}
