/**
 * MIGRATE_TO_SYS (dmirror_migrate_to_system): bring this device's pages in a range back to
 * system memory with migrate_vma, selecting the device's own private (or coherent) pages.
 * Coherent memory never faults the CPU, so this is how its pages come home.
 */
import type { Kernel } from '../kernel';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { Migration } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';
import type { Device, Mirror, Proc } from '../state';
import type { Gen } from '../trace/step';
import { faultAllocAndCopy } from './migrate_to_ram';
import { planMigrations, type MigrateOutcome } from './migrate_to_dev';

export function* migrateToSystem(
  k: Kernel,
  _mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
): Gen<MigrateOutcome> {
  const sel = {
    system: false,
    devicePrivate: dev.type === 'private',
    deviceCoherent: dev.type === 'coherent',
  };
  const plan = yield* planMigrations(
    k,
    p,
    start,
    end,
    (vma, s, e) => new Migration(p, vma, s, e, sel, dev, -1),
  );
  const migs = plan.migs;
  if (migs.length === 0) return { ret: plan.ret, migrated: 0 };
  yield* collect(k, migs);
  yield* unmapAndCheck(k, migs);
  const r = yield* faultAllocAndCopy(k, migs, 'MIGRATE_TO_SYS');
  yield* migrateVmaPages(k, migs);
  // dmirror_successful_migrated_pages: src VALID && MIGRATE after migrate_vma_pages.
  let migrated = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++)
      if ((mig.src[i] ?? -1) >= 0 && mig.migrating(i)) migrated++;
  yield* migrateVmaFinalize(k, migs);
  return { ret: plan.ret || r, migrated };
}
