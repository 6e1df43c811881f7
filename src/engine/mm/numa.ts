/**
 * NUMA balancing and migrate_pages(2): two more background movers that leave device pages
 * alone (seed zone-device-refcount-thread: "no NUMA balancing, no regular migration").
 * task_numa_work marks present system pages protnone so the next access takes a hinting
 * fault; migrate_pages moves system pages to new frames with the regular migration code.
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { invalidateRange } from './notifier';
import { PTE, PTEB } from './pte';
import { getPage } from './pageref';
import { copyToNewSystemPages } from '../migrate/system_dst';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { MPFN, Migration } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';

function deviceCount(k: Kernel, p: Proc, start: number, end: number): number {
  let n = 0;
  for (const vpn of p.pt.populated(start, end)) {
    const kind = p.pt.kind(vpn);
    if (kind === PTE.devicePrivate || (kind === PTE.present && k.m.isDevicePage(p.pt.pfn(vpn))))
      n++;
  }
  return n;
}

export function* doNumaBalance(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  yield* invalidateRange(
    k,
    p,
    start,
    end,
    'protection',
    null,
    'task_numa_work -> change_prot_numa',
  );
  let marked = 0;
  for (const vpn of p.pt.populated(start, end)) {
    if (p.pt.kind(vpn) !== PTE.present || p.pt.has(vpn, PTEB.special | PTEB.protnone)) continue;
    const pfn = p.pt.pfn(vpn);
    if (k.m.isDevicePage(pfn) || k.m.frames.has(pfn, PG.ksm)) continue;
    p.pt.setBits(vpn, p.pt.bits(vpn) | PTEB.protnone);
    marked++;
  }
  const dev = deviceCount(k, p, start, end);
  yield k.step(
    'task_numa_work -> change_prot_numa',
    `${pages(marked)} of system RAM made protnone for NUMA hinting faults` +
      (dev
        ? `; ${pages(dev)} in device memory skipped (${k.name('folio_is_zone_device', 'is_zone_device_page')} / not present)`
        : ''),
    'walk',
    { pages: Math.max(1, marked), source: 'kernel/sched/fair.c, mm/mprotect.c' },
  );
  return 0;
}

export function* doMigratePages(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  const f = k.m.frames;
  const pfns: number[] = [];
  const seen = new Set<number>();
  for (const vpn of p.pt.populated(start, end)) {
    if (p.pt.kind(vpn) !== PTE.present || p.pt.has(vpn, PTEB.special)) continue;
    const pfn = p.pt.pfn(vpn);
    if (
      k.m.isDevicePage(pfn) ||
      (f.mappingKind[pfn] ?? 0) !== MAPPING.anon ||
      f.has(pfn, PG.ksm) ||
      seen.has(pfn)
    )
      continue;
    seen.add(pfn);
    pfns.push(pfn);
  }
  const dev = deviceCount(k, p, start, end);
  const mig = new Migration(
    null,
    null,
    0,
    pfns.length,
    { system: true, devicePrivate: false, deviceCoherent: false },
    null,
    -1,
  );
  // isolate_lru_page takes the reference that pins the folio during migration.
  pfns.forEach((pfn, i) => {
    getPage(k, pfn);
    f.setFlag(pfn, PG.locked);
    mig.src[i] = pfn;
    mig.sflags[i] = MPFN.migrate;
    mig.cpages++;
  });
  yield k.step(
    k.name('migrate_pages -> migrate_folio_unmap', 'migrate_pages -> unmap_and_move'),
    `${pages(pfns.length)} of system RAM queued for migration to another node` +
      (dev
        ? `; ${pages(dev)} in device memory skipped (device-private entries are not present, coherent pages are not on the LRU)`
        : ''),
    'walk',
    { pages: Math.max(1, pfns.length), source: 'mm/migrate.c, mm/mempolicy.c' },
  );
  if (pfns.length === 0) return 0;
  yield* unmapAndCheck(k, [mig]);
  const { copied } = copyToNewSystemPages(k, [mig]);
  yield k.step(
    k.name('move_to_new_folio', 'move_to_new_page'),
    `copy ${pages(copied)} into new frames`,
    'copy',
    {
      pages: copied,
      source: 'mm/migrate.c',
    },
  );
  yield* migrateVmaPages(k, [mig]);
  yield* migrateVmaFinalize(k, [mig]);
  return 0;
}
