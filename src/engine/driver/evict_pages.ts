/**
 * migrate_device_coherent_folio(): move particular device-coherent pages to system memory
 * without the driver (a long-term pin must not hold device memory). One single-page
 * migration per page (batched over runs of pages), collected, copied and finalized like any
 * migrate_vma.
 */
import type { Kernel } from '../kernel';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { singlePageCalls } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { faultAllocAndCopy } from './migrate_to_ram';

export function* migrateToSystemPages(
  k: Kernel,
  p: Proc,
  vpns: readonly number[],
  why: string,
): Gen<number> {
  const migs = singlePageCalls(
    k,
    p,
    vpns,
    (dev) => ({
      system: false,
      devicePrivate: dev.type === 'private',
      deviceCoherent: dev.type === 'coherent',
    }),
    false,
  );
  if (migs.length === 0) return 0;
  yield* collect(k, migs);
  yield* unmapAndCheck(k, migs);
  const r = yield* faultAllocAndCopy(k, migs, why);
  yield* migrateVmaPages(k, migs);
  yield* migrateVmaFinalize(k, migs);
  return r;
}
