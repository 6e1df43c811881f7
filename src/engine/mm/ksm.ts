/**
 * KSM (madvise(MADV_MERGEABLE) + a ksmd pass): anonymous pages with identical contents are
 * merged into one write-protected KSM page; a later write copies again. Device pages are
 * never merged (seed zone-device-refcount-thread: "no KSM"): device-private entries are not
 * present PTEs, and device-coherent pages are ZONE_DEVICE, not normal LRU pages.
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { narrateFrees } from '../migrate/frees';
import { invalidateRanges, type VRange } from './notifier';
import { FreeTally, putPage } from './pageref';
import { PTE, PTEB } from './pte';
import { findVma, vmaIsAnonymous } from './vma';

export function* doKsm(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  const m = k.m;
  const f = m.frames;
  for (const v of p.vmas) if (v.start < end && v.end > start) v.mergeable = true;
  const byValue = new Map<number, number[]>();
  let devSkipped = 0;
  let other = 0;
  for (const vpn of p.pt.populated(start, end)) {
    const kind = p.pt.kind(vpn);
    const pfn = p.pt.pfn(vpn);
    if (kind === PTE.devicePrivate || (kind === PTE.present && m.isDevicePage(pfn))) {
      devSkipped++;
      continue;
    }
    const vma = findVma(p.vmas, vpn);
    if (
      kind !== PTE.present ||
      p.pt.has(vpn, PTEB.special) ||
      !vma ||
      !vmaIsAnonymous(vma) ||
      f.has(pfn, PG.ksm) ||
      (f.mappingKind[pfn] ?? 0) !== MAPPING.anon ||
      (f.map[pfn] ?? 0) !== 1 ||
      (f.ref[pfn] ?? 0) !== 1
    ) {
      other++;
      continue;
    }
    const val = f.value[pfn] ?? 0;
    let l = byValue.get(val);
    if (!l) byValue.set(val, (l = []));
    l.push(vpn);
  }
  const merge = [...byValue.values()].filter((l) => l.length >= 2);
  const ranges: VRange[] = merge.flat().map((vpn) => ({ start: vpn, end: vpn + 1 }));
  if (ranges.length)
    yield* invalidateRanges(k, p, ranges, 'clear', null, 'ksmd: write_protect_page / replace_page');
  const tally = new FreeTally();
  let merged = 0;
  for (const group of merge) {
    const first = group[0] ?? 0;
    const kpfn = p.pt.pfn(first);
    f.setFlag(kpfn, PG.ksm);
    f.clearFlag(kpfn, PG.anonExclusive);
    p.pt.setBits(first, p.pt.bits(first) & ~PTEB.write);
    const items = [{ pid: p.pid, vpn: first }];
    for (const vpn of group.slice(1)) {
      const old = p.pt.pfn(vpn);
      p.pt.set(vpn, PTE.present, kpfn, PTEB.young);
      f.addRef(kpfn, 1);
      f.addMap(kpfn, 1);
      f.addMap(old, -1);
      putPage(k, old, tally);
      items.push({ pid: p.pid, vpn });
      merged++;
    }
    m.ksm.set(kpfn, items);
  }
  yield k.step(
    'ksm_do_scan -> try_to_merge_one_page',
    `${pages(merged)} merged into ${merge.length} KSM page${merge.length === 1 ? '' : 's'} (identical contents, write-protected; ${pages(tally.sys)} freed)` +
      (devSkipped
        ? `; ${pages(devSkipped)} in device memory skipped: ZONE_DEVICE pages are never merged`
        : '') +
      (other
        ? `; ${pages(other)} not candidates (zero page, shared, pinned, file-backed or already merged)`
        : ''),
    'walk',
    { pages: Math.max(1, merged), source: 'mm/ksm.c' },
  );
  yield* narrateFrees(k, tally);
  return 0;
}
