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
import { FreeTally, putPage } from '../mm/pageref';
import { copyToNewSystemPages } from '../migrate/system_dst';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { narrateFrees } from '../migrate/frees';
import { singlePageCallsInRuns, type Migration } from '../migrate/types';
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
  // Only this driver's own device pages (the seeds' kernel collects every device page); the
  // mirror that owns each page forgets it.
  const { copied, oom, erased } = copyToNewSystemPages(k, migs, true);
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

/** do_swap_page's unlock_page + put_page of every faulting device page (modern kernel). */
function unlockAndPut(k: Kernel, migs: readonly Migration[]): FreeTally {
  const f = k.m.frames;
  const tally = new FreeTally();
  for (const mig of migs) {
    const faults = mig.faults;
    if (!faults) continue;
    for (let i = 0; i < faults.length; i++) {
      const pfn = faults[i] ?? 0;
      f.flags[pfn] = (f.flags[pfn] ?? 0) & ~PG.locked;
      putPage(k, pfn, tally);
    }
  }
  return tally;
}

const SELECT_PRIVATE = { system: false, devicePrivate: true, deviceCoherent: false };

/**
 * How many pages fault, and the devices they are on; in the modern kernel do_swap_page
 * trylocks each faulting page and takes a reference while it knows the page can't be freed.
 */
function lockFaultPages(k: Kernel, migs: readonly Migration[]): { count: number; devs: number[] } {
  const f = k.m.frames;
  const lock = !k.seeds;
  let count = 0;
  const devs: number[] = [];
  for (const mig of migs) {
    count += mig.npages;
    if (mig.owner && !devs.includes(mig.owner.index)) devs.push(mig.owner.index);
    const faults = mig.faults;
    if (!lock || !faults) continue;
    for (let i = 0; i < faults.length; i++) {
      const pfn = faults[i] ?? 0;
      f.flags[pfn] = (f.flags[pfn] ?? 0) | PG.locked;
      f.ref[pfn] = (f.ref[pfn] ?? 0) + 1;
      k.m.log.frame(pfn);
    }
  }
  return { count, devs };
}

/**
 * Fault `n` pages (all device-private entries of `p`, as runs: start, length, ...) back to
 * system memory.
 */
export function* migrateToRam(
  k: Kernel,
  p: Proc,
  runs: readonly number[],
  n: number,
  who: string,
): Gen<number> {
  // One migrate_vma per faulting page (dmirror_devmem_fault migrates the page that faulted).
  const migs = singlePageCallsInRuns(k, p, runs, SELECT_PRIVATE, !k.seeds);
  const { count, devs } = lockFaultPages(k, migs);
  const devNames = devs.map((d) => k.m.devices[d]?.name ?? '?').join(', ');
  yield k.step(
    drvName(k, 'fault'),
    `${who}: ${pages(n)} ${n === 1 ? 'has a device-private entry' : 'have device-private entries'} (${devNames}): the CPU cannot address device memory, so the owning driver migrates ${n === 1 ? 'it' : 'each'} back` +
      (k.seeds ? '' : ' (lock_page + get_page first)'),
    'fault',
    {
      pages: n,
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
    const tally = unlockAndPut(k, migs);
    yield k.step(
      'do_swap_page',
      `unlock_page + put_page of the faulting device page${count === 1 ? '' : 's'}: the last reference goes` +
        (tally.dev ? `` : ' (still referenced elsewhere)'),
      'free',
      { pages: count, marks: tally.dev ? MARK.free : 0, source: 'mm/memory.c' },
    );
    yield* narrateFrees(k, tally);
  }
  return r;
}
