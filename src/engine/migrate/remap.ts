/**
 * remove_migration_ptes(): turn every migration entry that points at `src` back into a real
 * mapping, of `dst` (the migration succeeded) or of `src` (it failed and is being undone).
 * What the new entry looks like depends on where `dst` lives (remove_migration_pte):
 * device-private memory gets a device-private swap entry, coherent device memory and system
 * RAM a present PTE (the seeds' DEVICE_PUBLIC one marked devmap).
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { getPage } from '../mm/pageref';
import { PTE, PTEB } from '../mm/pte';
import { rmapWalk } from '../mm/rmap';
import type { Proc } from '../state';

/** The entry that maps `pfn` writable-or-not, as remove_migration_pte builds it. */
export function entryFor(
  k: Kernel,
  pfn: number,
  write: boolean,
  young: boolean,
  dirty: boolean,
): { kind: number; bits: number } {
  const dev = k.m.deviceOf(pfn);
  if (dev?.type === 'private') return { kind: PTE.devicePrivate, bits: write ? PTEB.write : 0 };
  let bits = (write ? PTEB.write : 0) | (young ? PTEB.young : 0) | (dirty ? PTEB.dirty : 0);
  if (dev && (dev.type === 'pmem' || (dev.type === 'coherent' && k.seeds))) bits |= PTEB.devmap;
  return { kind: PTE.present, bits };
}

/** Install `pfn` at (proc, vpn) in place of the migration entry there. */
export function remapOne(
  k: Kernel,
  proc: Proc,
  vpn: number,
  pfn: number,
  exclusive: boolean,
): void {
  const pt = proc.pt;
  const b = pt.bits(vpn);
  const f = k.m.frames;
  const e = entryFor(
    k,
    pfn,
    (b & PTEB.write) !== 0,
    (b & PTEB.young) !== 0,
    (b & PTEB.dirty) !== 0 && f.has(pfn, PG.dirty),
  );
  pt.set(vpn, e.kind, pfn, e.bits);
  getPage(k, pfn);
  f.addMap(pfn, 1);
  if (exclusive || (b & PTEB.write) !== 0) f.setFlag(pfn, PG.anonExclusive);
}

/** Replace every migration entry of `src` by a mapping of `dst`; returns how many. */
export function removeMigrationPtes(
  k: Kernel,
  src: number,
  dst: number,
  exclusive: boolean,
): number {
  let n = 0;
  for (const mp of rmapWalk(k, src, k.m.ksm, [PTE.migration])) {
    remapOne(k, mp.proc, mp.vpn, dst, exclusive);
    n++;
  }
  return n;
}
