/**
 * do_wp_page(): a write to a present, write-protected PTE in a writable mapping. Either the
 * page can be reused (it is ours alone) and the PTE made writable, or copy-on-write gives
 * this process a private copy (wp_page_copy, with an mmu-notifier invalidation first).
 */
import { pages, type Kernel } from '../kernel';
import { err } from '../errno';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { invalidateRange } from './notifier';
import { FreeTally } from './pageref';
import { PTEB } from './pte';
import { copyPage } from './anon';
import { findVma } from './vma';
import { narrateFrees } from '../migrate/frees';

/** Whether the write may simply reuse the mapped page. */
function canReuse(k: Kernel, pfn: number): boolean {
  const f = k.m.frames;
  if (pfn === k.m.zeroPfn || f.has(pfn, PG.ksm)) return false;
  if ((f.mappingKind[pfn] ?? 0) !== MAPPING.anon) return false;
  if (k.seeds) return (f.map[pfn] ?? 0) === 1; // reuse_swap_page(): mapcount only
  if (f.has(pfn, PG.anonExclusive)) return true;
  const idle = k.m.isDevicePage(pfn) ? k.m.deviceIdle : 0;
  return (f.ref[pfn] ?? 0) - idle === 1 && (f.map[pfn] ?? 0) === 1;
}

export function* doWpPage(k: Kernel, p: Proc, vpns: number[], who: string): Gen<number> {
  const f = k.m.frames;
  const reuse: number[] = [];
  const shared: number[] = [];
  const copy: number[] = [];
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    const pfn = p.pt.pfn(vpn);
    if (vma?.shared && pfn !== k.m.zeroPfn) shared.push(vpn);
    else if (canReuse(k, pfn)) reuse.push(vpn);
    else copy.push(vpn);
  }
  for (const [list, exclusive] of [
    [reuse, true],
    [shared, false],
  ] as const) {
    for (const vpn of list) {
      const pfn = p.pt.pfn(vpn);
      p.pt.setBits(vpn, (p.pt.bits(vpn) & ~PTEB.protnone) | PTEB.write | PTEB.dirty);
      f.setFlag(pfn, PG.dirty | (exclusive ? PG.anonExclusive : 0));
    }
  }
  if (reuse.length + shared.length > 0) {
    yield k.step(
      'handle_mm_fault -> do_wp_page',
      `${who}: write to ${pages(reuse.length + shared.length)} write-protected but ours alone` +
        (reuse.length
          ? ` (${pages(reuse.length)} anonymous: wp_page_reuse, ${k.seeds ? 'page_mapcount == 1' : 'PageAnonExclusive or the only reference'})`
          : '') +
        (shared.length
          ? ` (${pages(shared.length)} of a shared mapping: wp_page_shared, the page is dirtied)`
          : '') +
        ': PTE made writable',
      'fault',
      { pages: reuse.length + shared.length, marks: MARK.fault, source: 'mm/memory.c' },
    );
  }
  if (copy.length === 0) return 0;

  const lo = copy[0] ?? 0;
  const hi = (copy[copy.length - 1] ?? 0) + 1;
  yield* invalidateRange(k, p, lo, hi, 'clear', null, 'wp_page_copy');
  const tally = new FreeTally();
  let done = 0;
  let fromDevice = 0;
  for (const vpn of copy) {
    const vma = findVma(p.vmas, vpn);
    if (!vma) continue;
    const fromDev = k.m.isDevicePage(p.pt.pfn(vpn));
    if (!copyPage(k, p, vma, vpn, PTEB.write | PTEB.dirty | PTEB.young, true, tally)) break;
    if (fromDev) fromDevice++;
    done++;
  }
  const oom = done < copy.length;
  yield k.step(
    'handle_mm_fault -> do_wp_page -> wp_page_copy',
    `${who}: copy-on-write of ${pages(copy.length)}: a new page each, the data copied` +
      (fromDevice ? ` (${pages(fromDevice)} straight from coherent device memory)` : '') +
      `, mapped writable; the old page loses one mapping and one reference` +
      (tally.sys ? ` (${pages(tally.sys)} freed)` : '') +
      (oom ? `; system RAM exhausted: VM_FAULT_OOM` : ''),
    'copy',
    { pages: done, marks: MARK.fault | (oom ? MARK.error : 0), source: 'mm/memory.c' },
  );
  yield k.step('flush_tlb_page', `flush the old translation of ${pages(done)}`, 'tlb', {
    source: 'mm/memory.c',
  });
  yield* narrateFrees(k, tally);
  return oom ? err('ENOMEM') : 0;
}
