/**
 * remove_migration_ptes(): turn every migration entry that points at `src` back into a real
 * mapping, of `dst` (the migration succeeded) or of `src` (it failed and is being undone).
 * What the new entry looks like depends on where `dst` lives (remove_migration_pte):
 * device-private memory gets a device-private swap entry, coherent device memory and system
 * RAM a present PTE (the seeds' DEVICE_PUBLIC one marked devmap).
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { PTE, PTEB } from '../mm/pte';
import { LEAF_SIZE } from '../mm/sparse';
import { kindMask, rmapVisit } from '../mm/rmap';
import type { Proc } from '../state';
import { MPFN, type Migration } from './types';

/**
 * The entry that maps `pfn` writable-or-not, as remove_migration_pte builds it, packed as
 * kind << 8 | bits (no object per page on the hot path).
 */
export function entryBits(
  k: Kernel,
  pfn: number,
  write: boolean,
  young: boolean,
  dirty: boolean,
): number {
  const dev = k.m.deviceOf(pfn);
  if (dev?.type === 'private') return (PTE.devicePrivate << 8) | (write ? PTEB.write : 0);
  let bits = (write ? PTEB.write : 0) | (young ? PTEB.young : 0) | (dirty ? PTEB.dirty : 0);
  if (dev && (dev.type === 'pmem' || (dev.type === 'coherent' && k.seeds))) bits |= PTEB.devmap;
  return (PTE.present << 8) | bits;
}

export function entryFor(
  k: Kernel,
  pfn: number,
  write: boolean,
  young: boolean,
  dirty: boolean,
): { kind: number; bits: number } {
  const e = entryBits(k, pfn, write, young, dirty);
  return { kind: e >> 8, bits: e & 0xff };
}

/** Install `pfn` at (proc, vpn) in place of the migration entry there. */
export function remapOne(
  k: Kernel,
  proc: Proc,
  vpn: number,
  pfn: number,
  exclusive: boolean,
): void {
  remapBits(k, proc, vpn, pfn, exclusive, proc.pt.bits(vpn));
}

/** remapOne, given the migration entry's bits. */
function remapBits(
  k: Kernel,
  proc: Proc,
  vpn: number,
  pfn: number,
  exclusive: boolean,
  b: number,
): void {
  const pt = proc.pt;
  const f = k.m.frames;
  const e = entryBits(
    k,
    pfn,
    (b & PTEB.write) !== 0,
    (b & PTEB.young) !== 0,
    (b & PTEB.dirty) !== 0 && f.has(pfn, PG.dirty),
  );
  pt.set(vpn, e >> 8, pfn, e & 0xff);
  // get_page (never the zero page: it has no migration entries) and the rmap.
  f.ref[pfn] = (f.ref[pfn] ?? 0) + 1;
  f.map[pfn] = (f.map[pfn] ?? 0) + 1;
  if (exclusive || (b & PTEB.write) !== 0) f.flags[pfn] = (f.flags[pfn] ?? 0) | PG.anonExclusive;
  k.m.log.frame(pfn);
}

const MIGRATION = kindMask([PTE.migration]);

function remapVisit(k: Kernel, proc: Proc, vpn: number, dst: number, exclusive: number): void {
  remapOne(k, proc, vpn, dst, exclusive !== 0);
}

/**
 * remove_migration_ptes for page i of a migration: when the only migration entry of its
 * source is the one collect installed at the page's own address (try_to_migrate put none
 * elsewhere), the rmap walk would find exactly that entry, so it is replaced directly.
 */
export function removeOwnMigrationPte(
  k: Kernel,
  mig: Migration,
  i: number,
  src: number,
  dst: number,
): number {
  const sf = mig.sflags[i] ?? 0;
  const exclusive = (sf & MPFN.exclusive) !== 0;
  const p = mig.proc;
  if (p && (sf & (MPFN.unmapped | MPFN.elsewhere)) === MPFN.unmapped) {
    const vpn = mig.start + i;
    // The entry, read once from its leaf.
    const leaf = p.pt.leafOf(vpn);
    const x = vpn & (LEAF_SIZE - 1);
    if (leaf && leaf.kind[x] === PTE.migration && leaf.a[x] === src) {
      remapBits(k, p, vpn, dst, exclusive, leaf.b[x] ?? 0);
      return 1;
    }
  }
  return removeMigrationPtes(k, src, dst, exclusive);
}

/**
 * finalize's work on a new page `dst` that replaced `src` at page i (PG_lru for a system
 * page, removeOwnMigrationPte, unlock + put_page), for the common case: the only migration
 * entry of `src` is the page's own and `dst` holds a reference above its idle level (its
 * allocation's). The mapping's get_page and the put then cancel out and the put frees
 * nothing: the refcount is left as it is. Returns false, having done nothing, in any other
 * case (the caller takes the general path).
 */
export function remapNewPage(
  k: Kernel,
  mig: Migration,
  i: number,
  src: number,
  dst: number,
): boolean {
  const p = mig.proc;
  const f = k.m.frames;
  const sf = mig.sflags[i] ?? 0;
  const ram = (f.mem[dst] ?? 0) === 0;
  if (
    !p ||
    (sf & (MPFN.unmapped | MPFN.elsewhere)) !== MPFN.unmapped ||
    (f.ref[dst] ?? 0) <= (ram ? 0 : k.m.deviceIdle) ||
    dst === k.m.zeroPfn
  )
    return false;
  const vpn = mig.start + i;
  const leaf = p.pt.leafOf(vpn);
  const x = vpn & (LEAF_SIZE - 1);
  if (!leaf || leaf.kind[x] !== PTE.migration || leaf.a[x] !== src) return false;
  const b = leaf.b[x] ?? 0;
  let fl = (f.flags[dst] ?? 0) | (ram ? PG.lru : 0);
  // remapBits, the entry written into the leaf it was read from.
  const e = entryBits(
    k,
    dst,
    (b & PTEB.write) !== 0,
    (b & PTEB.young) !== 0,
    (b & PTEB.dirty) !== 0 && (fl & PG.dirty) !== 0,
  );
  p.pt.replace(leaf, vpn, e >> 8, dst, e & 0xff);
  f.map[dst] = (f.map[dst] ?? 0) + 1;
  if ((sf & MPFN.exclusive) !== 0 || (b & PTEB.write) !== 0) fl |= PG.anonExclusive;
  // unlock_page; put_page (see above).
  f.flags[dst] = fl & ~PG.locked;
  k.m.log.frame(dst);
  return true;
}

/** Replace every migration entry of `src` by a mapping of `dst`; returns how many. */
export function removeMigrationPtes(
  k: Kernel,
  src: number,
  dst: number,
  exclusive: boolean,
): number {
  return rmapVisit(k, src, k.m.ksm, MIGRATION, remapVisit, dst, exclusive ? 1 : 0);
}
