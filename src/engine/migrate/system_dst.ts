/**
 * Destinations in system RAM for a batch of migrations (migration back from a device,
 * eviction, migrate_pages): a new locked page for each source still migrating, with its data
 * copied. Pages that find no free RAM simply stay where they are.
 */
import type { Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { allocSystemPage } from '../mm/pageref';
import { MPFN, type Migration } from './types';

export interface CopyOutcome {
  copied: number;
  /** RAM ran out before every page had a destination. */
  oom: boolean;
}

export function copyToNewSystemPages(
  k: Kernel,
  migs: readonly Migration[],
  wants: (mig: Migration, i: number, src: number) => boolean = () => true,
  after: (mig: Migration, i: number, src: number) => void = () => undefined,
): CopyOutcome {
  const f = k.m.frames;
  let copied = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const src = mig.src[i] ?? -1;
      if (src < 0 || !mig.migrating(i) || !wants(mig, i, src)) continue;
      const dst = allocSystemPage(k, false);
      if (dst < 0) return { copied, oom: true };
      f.setFlag(dst, PG.locked);
      f.setValue(dst, f.value[src] ?? 0);
      mig.dst[i] = dst;
      mig.dflags[i] = (mig.sflags[i] ?? 0) & MPFN.write;
      copied++;
      after(mig, i, src);
    }
  return { copied, oom: false };
}
