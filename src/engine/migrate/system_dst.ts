/**
 * Destinations in system RAM for a batch of migrations (migration back from a device,
 * eviction, migrate_pages): a new locked page for each source still migrating, with its data
 * copied. Pages that find no free RAM simply stay where they are.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { MPFN, type Migration } from './types';

export interface CopyOutcome {
  copied: number;
  /** RAM ran out before every page had a destination. */
  oom: boolean;
  /** Mirror entries erased by the owning driver (see `fromDevice`). */
  erased: number;
}

/**
 * A new page for each source still migrating, in order, until RAM runs out. With
 * `fromDevice` (the driver's fault and MIGRATE_TO_SYS paths, dmirror_devmem_fault_alloc_and_copy)
 * only device pages qualify, and only the migration owner's when it has one; in the modern
 * kernel the mirror that allocated each page then forgets it (xa_erase on its page table).
 * No callbacks: this loop runs once per command over up to millions of pages, and V8 would
 * recompile it for every new closure.
 */
export function copyToNewSystemPages(
  k: Kernel,
  migs: readonly Migration[],
  fromDevice = false,
): CopyOutcome {
  const m = k.m;
  const f = m.frames;
  const erase = fromDevice && !k.seeds;
  let copied = 0;
  let erased = 0;
  const values = f.value;
  for (const mig of migs) {
    const owner = mig.owner;
    const srcs = mig.src;
    const sflags = mig.sflags;
    for (let i = 0; i < mig.npages; i++) {
      const src = srcs[i] ?? -1;
      const sf = sflags[i] ?? 0;
      if (src < 0 || (sf & MPFN.migrate) === 0) continue;
      if (fromDevice) {
        const mem = f.mem[src] ?? 0;
        if (mem === 0 || (owner && m.devices[mem - 1] !== owner)) continue;
      }
      // alloc_page (allocSystemPage: refcount 1, no flags), locked, the data copied: one
      // frame reset and one change logged.
      const dst = m.sys.take();
      if (dst < 0) return { copied, oom: true, erased };
      f.reset(dst, 1, PG.locked);
      values[dst] = values[src] ?? 0;
      mig.dst[i] = dst;
      mig.dflags[i] = sf & MPFN.write;
      copied++;
      if (erase && mig.proc) erased += eraseOwnerEntry(k, src, mig.start + i);
    }
  }
  return { copied, oom: false, erased };
}

/** xa_erase(&dmirror->pt, addr): the mirror that allocated device page `src` forgets `vpn`. */
function eraseOwnerEntry(k: Kernel, src: number, vpn: number): number {
  const owner = k.m.mirrors[k.m.zdd.get(src) ?? -1];
  if (!owner || owner.pt.kind(vpn) === 0) return 0;
  owner.pt.clear(vpn);
  k.m.log.mirror(owner.id, vpn);
  return 1;
}
