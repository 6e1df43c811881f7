/**
 * Reverse mapping: from a page to every page-table entry that maps it (rmap_walk). Anonymous
 * pages find their mappings through the anon_vma root shared by a process and its forked
 * children (page->index is the virtual page); file pages through the file's mappings
 * (page->index is the file offset); KSM pages through their stable node's rmap items.
 */
import type { Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import { PTE } from './pte';
import { anonAddress, findVma } from './vma';

export interface Mapping {
  proc: Proc;
  vpn: number;
}

/** A set of PTE kinds as a bit mask (bit `kind`). */
export function kindMask(kinds: readonly number[]): number {
  let m = 0;
  for (const kind of kinds) m |= 1 << kind;
  return m;
}

/** Entries of these kinds reference a pfn (migration entries too: they pin a page in flight). */
const POINTING = kindMask([PTE.present, PTE.devicePrivate, PTE.deviceExclusive, PTE.migration]);

/** KSM's stable tree: for each merged pfn, its rmap items. */
export type KsmRmap = Map<number, { pid: number; vpn: number }[]>;

/**
 * rmap_walk(): call `visit(k, proc, vpn, x, y)` for every entry of a kind in `mask` that maps
 * `pfn`, in rmap order (KSM items; else processes in order, and a file's mappings in VMA
 * order). `x` and `y` are passed through, so a caller needs no closure per page. The page's
 * mapping is read before the first visit; a visit may rewrite the entry it is given.
 * Returns how many entries were visited.
 */
export function rmapVisit(
  k: Kernel,
  pfn: number,
  ksm: KsmRmap | undefined,
  mask: number,
  visit: (k: Kernel, p: Proc, vpn: number, x: number, y: number) => void,
  x = 0,
  y = 0,
): number {
  const m = k.m;
  const f = m.frames;
  let n = 0;
  if (f.has(pfn, PG.ksm) && ksm) {
    for (const it of ksm.get(pfn) ?? []) {
      const p = m.procs[it.pid];
      if (p?.alive && (mask >> p.pt.kind(it.vpn)) & 1 && p.pt.pfn(it.vpn) === pfn) {
        visit(k, p, it.vpn, x, y);
        n++;
      }
    }
    return n;
  }
  const kind = f.mappingKind[pfn] ?? 0;
  const id = f.mappingId[pfn] ?? 0;
  const index = f.pageIndex(pfn);
  for (const p of m.procs) {
    if (!p.alive) continue;
    if (kind === MAPPING.anon) {
      const vpn = anonAddressIn(p, id, index);
      if (vpn >= 0 && (mask >> p.pt.kind(vpn)) & 1 && p.pt.pfn(vpn) === pfn) {
        visit(k, p, vpn, x, y);
        n++;
      }
    } else if (kind === MAPPING.file) {
      for (const v of p.vmas) {
        if (v.fileId !== id) continue;
        const vpn = v.start + (index - v.pgoff);
        if (vpn < v.start || vpn >= v.end) continue;
        if ((mask >> p.pt.kind(vpn)) & 1 && p.pt.pfn(vpn) === pfn) {
          visit(k, p, vpn, x, y);
          n++;
        }
      }
    }
  }
  return n;
}

/**
 * Where `p` maps anonymous page index `index` of anon_vma `root` (vma_address over the VMAs of
 * that anon_vma), or -1. A VMA that never moved maps index i at address i (its anonPgoff is
 * its start), so a lookup by address finds it; one mremap moved is found by its anonPgoff.
 */
function anonAddressIn(p: Proc, root: number, index: number): number {
  const at = findVma(p.vmas, index);
  if (at && at.anonRoot === root && at.anonPgoff === at.start) return index;
  for (const v of p.vmas) {
    if (v.anonRoot !== root || v.anonPgoff === v.start) continue;
    const vpn = anonAddress(v, index);
    if (vpn >= 0) return vpn;
  }
  return -1;
}

/** Every entry (of `kinds`, by default every kind that references a page) mapping `pfn`. */
export function rmapWalk(
  k: Kernel,
  pfn: number,
  ksm: KsmRmap | undefined,
  kinds?: readonly number[],
): Mapping[] {
  const out: Mapping[] = [];
  rmapVisit(k, pfn, ksm, kinds ? kindMask(kinds) : POINTING, (_k, proc, vpn) =>
    out.push({ proc, vpn }),
  );
  return out;
}
