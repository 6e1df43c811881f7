/**
 * fork() -> dup_mm -> copy_page_range: the child gets copies of the VMAs and of the page
 * tables. In private (COW) mappings both sides lose write permission, so the first write on
 * either side copies (copy_one_pte / copy_present_pte). Device pages are shared the same way:
 * a device-private entry is duplicated read-only (get_page + page_dup_rmap), a device-public
 * / coherent page mapped by a present PTE likewise (seed device-public-memory-v2). The
 * parent's mirrors are invalidated for COW ranges; the child has no mirror until it opens one.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { Proc } from '../state';
import type { Gen } from '../trace/step';
import { addRss, rssKind } from './mapping';
import { invalidateRanges, type VRange } from './notifier';
import { PageTable } from './pagetable';
import { getPage } from './pageref';
import { PTE, PTEB } from './pte';
import { mapNewAnonPage } from './anon';
import { cloneVmas, findVma, isCowMapping } from './vma';

interface ForkTally {
  shared: number;
  cow: number;
  devicePrivate: number;
  device: number;
  copiedPinned: number;
  swap: number;
}

export function* doFork(k: Kernel, parent: Proc, childName: string): Gen<Proc> {
  const m = k.m;
  const child = new Proc(m.procs.length, childName, new PageTable(m.procs.length, m.log));
  m.procs.push(child);
  child.vmas = cloneVmas(parent.vmas);
  child.buffers = new Map(parent.buffers);
  m.log.vma(child.pid);

  const cow: VRange[] = parent.vmas
    .filter(isCowMapping)
    .map((v) => ({ start: v.start, end: v.end }));
  yield* invalidateRanges(
    k,
    parent,
    cow,
    'protection',
    null,
    `${parent.name}: fork (copy_page_range write-protects COW mappings)`,
  );

  const t: ForkTally = { shared: 0, cow: 0, devicePrivate: 0, device: 0, copiedPinned: 0, swap: 0 };
  for (const v of parent.vmas) {
    for (const vpn of parent.pt.populated(v.start, v.end))
      copyEntry(k, parent, child, vpn, isCowMapping(v), t);
  }
  const parts: string[] = [];
  if (t.cow)
    parts.push(`${t.cow} present COW-shared (write-protected in both, get_page + page_dup_rmap)`);
  if (t.shared) parts.push(`${t.shared} in shared mappings (mapped in both as they are)`);
  if (t.devicePrivate)
    parts.push(
      `${t.devicePrivate} device-private entries duplicated read-only (get_page + page_dup_rmap, rss++)`,
    );
  if (t.device)
    parts.push(
      `${t.device} of them device-${k.seeds ? 'public' : 'coherent'} pages (get_page + page_dup_rmap, rss++)`,
    );
  if (t.copiedPinned)
    parts.push(
      `${t.copiedPinned} DMA-pinned anonymous pages copied for the child at once (folio_try_dup_anon_rmap_pte fails)`,
    );
  if (t.swap) parts.push(`${t.swap} swap entries (swap_duplicate)`);
  yield k.step(
    k.seeds
      ? 'dup_mm -> copy_page_range -> copy_one_pte'
      : 'dup_mm -> copy_page_range -> copy_present_pte / copy_nonpresent_pte',
    `${parent.name} forks ${child.name} (pid ${child.pid}): ${child.vmas.length} VMAs copied; ` +
      (parts.length ? parts.join('; ') : 'no pages were populated'),
    'syscall',
    {
      pages: Math.max(1, t.shared + t.cow + t.devicePrivate + t.copiedPinned + t.swap),
      source: 'kernel/fork.c, mm/memory.c',
    },
  );
  if (t.cow + t.devicePrivate > 0) {
    yield k.step(
      'flush_tlb_mm',
      `flush ${parent.name}'s TLB: its write-protected entries must fault on the next write`,
      'tlb',
      { source: 'kernel/fork.c' },
    );
  }
  return child;
}

function copyEntry(
  k: Kernel,
  parent: Proc,
  child: Proc,
  vpn: number,
  cow: boolean,
  t: ForkTally,
): void {
  const f = k.m.frames;
  const ppt = parent.pt;
  const kind = ppt.kind(vpn);
  const pfn = ppt.pfn(vpn);
  const bits = ppt.bits(vpn);
  if (kind === PTE.none || kind === PTE.migration) return;
  if (kind === PTE.hwpoison) {
    child.pt.set(vpn, kind, pfn, 0);
    return;
  }
  if (kind === PTE.swap) {
    k.m.swap.set(pfn, 1, k.m.swap.a(pfn), k.m.swap.b(pfn) + 1);
    child.pt.set(vpn, kind, pfn, 0);
    t.swap++;
    return;
  }
  let k2 = kind;
  let b = bits;
  if (kind === PTE.deviceExclusive) {
    // Device-exclusive entries are made present again first, then copied as present.
    ppt.set(vpn, PTE.present, pfn, b & PTEB.write ? PTEB.write | PTEB.dirty : 0);
    k2 = PTE.present;
    b = ppt.bits(vpn);
  }
  if (k2 === PTE.present && b & PTEB.special) {
    child.pt.set(vpn, PTE.present, pfn, b & ~PTEB.young);
    return;
  }
  if (k2 === PTE.devicePrivate) {
    getPage(k, pfn);
    f.addMap(pfn, 1);
    addRss(child, rssKind(k, pfn), 1);
    f.clearFlag(pfn, PG.anonExclusive);
    if (cow && b & PTEB.write) ppt.setBits(vpn, b & ~PTEB.write);
    child.pt.set(vpn, PTE.devicePrivate, pfn, cow ? b & ~PTEB.write : b);
    t.devicePrivate++;
    return;
  }
  // A present page.
  if (cow && !k.seeds && f.has(pfn, PG.anonExclusive) && f.pinned(pfn)) {
    // The page may be DMA-pinned: the child gets its own copy now, the parent keeps the page.
    const vma = findVma(child.vmas, vpn);
    const bits = (b & (PTEB.write | PTEB.dirty)) | PTEB.young;
    if (vma && mapNewAnonPage(k, child, vma, vpn, f.value[pfn] ?? 0, bits, true) >= 0) {
      t.copiedPinned++;
      return;
    }
  }
  getPage(k, pfn);
  f.addMap(pfn, 1);
  addRss(child, rssKind(k, pfn), 1);
  if (k.m.isDevicePage(pfn)) t.device++;
  if (cow) {
    f.clearFlag(pfn, PG.anonExclusive);
    if (b & PTEB.write) ppt.setBits(vpn, b & ~PTEB.write);
    child.pt.set(vpn, PTE.present, pfn, b & ~(PTEB.write | PTEB.young));
    t.cow++;
  } else {
    child.pt.set(vpn, PTE.present, pfn, b & ~(PTEB.young | PTEB.dirty));
    t.shared++;
  }
}
