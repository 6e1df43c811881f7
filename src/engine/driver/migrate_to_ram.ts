/**
 * The CPU touched a device-private page: do_swap_page finds a device-private entry and calls
 * the page's pgmap->ops->migrate_to_ram (dmirror_devmem_fault; seeds: the hmm_devmem fault
 * callback). The driver migrates that one page back with migrate_vma, selecting only its own
 * device-private pages, and erases its mirror entry. Each faulting page is its own
 * migrate_vma; a batch of them is shown phase by phase.
 */
import { pages, type Kernel } from '../kernel';
import { err } from '../errno';
import { PG } from '../mem/frames';
import { clearMirror } from '../mm/notifier';
import { FreeTally, getPage, putPage } from '../mm/pageref';
import { copyToNewSystemPages } from '../migrate/system_dst';
import { findVma } from '../mm/vma';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { narrateFrees } from '../migrate/frees';
import { Migration } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { drvName } from './names';

/** dmirror_devmem_fault_alloc_and_copy: system pages for the device pages, data copied back. */
export function* faultAllocAndCopy(
  k: Kernel,
  migs: readonly Migration[],
  who: string,
): Gen<number> {
  let erased = 0;
  const { copied, oom } = copyToNewSystemPages(
    k,
    migs,
    // Only this driver's own device pages (the seeds' kernel collects every device page).
    (mig, _i, src) => k.m.isDevicePage(src) && (!mig.owner || k.m.deviceOf(src) === mig.owner),
    (mig, i, src) => {
      if (k.seeds || !mig.proc) return;
      // xa_erase(&dmirror->pt, addr): the mirror that owns the page forgets it.
      const owner = k.m.mirrors[k.m.zdd.get(src) ?? -1];
      if (owner) erased += clearMirror(k, owner, mig.start + i, mig.start + i + 1);
    },
  );
  yield k.step(
    drvName(k, 'faultCopy'),
    `${who}: allocate ${pages(copied)} of system RAM (alloc_page_vma) and copy the data back from device memory` +
      (erased
        ? `; xa_erase drops ${erased} mirror entr${erased === 1 ? 'y' : 'ies'} of the owning mirror`
        : '') +
      (oom ? '; system RAM exhausted: VM_FAULT_OOM' : ''),
    'copy',
    {
      pages: copied,
      marks: oom ? MARK.error : 0,
      source: k.seeds ? 'seed zone-device-refcount-thread' : 'lib/test_hmm.c',
    },
  );
  return oom ? err('ENOMEM') : 0;
}

/** Fault `vpns` (all device-private entries of `p`) back to system memory. */
export function* migrateToRam(k: Kernel, p: Proc, vpns: number[], who: string): Gen<number> {
  const f = k.m.frames;
  const migs: Migration[] = [];
  const faultPages: number[] = [];
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    const pfn = p.pt.pfn(vpn);
    const dev = k.m.deviceOf(pfn);
    if (!vma || !dev) continue;
    const sel = { system: false, devicePrivate: true, deviceCoherent: false };
    migs.push(new Migration(p, vma, vpn, vpn + 1, sel, dev, k.seeds ? -1 : pfn));
    faultPages.push(pfn);
  }
  // do_swap_page: trylock the page and take a reference while we know it can't be freed.
  if (!k.seeds) {
    for (const pfn of faultPages) {
      f.setFlag(pfn, PG.locked);
      getPage(k, pfn);
    }
  }
  const devNames = [...new Set(faultPages.map((pfn) => k.m.deviceOf(pfn)?.name ?? '?'))].join(', ');
  yield k.step(
    drvName(k, 'fault'),
    `${who}: ${pages(vpns.length)} ${vpns.length === 1 ? 'has a device-private entry' : 'have device-private entries'} (${devNames}): the CPU cannot address device memory, so the owning driver migrates ${vpns.length === 1 ? 'it' : 'each'} back` +
      (k.seeds ? '' : ' (lock_page + get_page first)'),
    'fault',
    {
      pages: vpns.length,
      marks: MARK.fault,
      source: k.seeds
        ? 'mm/memory.c, seed zone-device-refcount-thread'
        : 'mm/memory.c, lib/test_hmm.c',
    },
  );
  yield* collect(k, migs);
  yield* unmapAndCheck(k, migs);
  const r = yield* faultAllocAndCopy(k, migs, who);
  yield* migrateVmaPages(k, migs);
  yield* migrateVmaFinalize(k, migs);
  if (!k.seeds) {
    const tally = new FreeTally();
    for (const pfn of faultPages) {
      f.clearFlag(pfn, PG.locked);
      putPage(k, pfn, tally);
    }
    yield k.step(
      'do_swap_page',
      `unlock_page + put_page of the faulting device page${faultPages.length === 1 ? '' : 's'}: the last reference goes` +
        (tally.dev ? `` : ' (still referenced elsewhere)'),
      'free',
      { pages: faultPages.length, marks: tally.dev ? MARK.free : 0, source: 'mm/memory.c' },
    );
    yield* narrateFrees(k, tally);
  }
  return r;
}
