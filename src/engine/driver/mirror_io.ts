/**
 * The test driver's view of its mirror: dmirror_do_read / dmirror_do_write walk the mirror
 * page table from the start of the range and stop at the first page that is missing (or, for
 * a write, not writable), returning -ENOENT; the caller then faults the rest in through HMM.
 */
import type { Kernel } from '../kernel';
import { MTAG, type Mirror } from '../state';

/** How many pages from `start` the mirror can read (or write) without faulting. */
export function mirrorReach(mirror: Mirror, start: number, end: number, write: boolean): number {
  for (let vpn = start; vpn < end; vpn++) {
    const tag = mirror.pt.kind(vpn);
    if (tag === 0) return vpn - start;
    if (write && tag !== MTAG.write) return vpn - start;
  }
  return end - start;
}

/** The value the device sees at a mirror entry (the page it points at). */
export function mirrorValue(k: Kernel, mirror: Mirror, vpn: number): number {
  const pfn = mirror.pt.a(vpn);
  return pfn === k.m.zeroPfn ? 0 : (k.m.frames.value[pfn] ?? 0);
}

/** Copy [start, start+n) from the pages into the device buffer (dmirror_do_read's memcpy). */
export function readIntoDevbuf(k: Kernel, mirror: Mirror, start: number, n: number): void {
  for (let vpn = start; vpn < start + n; vpn++)
    mirror.devbuf.set(vpn, 1, mirrorValue(k, mirror, vpn), 0);
}

/** The device buffer's value for a page (0 where nothing was written or read). */
export function devbufValue(mirror: Mirror, vpn: number): number {
  return mirror.devbuf.kind(vpn) !== 0 ? mirror.devbuf.a(vpn) : 0;
}
