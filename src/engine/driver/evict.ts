/**
 * Evicting a device's memory (dmirror_device_evict_chunk, used by RELEASE and when a mirror
 * is closed): migrate_device_range() takes every page in use, try_to_migrate() unmaps it from
 * every process, the driver copies it into fresh system pages, and finalize maps those
 * instead. The device pages come free through the refcount hook.
 */
import { pages, type Kernel } from '../kernel';
import { PG } from '../mem/frames';
import { getPage } from '../mm/pageref';
import { copyToNewSystemPages } from '../migrate/system_dst';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { MPFN, Migration } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';
import type { Device } from '../state';
import type { Gen } from '../trace/step';

export function* evictDevice(k: Kernel, dev: Device, why: string): Gen<number> {
  const f = k.m.frames;
  const mig = new Migration(
    null,
    null,
    dev.start,
    dev.start + dev.pages,
    { system: false, devicePrivate: true, deviceCoherent: true },
    dev,
    -1,
  );
  let n = 0;
  for (let bit = 0; bit < dev.pages; bit++) {
    if (!dev.bitmap.test(bit)) continue;
    const pfn = dev.start + bit;
    if ((f.ref[pfn] ?? 0) <= k.m.deviceIdle) continue; // get_page_unless_zero
    getPage(k, pfn);
    f.setFlag(pfn, PG.locked);
    mig.src[bit] = pfn;
    mig.sflags[bit] = MPFN.migrate;
    mig.cpages++;
    n++;
  }
  yield k.step(
    'migrate_device_range',
    `${why}: ${pages(n)} of ${dev.name} in use are collected for eviction (get_page_unless_zero, lock)`,
    'walk',
    { pages: Math.max(1, n), source: 'mm/migrate_device.c, lib/test_hmm.c' },
  );
  if (n === 0) return 0;
  yield* unmapAndCheck(k, [mig]);
  // alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOFAIL): eviction cannot fail; with RAM full, a page stays.
  const { copied } = copyToNewSystemPages(k, [mig]);
  yield k.step(
    'dmirror_device_evict_chunk',
    `copy ${pages(copied)} from ${dev.name} into new system pages`,
    'copy',
    {
      pages: copied,
      source: 'lib/test_hmm.c',
    },
  );
  yield* migrateVmaPages(k, [mig]);
  yield* migrateVmaFinalize(k, [mig]);
  return copied;
}
