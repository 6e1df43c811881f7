/**
 * LRU reclaim (shrink_folio_list): free up to N pages by walking the LRU. Recently used pages
 * (a young PTE) get a second chance; anonymous pages mapped once go to swap (try_to_unmap
 * leaves a swap entry); file pages are written back if dirty and dropped from the page cache.
 * Device pages are not on any LRU list, so reclaim never even sees them ("no lru reclaim").
 * Pages with extra references (pins) cannot be freed and stay.
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import { MARK, type Gen } from '../trace/step';
import { putPage } from './pageref';
import { PTE, PTEB } from './pte';
import { rmapWalk } from './rmap';
import { unmapEverywhere } from './try_to_unmap';

export function* doReclaim(k: Kernel, want: number): Gen<number> {
  const m = k.m;
  const f = m.frames;
  let scanned = 0;
  let young = 0;
  let pinned = 0;
  let swapped = 0;
  let dropped = 0;
  const lo = m.ramStart;
  const hi = m.ramStart + m.ramPages;
  for (let pfn = lo; pfn < hi && swapped + dropped < want; pfn++) {
    if (!f.has(pfn, PG.lru) || f.has(pfn, PG.locked) || f.has(pfn, PG.ksm)) continue;
    scanned++;
    const maps = rmapWalk(k, pfn, m.ksm, [PTE.present]);
    // folio_referenced(): clear the accessed bits; referenced pages are kept this round.
    const referenced = maps.filter((mp) => mp.proc.pt.has(mp.vpn, PTEB.young));
    if (referenced.length) {
      for (const mp of referenced)
        mp.proc.pt.setBits(mp.vpn, mp.proc.pt.bits(mp.vpn) & ~PTEB.young);
      f.setFlag(pfn, PG.active); // referenced again: promoted to the active list
      young++;
      continue;
    }
    const isFile = (f.mappingKind[pfn] ?? 0) === MAPPING.file;
    const file = isFile ? m.files[f.mappingId[pfn] ?? -1] : undefined;
    const expected = maps.length + (isFile ? 1 : 0);
    if (
      (f.ref[pfn] ?? 0) !== expected ||
      f.pinned(pfn) ||
      (!isFile && maps.length !== 1) ||
      file?.shmem
    ) {
      pinned++;
      continue;
    }
    let slot = -1;
    if (!isFile) {
      slot = m.nextSwap++;
      m.swap.set(slot, 1, f.value[pfn] ?? 0, 1);
    }
    yield* unmapEverywhere(
      k,
      pfn,
      `${k.name('shrink_folio_list', 'shrink_page_list')} -> try_to_unmap`,
      (mp) => (isFile ? mp.proc.pt.clear(mp.vpn) : mp.proc.pt.set(mp.vpn, PTE.swap, slot, 0)),
      true,
    );
    if (file) {
      const index = f.pageIndex(pfn);
      if (f.has(pfn, PG.dirty)) file.disk.set(index, 1, f.value[pfn] ?? 0, 0);
      file.cache.clear(index);
      putPage(k, pfn);
      dropped++;
    } else swapped++;
  }
  let devicePages = 0;
  for (const d of m.devices) devicePages += d.bitmap.allocated;
  yield k.step(
    k.name('shrink_folio_list', 'shrink_page_list'),
    `reclaim scans ${pages(scanned)} on the LRU: ${swapped} swapped out, ${dropped} page-cache pages dropped, ${young} referenced (second chance), ${pinned} with extra references kept` +
      (devicePages
        ? `; the ${pages(devicePages)} in device memory are on no LRU list and are never considered`
        : ''),
    'free',
    {
      pages: Math.max(1, swapped + dropped),
      marks: swapped + dropped ? MARK.free : 0,
      source: 'mm/vmscan.c',
    },
  );
  return 0;
}
