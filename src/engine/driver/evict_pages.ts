/**
 * migrate_device_coherent_folio(): move particular device-coherent pages to system memory
 * without the driver (a long-term pin must not hold device memory). One single-page
 * migration per page, collected, copied and finalized like any migrate_vma.
 */
import type { Kernel } from '../kernel';
import { findVma } from '../mm/vma';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { Migration } from '../migrate/types';
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
  const migs: Migration[] = [];
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    const dev = k.m.deviceOf(p.pt.pfn(vpn));
    if (!vma || !dev) continue;
    migs.push(
      new Migration(
        p,
        vma,
        vpn,
        vpn + 1,
        {
          system: false,
          devicePrivate: dev.type === 'private',
          deviceCoherent: dev.type === 'coherent',
        },
        dev,
        -1,
      ),
    );
  }
  if (migs.length === 0) return 0;
  yield* collect(k, migs);
  yield* unmapAndCheck(k, migs);
  const r = yield* faultAllocAndCopy(k, migs, why);
  yield* migrateVmaPages(k, migs);
  yield* migrateVmaFinalize(k, migs);
  return r;
}
