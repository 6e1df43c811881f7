/**
 * The non-present entries the CPU can fault on, besides device-private ones (driver/):
 * do_swap_page for a real swap entry (read the page back), remove_device_exclusive_entry for
 * a device-exclusive one (give the page back to the CPU and revoke the device's atomic
 * access), and do_numa_page for a NUMA-hinting protnone PTE.
 */
import { pages, type Kernel } from '../kernel';
import { err } from '../errno';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { freeSwapSlot } from './mapping';
import { invalidateRange } from './notifier';

import { PTE, PTEB } from './pte';
import { mapNewAnonPage } from './anon';
import { findVma } from './vma';

export function* doSwapPage(
  k: Kernel,
  p: Proc,
  vpns: number[],
  write: boolean,
  who: string,
): Gen<number> {
  let done = 0;
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    if (!vma) continue;
    const off = p.pt.pfn(vpn);
    // The only user of the slot: the page is exclusive, writable if the VMA is.
    const bits = PTEB.young | (vma.write ? PTEB.write : 0) | (write ? PTEB.dirty : 0);
    if (mapNewAnonPage(k, p, vma, vpn, k.m.swap.a(off), bits, write) < 0) break;
    freeSwapSlot(k, off);
    done++;
  }
  const oom = done < vpns.length;
  yield k.step(
    'handle_mm_fault -> do_swap_page',
    `${who}: ${pages(vpns.length)} swapped out: read back from swap into new pages (${k.name('swap_read_folio', 'swap_readpage')}), slots freed, PTE present again` +
      (oom ? '; system RAM exhausted: VM_FAULT_OOM' : ''),
    'fault',
    {
      pages: vpns.length,
      marks: MARK.fault | (oom ? MARK.error : 0),
      source: 'mm/memory.c, mm/swapfile.c',
    },
  );
  return oom ? err('ENOMEM') : 0;
}

export function* doNumaPage(k: Kernel, p: Proc, vpns: number[], who: string): Gen<number> {
  for (const vpn of vpns) p.pt.setBits(vpn, (p.pt.bits(vpn) & ~PTEB.protnone) | PTEB.young);
  yield k.step(
    'handle_mm_fault -> do_numa_page',
    `${who}: NUMA hinting fault on ${pages(vpns.length)}: the task already runs on the page's node, so no migration; the PTE is made accessible again`,
    'fault',
    { pages: vpns.length, marks: MARK.fault, source: 'mm/memory.c' },
  );
  return 0;
}

/** do_swap_page -> remove_device_exclusive_entry: the CPU takes the page back. */
export function* restoreExclusive(k: Kernel, p: Proc, vpns: number[], who: string): Gen<number> {
  const lo = vpns[0] ?? 0;
  const hi = (vpns[vpns.length - 1] ?? 0) + 1;
  yield* invalidateRange(k, p, lo, hi, 'exclusive', null, 'remove_device_exclusive_entry');
  for (const vpn of vpns) {
    const pfn = p.pt.pfn(vpn);
    const w = p.pt.has(vpn, PTEB.write);
    const vma = findVma(p.vmas, vpn);
    // restore_exclusive_pte(): the original PTE, old, writable and dirty if the entry was.
    p.pt.set(vpn, PTE.present, pfn, w && vma?.write ? PTEB.write | PTEB.dirty : 0);
    if (w) k.m.frames.setFlag(pfn, PG.dirty);
  }
  yield k.step(
    'handle_mm_fault -> do_swap_page -> remove_device_exclusive_entry',
    `${who}: ${pages(vpns.length)} held exclusively by a device: restore_exclusive_pte puts the original PTE back; the device's atomic access is revoked (its mirror entry was invalidated)`,
    'fault',
    { pages: vpns.length, marks: MARK.fault, source: 'mm/memory.c, mm/rmap.c' },
  );
  return 0;
}
