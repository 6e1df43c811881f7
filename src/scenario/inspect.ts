/**
 * Read-only questions about a machine, in the scenario's vocabulary: what kind of entry maps
 * a page, what value the CPU would read there (without faulting anything in), which frame a
 * `ram:3` or `gpu0:5` reference means. Expectations and the CLI's state dump use these.
 */
import type { Machine, Proc } from '../engine/state';
import { MTAG } from '../engine/state';
import { PTE, PTEB, PTE_KIND_NAMES } from '../engine/mm/pte';
import { findVma } from '../engine/mm/vma';
import type { FrameRef } from './ast';
import type { PteKindName } from './values';

export function pteKindName(m: Machine, p: Proc, vpn: number): PteKindName {
  const kind = p.pt.kind(vpn);
  if (kind === PTE.present && p.pt.pfn(vpn) === m.zeroPfn) return 'zero';
  return PTE_KIND_NAMES[kind] ?? 'none';
}

/** The frame an entry points at (present, device-private, device-exclusive, migration), or -1. */
export function mappedPfn(p: Proc, vpn: number): number {
  const kind = p.pt.kind(vpn);
  return kind === PTE.present ||
    kind === PTE.devicePrivate ||
    kind === PTE.deviceExclusive ||
    kind === PTE.migration
    ? p.pt.pfn(vpn)
    : -1;
}

/**
 * What a CPU load at `vpn` would return, computed without touching anything: the mapped
 * frame's data, the swap slot's, the file's, or 0 for never-touched anonymous memory.
 * `null` when the load would fault with a signal (no VMA, no read permission, poison).
 */
export function cpuValue(m: Machine, p: Proc, vpn: number): number | null {
  const vma = findVma(p.vmas, vpn);
  if (!vma || !vma.read) return null;
  const kind = p.pt.kind(vpn);
  if (kind === PTE.hwpoison) return null;
  if (kind === PTE.swap) return m.swap.a(p.pt.pfn(vpn));
  const pfn = mappedPfn(p, vpn);
  if (pfn >= 0) return pfn === m.zeroPfn ? 0 : (m.frames.value[pfn] ?? 0);
  if (vma.fileId < 0) return 0;
  const file = m.files[vma.fileId];
  if (!file) return 0;
  const index = vma.pgoff + (vpn - vma.start);
  if (vma.dax >= 0) {
    const dev = m.devices[vma.dax];
    return dev && index < dev.pages ? (m.frames.value[dev.start + index] ?? 0) : null;
  }
  if (file.cache.kind(index)) return m.frames.value[file.cache.a(index)] ?? 0;
  return file.disk.kind(index) ? file.disk.a(index) : 0;
}

/** A pte flag as the scenario names it. */
export function pteHas(
  p: Proc,
  vpn: number,
  flag: 'write' | 'dirty' | 'young' | 'devmap' | 'special',
): boolean {
  return p.pt.has(vpn, PTEB[flag]);
}

/** `ram:3` -> the 4th RAM frame; `gpu0:5` -> gpu0's 6th page. -1 when out of range. */
export function framePfn(m: Machine, ref: FrameRef): number {
  if (ref.mem === 'ram') return ref.index < m.ramPages ? m.ramStart + ref.index : -1;
  const dev = m.deviceByName(ref.mem);
  return dev && ref.index < dev.pages ? dev.start + ref.index : -1;
}

/** Where a frame lives: `ram` or the device's name. */
export function frameHome(m: Machine, pfn: number): string {
  return m.deviceOf(pfn)?.name ?? 'ram';
}

export function mirrorEntryName(tag: number): 'none' | 'read' | 'write' | 'atomic' {
  return tag === MTAG.write
    ? 'write'
    : tag === MTAG.read
      ? 'read'
      : tag === MTAG.atomic
        ? 'atomic'
        : 'none';
}
