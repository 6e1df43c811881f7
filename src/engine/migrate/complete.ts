/**
 * The second half of migrate_vma: migrate_vma_pages() moves each struct page's identity
 * (mapping, index, flags) to its new page, or inserts a brand-new page where the range had a
 * hole; migrate_vma_finalize() replaces the migration entries by the new mappings (or the old
 * ones, for pages that did not move), unlocks and drops the references that kept the old
 * pages alive, which frees them.
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import { addRss } from '../mm/mapping';
import { FreeTally, getPage, newAnonRmap, putPage } from '../mm/pageref';
import { PTE } from '../mm/pte';
import { anonPageIndex, vmaIsAnonymous } from '../mm/vma';
import { MARK, type Gen } from '../trace/step';
import { entryFor, remapNewPage, removeOwnMigrationPte } from './remap';
import { MPFN, type Migration } from './types';
import { narrateFrees } from './frees';

interface PagesTally {
  moved: number;
  inserted: number;
  noDst: number;
  refused: number;
}

/**
 * Per-page loops live in plain functions, never in the generators that narrate them: V8
 * optimizes a long loop in a generator body much worse (and the engine runs each once per
 * command, so it never gets warm there).
 */
function movePages(k: Kernel, migs: readonly Migration[]): PagesTally {
  const f = k.m.frames;
  let moved = 0;
  let inserted = 0;
  let noDst = 0;
  let refused = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const dst = mig.dst[i] ?? -1;
      const src = mig.src[i] ?? -1;
      if (!mig.migrating(i)) continue;
      if (dst < 0) {
        mig.sflags[i] = (mig.sflags[i] ?? 0) & ~MPFN.migrate;
        noDst++;
        continue;
      }
      if (src < 0) {
        if (insertPage(k, mig, i, dst)) inserted++;
        else {
          mig.sflags[i] = (mig.sflags[i] ?? 0) & ~MPFN.migrate;
          refused++;
        }
        continue;
      }
      // Only anonymous memory may move into device memory.
      if (k.m.isDevicePage(dst) && (f.mappingKind[src] ?? 0) === MAPPING.file) {
        mig.sflags[i] = (mig.sflags[i] ?? 0) & ~MPFN.migrate;
        refused++;
        continue;
      }
      // folio_migrate_mapping + folio_migrate_flags: the new page takes over the old one's identity.
      f.copyMapping(dst, src);
      const keep = (f.flags[src] ?? 0) & (PG.dirty | PG.uptodate | PG.active);
      // setFlag without logging dst a second time.
      f.flags[dst] = (f.flags[dst] ?? 0) | keep | PG.uptodate;
      moved++;
    }
  return { moved, inserted, noDst, refused };
}

export function* migrateVmaPages(k: Kernel, migs: readonly Migration[]): Gen {
  const { moved, inserted, noDst, refused } = movePages(k, migs);
  const parts: string[] = [];
  if (moved)
    parts.push(
      `${pages(moved)} take over the old pages' mapping and flags (${k.name('folio_migrate_mapping', 'migrate_page_move_mapping')})`,
    );
  if (inserted)
    parts.push(`${pages(inserted)} inserted where the range had no page (migrate_vma_insert_page)`);
  if (noDst) parts.push(`${pages(noDst)} without a destination stay`);
  if (refused) parts.push(`${pages(refused)} refused (not anonymous memory)`);
  yield k.step('migrate_vma_pages', parts.join('; ') || 'nothing to move', 'map', {
    pages: Math.max(1, moved + inserted),
    marks: moved + inserted ? MARK.migrate : 0,
    source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c',
  });
}

/** migrate_vma_insert_page(): map a new page where the CPU page table had none (or the zero page). */
function insertPage(k: Kernel, mig: Migration, i: number, dst: number): boolean {
  const vma = mig.vma;
  if (!mig.proc || !vma || !vmaIsAnonymous(vma)) return false;
  const pt = mig.proc.pt;
  const vpn = mig.start + i;
  const kind = pt.kind(vpn);
  const wasZero = kind === PTE.present && pt.pfn(vpn) === k.m.zeroPfn;
  if (kind !== PTE.none && !wasZero) return false;
  const e = entryFor(k, dst, vma.write, true, vma.write);
  newAnonRmap(k, dst, vma.anonRoot, anonPageIndex(vma, vpn));
  k.m.frames.setFlag(dst, PG.uptodate | (vma.write ? PG.dirty : 0));
  if (!k.m.isDevicePage(dst)) k.m.frames.setFlag(dst, PG.lru);
  getPage(k, dst);
  pt.set(vpn, e.kind, dst, e.bits);
  addRss(mig.proc, 'anon', 1);
  return true;
}

/** Unlock a page (its lock bit, the change logged) and put it. */
function unlockAndPut(k: Kernel, pfn: number, tally: FreeTally): void {
  const f = k.m.frames;
  f.flags[pfn] = (f.flags[pfn] ?? 0) & ~PG.locked;
  putPage(k, pfn, tally);
}

/** remove_migration_ptes, unlock and put for every page; returns [remapped, restored]. */
function finalizePages(k: Kernel, migs: readonly Migration[], tally: FreeTally): [number, number] {
  const m = k.m;
  const f = m.frames;
  const flags = f.flags;
  const mem = f.mem;
  let remapped = 0;
  let restored = 0;
  for (const mig of migs) {
    const srcs = mig.src;
    const dsts = mig.dst;
    for (let i = 0; i < mig.npages; i++) {
      const src = srcs[i] ?? -1;
      let dst = dsts[i] ?? -1;
      if (src < 0) {
        if (dst >= 0) unlockAndPut(k, dst, tally);
        continue;
      }
      if (!mig.migrating(i) || dst < 0) {
        if (dst >= 0) unlockAndPut(k, dst, tally);
        dst = src;
      }
      // The common case: the new page mapped, unlocked and put in one go.
      const done = dst !== src && remapNewPage(k, mig, i, src, dst);
      if (done) remapped++;
      else {
        if (mem[dst] === 0) {
          flags[dst] = (flags[dst] ?? 0) | PG.lru;
          m.log.frame(dst);
        }
        const n = removeOwnMigrationPte(k, mig, i, src, dst);
        if (dst === src) restored += n;
        else remapped += n;
      }
      let sf = flags[src] ?? 0;
      if (!mig.isFault(i, src)) sf &= ~PG.locked;
      if (mem[src] === 0) sf |= PG.lru;
      flags[src] = sf;
      putPage(k, src, tally);
      if (dst !== src && !done) unlockAndPut(k, dst, tally);
    }
  }
  return [remapped, restored];
}

export function* migrateVmaFinalize(k: Kernel, migs: readonly Migration[]): Gen {
  const tally = new FreeTally();
  const [remapped, restored] = finalizePages(k, migs, tally);
  const text =
    `remove_migration_ptes: ${pages(remapped)} now map their new page` +
    (restored ? `, ${pages(restored)} get their old page back` : '') +
    `; unlock and ${k.name('folio_put', 'put_page')} the old pages` +
    (tally.sys ? ` (${pages(tally.sys)} of system RAM freed)` : '');
  yield k.step('migrate_vma_finalize', text, 'map', {
    pages: Math.max(1, remapped + restored),
    marks: tally.any ? MARK.free : 0,
    source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c',
  });
  yield* narrateFrees(k, tally);
}
