/**
 * After collect: isolate system pages from the LRU, unmap the mappings collect could not
 * (other processes after fork: try_to_migrate installs migration entries in every mapping),
 * and run migrate_vma_check_page: a page with more references than its mappings explain is
 * pinned (GUP, O_DIRECT, RDMA) and must stay. Failed pages get their PTEs back.
 * Seeds: migrate_vma_prepare + migrate_vma_unmap. Modern: migrate_device_unmap.
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import { invalidateRange } from '../mm/notifier';
import { getPage, putPage } from '../mm/pageref';
import { PTE, PTEB } from '../mm/pte';
import { rmapWalk } from '../mm/rmap';
import { MARK, type Gen } from '../trace/step';
import { removeMigrationPtes } from './remap';
import { MPFN, type Migration } from './types';

/** migrate_vma_check_page(): the decisive refcount test, with its numbers for the narration. */
export function checkPage(k: Kernel, pfn: number, faultPage: number): { ok: boolean; why: string } {
  const f = k.m.frames;
  const dev = k.m.deviceOf(pfn);
  const ref = f.ref[pfn] ?? 0;
  const map = f.map[pfn] ?? 0;
  // One extra reference: the caller's (folio_isolate_lru() for a system page, collect's for a device page).
  let extra = 1;
  const parts = ['1 (ours)'];
  if (!k.seeds && pfn === faultPage) {
    extra++;
    parts.push('1 (the faulting page)');
  }
  if (dev) {
    if (k.seeds && dev.type === 'pmem')
      return { ok: false, why: 'other ZONE_DEVICE memory (pmem) is never migrated' };
    extra++;
    parts.push('1 (ZONE_DEVICE)');
  }
  if ((f.mappingKind[pfn] ?? 0) === MAPPING.file) {
    extra++;
    parts.push('1 (page cache)');
  }
  const ok = ref - extra <= map;
  const why =
    `refcount ${ref} - extra ${extra} ${ok ? '<=' : '>'} mapcount ${map}` +
    (ok ? '' : ': the page is pinned, it stays') +
    ` [extra = ${parts.join(' + ')}]`;
  return { ok, why };
}

export function* unmapAndCheck(k: Kernel, migs: readonly Migration[]): Gen {
  const f = k.m.frames;
  let isolated = 0;
  const others = new Map<number, { start: number; end: number }>();
  let tried = 0;
  // Isolate from the LRU (folio_isolate_lru takes a reference, then collect's is dropped).
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const pfn = mig.src[i] ?? -1;
      if (pfn < 0 || !mig.migrating(i)) continue;
      if (!k.m.isDevicePage(pfn)) {
        if (f.has(pfn, PG.lru)) {
          f.clearFlag(pfn, PG.lru);
          getPage(k, pfn);
          isolated++;
        }
        putPage(k, pfn);
      }
      // try_to_migrate(): still mapped elsewhere (a forked child): migration entries there too.
      if ((f.map[pfn] ?? 0) > 0) {
        tried++;
        for (const mp of rmapWalk(k, pfn, k.m.ksm, [PTE.present, PTE.devicePrivate])) {
          const b = mp.proc.pt.bits(mp.vpn);
          mp.proc.pt.set(mp.vpn, PTE.migration, pfn, b & (PTEB.write | PTEB.young | PTEB.dirty));
          f.addMap(pfn, -1);
          putPage(k, pfn);
          const r = others.get(mp.proc.pid) ?? { start: mp.vpn, end: mp.vpn + 1 };
          r.start = Math.min(r.start, mp.vpn);
          r.end = Math.max(r.end, mp.vpn + 1);
          others.set(mp.proc.pid, r);
        }
      }
    }
  const unmapFn = k.seeds ? 'migrate_vma_prepare -> migrate_vma_unmap' : 'migrate_device_unmap';
  yield k.step(
    unmapFn,
    `isolate ${pages(isolated)} from the LRU (${k.name('folio_isolate_lru', 'isolate_lru_page')}) and drop collect's reference` +
      (tried
        ? `; try_to_migrate: ${pages(tried)} still mapped by another process get migration entries there too`
        : ''),
    'unmap',
    {
      pages: Math.max(1, isolated + tried),
      source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c',
    },
  );
  for (const [pid, r] of others) {
    const p = k.m.procs[pid];
    if (p) yield* invalidateRange(k, p, r.start, r.end, 'clear', null, 'try_to_migrate_one');
  }

  // The refcount test.
  const failed: { mig: Migration; i: number }[] = [];
  const lines: string[] = [];
  let okCount = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const pfn = mig.src[i] ?? -1;
      if (pfn < 0 || !mig.migrating(i)) continue;
      const c =
        (f.map[pfn] ?? 0) > 0
          ? { ok: false, why: 'still mapped after try_to_migrate' }
          : checkPage(k, pfn, mig.faultPage);
      if (c.ok) {
        okCount++;
        if (okCount === 1) lines.push(`${mig.where(i)}: ${c.why}`);
        continue;
      }
      mig.sflags[i] = (mig.sflags[i] ?? 0) & ~MPFN.migrate;
      mig.cpages--;
      failed.push({ mig, i });
      if (lines.length < 4) lines.push(`${mig.where(i)}: ${c.why}`);
      // Failed system pages go back on the LRU (folio_get + folio_putback_lru: no net reference).
      if (!k.m.isDevicePage(pfn)) f.setFlag(pfn, PG.lru);
    }
  yield k.step(
    'migrate_vma_check_page',
    `${okCount} of ${okCount + failed.length} pages pass: ${lines.join('; ')}` +
      (failed.length > 3 ? ` (and ${failed.length - 3} more pinned)` : ''),
    'check',
    {
      pages: okCount + failed.length,
      marks: failed.length ? MARK.error : 0,
      source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c',
    },
  );
  if (failed.length === 0) return;

  // Restore: remove_migration_ptes(page, page), unlock, put.
  for (const { mig, i } of failed) {
    const pfn = mig.src[i] ?? -1;
    removeMigrationPtes(k, pfn, pfn, ((mig.sflags[i] ?? 0) & MPFN.exclusive) !== 0);
    if (pfn !== mig.faultPage) f.clearFlag(pfn, PG.locked);
    putPage(k, pfn);
    mig.src[i] = -1;
    mig.sflags[i] = 0;
  }
  yield k.step(
    'remove_migration_ptes',
    `restore the original PTE of ${pages(failed.length)} that stay (${failed
      .slice(0, 4)
      .map(({ mig, i }) => mig.where(i))
      .join(
        ', ',
      )}${failed.length > 4 ? ', ...' : ''}): the migration entry becomes the old mapping again`,
    'map',
    { pages: failed.length, source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c' },
  );
}
