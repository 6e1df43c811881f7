/** munmap, mprotect and madvise: system calls that change a range of VMAs and their entries. */
import type { Prot } from '../commands/terms';
import { pages, vaddr, type Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { protText } from './mmap';
import { invalidateRange } from './notifier';
import { PTE, PTEB } from './pte';
import { splitAt } from './vma';
import { zapRange } from './zap';

export function* doMunmap(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  yield* zapRange(k, p, start, end, 'unmap', `${p.name}: munmap`);
  splitAt(p.vmas, start);
  splitAt(p.vmas, end);
  const before = p.vmas.length;
  p.vmas = p.vmas.filter((v) => v.end <= start || v.start >= end);
  k.m.log.vma(p.pid);
  yield k.step(
    'do_vmi_munmap',
    `${before - p.vmas.length} VMA${before - p.vmas.length === 1 ? '' : 's'} removed over ${pages(end - start)} at ${vaddr(start)} (split first where the range cuts a VMA)`,
    'syscall',
    { source: 'mm/mmap.c' },
  );
  return 0;
}

export function* doMprotect(
  k: Kernel,
  p: Proc,
  start: number,
  end: number,
  prot: Prot,
): Gen<number> {
  splitAt(p.vmas, start);
  splitAt(p.vmas, end);
  const read = prot !== 'none';
  const write = prot === 'rw';
  for (const v of p.vmas) {
    if (v.end <= start || v.start >= end) continue;
    v.read = read;
    v.write = write;
  }
  k.m.log.vma(p.pid);
  yield* invalidateRange(
    k,
    p,
    start,
    end,
    'protection',
    null,
    `${p.name}: mprotect(${protText(prot)})`,
  );
  const f = k.m.frames;
  let changed = 0;
  let madeWritable = 0;
  for (const vpn of p.pt.populated(start, end)) {
    const kind = p.pt.kind(vpn);
    const bits = p.pt.bits(vpn);
    let nb = bits;
    if (kind === PTE.present) {
      if (!read) nb = (nb | PTEB.protnone) & ~PTEB.write;
      else nb &= ~PTEB.protnone;
      if (!write) nb &= ~PTEB.write;
      else if (!(nb & PTEB.write) && !(bits & PTEB.special)) {
        // Modern: can_change_pte_writable() for an exclusive anonymous page (or a dirty shared
        // one) saves the write fault; the seeds' kernel only did it for dirty shared pages.
        const pfn = p.pt.pfn(vpn);
        const vma = p.vmas.find((v) => v.start <= vpn && vpn < v.end);
        const ok = vma?.shared
          ? (bits & PTEB.dirty) !== 0
          : !k.seeds && f.has(pfn, PG.anonExclusive);
        if (ok) {
          nb |= PTEB.write;
          madeWritable++;
        }
      }
    } else if (
      kind === PTE.devicePrivate ||
      kind === PTE.deviceExclusive ||
      kind === PTE.migration
    ) {
      if (!write) nb &= ~PTEB.write;
    }
    if (nb !== bits) {
      p.pt.setBits(vpn, nb);
      changed++;
    }
  }
  yield k.step(
    'mprotect_fixup -> change_protection',
    `${pages(end - start)} at ${vaddr(start)} now ${protText(prot)}: ${changed} entr${changed === 1 ? 'y' : 'ies'} changed` +
      (!write
        ? ' (write permission removed, including on device-private and device-exclusive entries)'
        : '') +
      (madeWritable
        ? `; ${madeWritable} exclusive anonymous made writable at once (can_change_pte_writable)`
        : ''),
    'syscall',
    { pages: Math.max(1, changed), source: 'mm/mprotect.c' },
  );
  if (changed)
    yield k.step('flush_tlb_range', `flush the TLB for the ${pages(changed)} changed`, 'tlb', {
      source: 'mm/mprotect.c',
    });
  return 0;
}

export function* doMadviseDontneed(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  yield* zapRange(k, p, start, end, 'clear', `${p.name}: madvise(MADV_DONTNEED)`);
  return 0;
}
