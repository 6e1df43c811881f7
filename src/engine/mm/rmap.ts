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
import { findVma } from './vma';

export interface Mapping {
  proc: Proc;
  vpn: number;
}

/** Entries of these kinds reference a pfn (migration entries too: they pin a page in flight). */
function entryPoints(kind: number): boolean {
  return (
    kind === PTE.present ||
    kind === PTE.devicePrivate ||
    kind === PTE.deviceExclusive ||
    kind === PTE.migration
  );
}

/** KSM's stable tree: for each merged pfn, its rmap items. */
export type KsmRmap = Map<number, { pid: number; vpn: number }[]>;

export function rmapWalk(
  k: Kernel,
  pfn: number,
  ksm: KsmRmap | undefined,
  kinds?: readonly number[],
): Mapping[] {
  const m = k.m;
  const f = m.frames;
  const out: Mapping[] = [];
  const want = (kind: number): boolean => (kinds ? kinds.includes(kind) : entryPoints(kind));
  if (f.has(pfn, PG.ksm) && ksm) {
    for (const it of ksm.get(pfn) ?? []) {
      const p = m.procs[it.pid];
      if (p?.alive && want(p.pt.kind(it.vpn)) && p.pt.pfn(it.vpn) === pfn)
        out.push({ proc: p, vpn: it.vpn });
    }
    return out;
  }
  const kind = f.mappingKind[pfn] ?? 0;
  const id = f.mappingId[pfn] ?? 0;
  const index = f.index[pfn] ?? 0;
  for (const p of m.procs) {
    if (!p.alive) continue;
    if (kind === MAPPING.anon) {
      const v = findVma(p.vmas, index);
      if (v && v.anonRoot === id && want(p.pt.kind(index)) && p.pt.pfn(index) === pfn)
        out.push({ proc: p, vpn: index });
    } else if (kind === MAPPING.file) {
      for (const v of p.vmas) {
        if (v.fileId !== id) continue;
        const vpn = v.start + (index - v.pgoff);
        if (vpn < v.start || vpn >= v.end) continue;
        if (want(p.pt.kind(vpn)) && p.pt.pfn(vpn) === pfn) out.push({ proc: p, vpn });
      }
    }
  }
  return out;
}
