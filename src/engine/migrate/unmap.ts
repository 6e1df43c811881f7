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

/**
 * migrate_vma_check_page(): the references a page may have beyond its mappings, or -1 when
 * it may never move. One is the caller's (folio_isolate_lru() for a system page, collect's
 * for a device page); the faulting page, ZONE_DEVICE and the page cache add one each.
 */
function extraRefs(k: Kernel, pfn: number, fault: boolean): number {
  const dev = k.m.deviceOf(pfn);
  let extra = 1;
  if (!k.seeds && fault) extra++;
  if (dev) {
    if (k.seeds && dev.type === 'pmem') return -1;
    extra++;
  }
  if ((k.m.frames.mappingKind[pfn] ?? 0) === MAPPING.file) extra++;
  return extra;
}

/** The decisive refcount test: refcount - extra <= mapcount. */
function passes(k: Kernel, pfn: number, fault: boolean): boolean {
  const extra = extraRefs(k, pfn, fault);
  const f = k.m.frames;
  return extra >= 0 && (f.ref[pfn] ?? 0) - extra <= (f.map[pfn] ?? 0);
}

/** migrate_vma_check_page(): the decisive refcount test, with its numbers for the narration. */
export function checkPage(k: Kernel, pfn: number, fault: boolean): { ok: boolean; why: string } {
  const f = k.m.frames;
  const ref = f.ref[pfn] ?? 0;
  const map = f.map[pfn] ?? 0;
  const extra = extraRefs(k, pfn, fault);
  if (extra < 0) return { ok: false, why: 'other ZONE_DEVICE memory (pmem) is never migrated' };
  const parts = ['1 (ours)'];
  if (!k.seeds && fault) parts.push('1 (the faulting page)');
  if (k.m.deviceOf(pfn)) parts.push('1 (ZONE_DEVICE)');
  if ((f.mappingKind[pfn] ?? 0) === MAPPING.file) parts.push('1 (page cache)');
  const ok = ref - extra <= map;
  const why =
    `refcount ${ref} - extra ${extra} ${ok ? '<=' : '>'} mapcount ${map}` +
    (ok ? '' : ': the page is pinned, it stays') +
    ` [extra = ${parts.join(' + ')}]`;
  return { ok, why };
}

interface Isolated {
  isolated: number;
  tried: number;
  /** Processes whose other mappings try_to_migrate replaced: pid -> the range touched. */
  others: Map<number, { start: number; end: number }>;
}

/** Isolate from the LRU (folio_isolate_lru takes a reference, then collect's is dropped). */
function isolateAll(k: Kernel, migs: readonly Migration[]): Isolated {
  const f = k.m.frames;
  let isolated = 0;
  let tried = 0;
  const others = new Map<number, { start: number; end: number }>();
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const pfn = mig.src[i] ?? -1;
      if (pfn < 0 || !mig.migrating(i)) continue;
      if (!k.m.isDevicePage(pfn)) {
        if (f.has(pfn, PG.lru)) {
          f.clearFlag(pfn, PG.lru);
          isolated++;
          // folio_isolate_lru's get_page, then the put of collect's reference: while the page
          // holds collect's, the put frees nothing and the pair leaves the refcount as it is.
          if ((f.ref[pfn] ?? 0) < 1) {
            getPage(k, pfn);
            putPage(k, pfn);
          }
        } else putPage(k, pfn);
      }
      // try_to_migrate(): still mapped elsewhere (a forked child): migration entries there too.
      if ((f.map[pfn] ?? 0) > 0) {
        tried++;
        mig.sflags[i] = (mig.sflags[i] ?? 0) | MPFN.elsewhere;
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
  return { isolated, tried, others };
}

interface Checked {
  okCount: number;
  failed: { mig: Migration; i: number }[];
  /** The narration's examples: the first page that passes, the first few that do not. */
  lines: string[];
}

/** migrate_vma_check_page over every collected page; failures stop migrating. */
function checkAll(k: Kernel, migs: readonly Migration[]): Checked {
  const f = k.m.frames;
  const failed: { mig: Migration; i: number }[] = [];
  const lines: string[] = [];
  let okCount = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const pfn = mig.src[i] ?? -1;
      if (pfn < 0 || !mig.migrating(i)) continue;
      const fault = mig.isFault(i, pfn);
      const mapped = (f.map[pfn] ?? 0) > 0;
      if (!mapped && passes(k, pfn, fault)) {
        okCount++;
        // Only the first passing page is narrated: build its sentence for it alone.
        if (okCount === 1) lines.push(`${mig.where(i)}: ${checkPage(k, pfn, fault).why}`);
        continue;
      }
      mig.sflags[i] = (mig.sflags[i] ?? 0) & ~MPFN.migrate;
      mig.cpages--;
      failed.push({ mig, i });
      if (lines.length < 4) {
        const why = mapped ? 'still mapped after try_to_migrate' : checkPage(k, pfn, fault).why;
        lines.push(`${mig.where(i)}: ${why}`);
      }
      // Failed system pages go back on the LRU (folio_get + folio_putback_lru: no net reference).
      if (!k.m.isDevicePage(pfn)) f.setFlag(pfn, PG.lru);
    }
  return { okCount, failed, lines };
}

/** Restore the pages that stay: remove_migration_ptes(page, page), unlock, put. */
function restoreAll(k: Kernel, failed: readonly { mig: Migration; i: number }[]): void {
  const f = k.m.frames;
  for (const { mig, i } of failed) {
    const pfn = mig.src[i] ?? -1;
    removeMigrationPtes(k, pfn, pfn, ((mig.sflags[i] ?? 0) & MPFN.exclusive) !== 0);
    if (!mig.isFault(i, pfn)) f.clearFlag(pfn, PG.locked);
    putPage(k, pfn);
    mig.src[i] = -1;
    mig.sflags[i] = 0;
  }
}

export function* unmapAndCheck(k: Kernel, migs: readonly Migration[]): Gen {
  const { isolated, tried, others } = isolateAll(k, migs);
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

  const { okCount, failed, lines } = checkAll(k, migs);
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
  restoreAll(k, failed);
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
