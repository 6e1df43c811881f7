/**
 * mremap(2) of a whole buffer to a free range of the same size (MREMAP_MAYMOVE |
 * MREMAP_FIXED), as mm/mremap.c moves it: mremap_to -> move_vma.
 *
 * 1. The old range must lie in one VMA (vma_to_resize: else -EFAULT).
 * 2. ksm_madvise(MADV_UNMERGEABLE) breaks the KSM pages in the range first (break_ksm: each
 *    gets a private copy), so none turns up at the new place.
 * 3. copy_vma: the VMA at its new address keeps its vm_pgoff and anon_vma, so no page's
 *    index or mapping changes.
 * 4. move_page_tables: mmu_notifier_invalidate_range_start (MMU_NOTIFY_UNMAP) over the old
 *    range, so mirrors drop their entries there; then move_ptes takes every entry
 *    (ptep_get_and_clear) and sets it at the new address as it was: present PTEs,
 *    device-private and device-exclusive entries, swap and hwpoison entries alike. No page
 *    is touched: mapcounts and refcounts stay, device pages stay on the device. The TLB is
 *    flushed over the old range when a present PTE moved (a device-private entry was never
 *    in it).
 * 5. The old range is unmapped (do_vmi_munmap); its entries are already gone.
 */
import { err } from '../errno';
import { pages, vaddr, type Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { narrateFrees } from '../migrate/frees';
import { findFreeRange } from './mmap';
import { invalidateRange, invalidateRanges } from './notifier';
import { FreeTally } from './pageref';
import { copyPage } from './anon';
import { PTE, PTEB } from './pte';
import { findVma } from './vma';

export function* doMremap(k: Kernel, p: Proc, buf: string): Gen<number> {
  const b = p.buffers.get(buf);
  if (!b) return err('EINVAL'); // the caller resolves the name first
  const start = b.start;
  const end = start + b.pages;
  const vma = findVma(p.vmas, start);
  if (!vma || vma.end < end) {
    yield k.step(
      k.name('mremap_to -> vma_to_resize', 'mremap_to -> vma_to_resize'),
      `${p.name}: ${buf} (${pages(b.pages)} at ${vaddr(start)}) is no longer one VMA ` +
        `(${vma ? `its VMA ends at ${vaddr(vma.end)}` : 'nothing is mapped at its start'}): -EFAULT`,
      'error',
      { marks: MARK.error, source: 'mm/mremap.c' },
    );
    return err('EFAULT');
  }
  const ret = yield* breakKsm(k, p, start, end);
  if (ret) return ret;
  const to = findFreeRange(p, b.pages);

  // copy_vma: the rest of the VMA stays where it is; the moved part keeps its offsets.
  const moved = { ...vma, start: to, end: to + b.pages };
  moved.pgoff += start - vma.start;
  moved.anonPgoff += start - vma.start;
  p.vmas = [...p.vmas, moved].sort((x, y) => x.start - y.start);
  k.m.log.vma(p.pid);
  yield k.step(
    'move_vma -> copy_vma',
    `${p.name}: mremap ${buf} (${pages(b.pages)}) from ${vaddr(start)} to ${vaddr(to)} (MREMAP_MAYMOVE | MREMAP_FIXED): ` +
      `a new VMA there with the same vm_pgoff and anon_vma, so every page keeps its index`,
    'syscall',
    { source: 'mm/mremap.c' },
  );

  yield* invalidateRange(k, p, start, end, 'unmap', null, `${p.name}: move_page_tables`);
  let present = 0;
  let devPriv = 0;
  let other = 0;
  for (const vpn of p.pt.populated(start, end)) {
    const kind = p.pt.kind(vpn);
    const pfn = p.pt.pfn(vpn);
    const bits = p.pt.bits(vpn);
    if (kind === PTE.present) present++;
    else if (kind === PTE.devicePrivate) devPriv++;
    else other++;
    p.pt.clear(vpn);
    p.pt.set(to + (vpn - start), kind, pfn, bits);
  }
  const n = present + devPriv + other;
  yield k.step(
    'move_page_tables -> move_ptes',
    `${n ? `${n} entr${n === 1 ? 'y' : 'ies'} moved as they were (ptep_get_and_clear, set_pte_at)` : 'no entries to move'}` +
      (present ? `: ${present} present` : '') +
      (devPriv
        ? `${present ? ',' : ':'} ${devPriv} device-private (the page stays on the device)`
        : '') +
      (other ? `${present || devPriv ? ',' : ':'} ${other} swap/hwpoison/exclusive` : '') +
      (n ? '; no page is touched: mapcounts and refcounts stay' : ''),
    'map',
    { pages: Math.max(1, n), source: 'mm/mremap.c' },
  );
  if (present)
    yield k.step(
      'flush_tlb_range',
      `flush the TLB over the old range (${pages(present)} present moved)`,
      'tlb',
      {
        source: 'mm/mremap.c',
      },
    );

  // The old part leaves the VMA list (split off first when the buffer is part of a VMA).
  const rest = [];
  if (vma.start < start) rest.push({ ...vma, end: start });
  if (end < vma.end)
    rest.push({
      ...vma,
      start: end,
      pgoff: vma.pgoff + (end - vma.start),
      anonPgoff: vma.anonPgoff + (end - vma.start),
    });
  p.vmas = [...p.vmas.filter((v) => v !== vma), ...rest].sort((x, y) => x.start - y.start);
  p.buffers.set(buf, { start: to, pages: b.pages });
  k.m.log.vma(p.pid);
  yield k.step(
    k.name('do_vmi_munmap', 'do_munmap'),
    `${p.name}: the old range ${vaddr(start)} (${pages(b.pages)}) is unmapped: its entries are already gone; ${buf} now lives at ${vaddr(to)}`,
    'syscall',
    { source: 'mm/mremap.c' },
  );
  return 0;
}

/**
 * ksm_madvise(MADV_UNMERGEABLE) -> unmerge_ksm_pages -> break_ksm: each KSM page mapped in the
 * range is unshared, a private copy in its place (FAULT_FLAG_UNSHARE: mapped read-only, as the
 * KSM page was; the seeds' kernel broke it with a write fault, so its copy is writable).
 */
function* breakKsm(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  const f = k.m.frames;
  const vpns = p.pt
    .populated(start, end)
    .filter((vpn) => p.pt.kind(vpn) === PTE.present && f.has(p.pt.pfn(vpn), PG.ksm));
  if (vpns.length === 0) return 0;
  yield* invalidateRanges(
    k,
    p,
    vpns.map((vpn) => ({ start: vpn, end: vpn + 1 })),
    'clear',
    null,
    'break_ksm',
  );
  const tally = new FreeTally();
  let done = 0;
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    if (!vma) continue;
    const bits = k.seeds ? PTEB.write | PTEB.dirty | PTEB.young : PTEB.young;
    if (!copyPage(k, p, vma, vpn, bits, k.seeds, tally)) break;
    done++;
  }
  const oom = done < vpns.length;
  yield k.step(
    'ksm_madvise(MADV_UNMERGEABLE) -> unmerge_ksm_pages -> break_ksm',
    `${p.name}: ${pages(vpns.length)} in the range map KSM pages: each gets a private copy first, so none moves with the range` +
      (k.seeds
        ? ' (a write fault: the copy is writable)'
        : ' (FAULT_FLAG_UNSHARE: the copy stays read-only)') +
      (oom ? '; system RAM exhausted: -ENOMEM, nothing moves' : ''),
    'copy',
    { pages: Math.max(1, done), marks: MARK.fault | (oom ? MARK.error : 0), source: 'mm/ksm.c' },
  );
  yield* narrateFrees(k, tally);
  return oom ? err('ENOMEM') : 0;
}
