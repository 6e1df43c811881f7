/**
 * migrate_vma_collect(): walk the range, decide per page whether it is selected, and for
 * selected pages take a reference, lock them and replace the PTE with a migration entry
 * (migrate_vma_collect_pmd; the seeds' kernel does the same since v4.14 as an optimisation
 * over try_to_unmap).
 */
import { pages, type Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import { putPage } from '../mm/pageref';
import { PTE, PTEB } from '../mm/pte';
import type { PageTable } from '../mm/pagetable';
import { LEAF_SIZE, type Leaf } from '../mm/sparse';
import { vmaIsAnonymous } from '../mm/vma';
import { invalidateRanges, type VRange } from '../mm/notifier';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { MPFN, type Migration } from './types';

interface Tally {
  holes: number;
  zero: number;
  system: number;
  device: number;
  skippedUnselected: number;
  skippedOther: number;
  pinnedAtCollect: number;
  unmapped: number;
}

/** Collect a batch of migrations (one per VMA piece, or one per faulting page). */
export function* collect(k: Kernel, migs: readonly Migration[]): Gen {
  const first = migs[0];
  if (!first) return;
  const fn = k.seeds ? 'migrate_vma_collect' : 'migrate_vma_setup -> migrate_vma_collect';
  for (const [proc, ranges] of rangesByProc(migs)) {
    yield* invalidateRanges(k, proc, ranges, 'migrate', first.owner, fn);
  }

  const t = collectAll(k, migs);
  let total = 0;
  let calls = 0;
  for (const mig of migs) {
    total += mig.npages;
    calls += mig.calls;
  }

  const parts: string[] = [];
  if (t.holes) parts.push(`${t.holes} empty (pte_none: a new page will be inserted)`);
  if (t.zero) parts.push(`${t.zero} zero-page`);
  if (t.system) parts.push(`${t.system} system`);
  if (t.device) parts.push(`${t.device} device`);
  const skipped: string[] = [];
  if (t.skippedUnselected)
    skipped.push(`${t.skippedUnselected} not selected (${selectWhy(first)})`);
  if (t.pinnedAtCollect)
    skipped.push(
      `${t.pinnedAtCollect} anon-exclusive and DMA-pinned (folio_try_share_anon_rmap_pte fails, PTE left as it was)`,
    );
  if (t.skippedOther)
    skipped.push(
      `${t.skippedOther} not migratable (swap/hwpoison/migration/exclusive entries, KSM, pmem or file pages without a struct page mapping)`,
    );
  const where =
    calls === 1 ? `${pages(total)} at ${first.where(0)}` : `${pages(total)} in ${calls} migrations`;
  const text =
    `collect ${where}: ` +
    (parts.length ? parts.join(', ') : 'nothing selected') +
    (t.unmapped
      ? `; ${t.unmapped} PTE${t.unmapped === 1 ? '' : 's'} replaced by migration entries (${k.name('folio_get, folio_trylock, folio_remove_rmap_pte', 'get_page, trylock_page, page_remove_rmap')})`
      : '') +
    (skipped.length ? `; skipped: ${skipped.join(', ')}` : '');
  yield k.step('migrate_vma_collect_pmd', text, 'walk', {
    pages: total,
    source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c',
  });
  if (t.unmapped) {
    yield k.step(
      'flush_tlb_range',
      `flush the CPU TLB for the ${pages(t.unmapped)} just unmapped`,
      'tlb',
      { source: 'mm/migrate_device.c' },
    );
  }
}

/** migrate_vma_collect_pmd over every page (a plain function: see migrate/complete.ts). */
function collectAll(k: Kernel, migs: readonly Migration[]): Tally {
  const t: Tally = {
    holes: 0,
    zero: 0,
    system: 0,
    device: 0,
    skippedUnselected: 0,
    skippedOther: 0,
    pinnedAtCollect: 0,
    unmapped: 0,
  };
  for (const mig of migs) for (let i = 0; i < mig.npages; i++) collectOne(k, mig, i, t);
  return t;
}

function rangesByProc(migs: readonly Migration[]): Map<Proc, VRange[]> {
  const out = new Map<Proc, VRange[]>();
  for (const mig of migs) {
    if (!mig.proc) continue;
    let l = out.get(mig.proc);
    if (!l) out.set(mig.proc, (l = []));
    const last = l[l.length - 1];
    if (last && last.end === mig.start) last.end = mig.end;
    else l.push({ start: mig.start, end: mig.end });
  }
  return out;
}

function selectWhy(mig: Migration): string {
  const s: string[] = [];
  if (mig.select.system) s.push('SYSTEM');
  if (mig.select.devicePrivate) s.push('DEVICE_PRIVATE');
  if (mig.select.deviceCoherent) s.push('DEVICE_COHERENT');
  return `flags MIGRATE_VMA_SELECT_${s.join('|') || 'NONE'}${mig.owner ? `, owner ${mig.owner.name}` : ''}`;
}

function collectOne(k: Kernel, mig: Migration, i: number, t: Tally): void {
  const m = k.m;
  if (!mig.proc || !mig.vma) return;
  const vpn = mig.start + i;
  // The entry, read from its page-table leaf (kind 0, none, where there is no leaf).
  const leaf = mig.proc.pt.leafOf(vpn);
  const x = vpn & (LEAF_SIZE - 1);
  const kind = leaf ? (leaf.kind[x] ?? 0) : 0;
  const sel = mig.select;
  const seeds = k.seeds;

  if (!leaf || kind === PTE.none) {
    if (vmaIsAnonymous(mig.vma)) {
      mig.sflags[i] = MPFN.migrate;
      mig.cpages++;
      t.holes++;
    } else t.skippedOther++;
    return;
  }
  let pfn: number;
  let flags: number;
  const bits = leaf.b[x] ?? 0;
  if (kind === PTE.devicePrivate) {
    pfn = leaf.a[x] ?? 0;
    const dev = m.deviceOf(pfn);
    // The seeds' kernel collects every device-private page; the driver skips what it can't move.
    if (!seeds && (!sel.devicePrivate || !dev || dev !== mig.owner)) {
      t.skippedUnselected++;
      return;
    }
    flags = MPFN.migrate | (seeds ? MPFN.device : 0) | (bits & PTEB.write ? MPFN.write : 0);
    t.device++;
  } else if (kind === PTE.present) {
    pfn = leaf.a[x] ?? 0;
    if (pfn === m.zeroPfn) {
      if (seeds || sel.system) {
        mig.sflags[i] = MPFN.migrate;
        mig.cpages++;
        t.zero++;
      } else t.skippedUnselected++;
      return;
    }
    const dev = m.deviceOf(pfn);
    if (!dev && !seeds && !sel.system) {
      t.skippedUnselected++;
      return;
    }
    if (dev && dev.type === 'coherent' && !seeds && (!sel.deviceCoherent || dev !== mig.owner)) {
      t.skippedUnselected++;
      return;
    }
    if (
      (dev && dev.type === 'pmem') ||
      m.frames.has(pfn, PG.ksm) ||
      (m.frames.mappingKind[pfn] ?? 0) === MAPPING.none
    ) {
      t.skippedOther++;
      return;
    }
    flags = MPFN.migrate | (bits & PTEB.write ? MPFN.write : 0);
    if (bits & PTEB.young) flags |= MPFN.young;
    if (bits & PTEB.dirty) flags |= MPFN.dirty;
    if (dev) {
      flags |= seeds ? MPFN.device : 0;
      t.device++;
    } else t.system++;
  } else {
    t.skippedOther++;
    return;
  }
  unmapOne(k, mig, mig.proc.pt, leaf, i, pfn, flags, t);
}

/**
 * folio_get() + folio_trylock(), then the PTE becomes a migration entry and the mapping's
 * reference and rmap go (the page survives on the reference just taken). A page already
 * locked (in flight elsewhere) is skipped; an exclusive anon page that may be DMA-pinned
 * keeps its PTE (folio_try_share_anon_rmap_pte fails). The frame's fields are written
 * directly and the change logged once.
 */
function unmapOne(
  k: Kernel,
  mig: Migration,
  pt: PageTable,
  leaf: Leaf,
  i: number,
  pfn: number,
  flags: number,
  t: Tally,
): void {
  const f = k.m.frames;
  const fault = mig.isFault(i, pfn);
  const was = f.flags[pfn] ?? 0;
  if (!fault && was & PG.locked) {
    t.skippedOther++;
    return;
  }
  const ref0 = f.ref[pfn] ?? 0;
  f.ref[pfn] = ref0 + 1;
  k.m.log.frame(pfn);
  const anonExclusive = !k.seeds && (was & PG.anonExclusive) !== 0;
  if (anonExclusive && f.pinned(pfn)) {
    putPage(k, pfn);
    t.pinnedAtCollect++;
    return;
  }
  mig.src[i] = pfn;
  mig.sflags[i] = flags | MPFN.unmapped | (anonExclusive ? MPFN.exclusive : 0);
  mig.cpages++;
  let now = was | (fault ? 0 : PG.locked) | (flags & MPFN.dirty ? PG.dirty : 0);
  if (anonExclusive) now &= ~PG.anonExclusive;
  f.flags[pfn] = now;
  f.map[pfn] = (f.map[pfn] ?? 0) - 1;
  // The entry was non-empty (collectOne read it from this leaf): replace it in place.
  pt.replace(
    leaf,
    mig.start + i,
    PTE.migration,
    pfn,
    (flags & MPFN.write ? PTEB.write : 0) |
      (flags & MPFN.young ? PTEB.young : 0) |
      (flags & MPFN.dirty ? PTEB.dirty : 0),
  );
  // put_page of the mapping's reference. The page lives on the one just taken unless it had
  // none besides (its idle level: putPage frees it), so it is left at its old refcount.
  if (ref0 > ((f.mem[pfn] ?? 0) === 0 ? 0 : k.m.deviceIdle)) f.ref[pfn] = ref0;
  else putPage(k, pfn);
  t.unmapped++;
}
