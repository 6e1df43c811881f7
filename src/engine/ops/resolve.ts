/** Turning a command's names and ranges into the simulated kernel's objects and page numbers. */
import type { RangeRef } from '../commands/terms';
import type { Machine, Mirror, Proc } from '../state';

export interface PageRange {
  start: number;
  npages: number;
  /** Page index of `start` inside the named buffer (for i-relative values), or 0. */
  base: number;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const PAGE = 4096n;
const U64 = 1n << 64n;

export function resolveProc(m: Machine, name: string): Resolved<Proc> {
  const p = m.procByName(name);
  return p ? { ok: true, value: p } : { ok: false, message: `there is no process named "${name}"` };
}

export function resolveMirror(m: Machine, name: string): Resolved<Mirror> {
  const x = m.mirrorByName(name);
  return x
    ? { ok: true, value: x }
    : { ok: false, message: `there is no mirror named "${name}" (open the device first)` };
}

/**
 * A range in pages. Address ranges are checked the way the dmirror ioctl checks them: an
 * unaligned start, zero pages or a range that wraps around are -EINVAL (reported as `einval`).
 */
export type RangeResolved =
  { ok: true; value: PageRange } | { ok: false; message: string; einval: boolean };

export function resolveRange(p: Proc, r: RangeRef): RangeResolved {
  if (r.kind === 'buf') {
    const b = p.buffers.get(r.buf);
    if (!b)
      return {
        ok: false,
        message: `process ${p.name} has no buffer named "${r.buf}"`,
        einval: false,
      };
    const count = r.count ?? b.pages - r.first;
    if (count <= 0) return { ok: false, message: `an empty range of ${r.buf}`, einval: true };
    return { ok: true, value: { start: b.start + r.first, npages: count, base: r.first } };
  }
  let addr: bigint;
  try {
    addr = BigInt(r.addr);
  } catch {
    return { ok: false, message: `"${r.addr}" is not an address`, einval: false };
  }
  if (addr < 0n || addr >= U64)
    return { ok: false, message: `address ${r.addr} is not a 64-bit address`, einval: true };
  if (addr % PAGE !== 0n)
    return { ok: false, message: `start ${r.addr} is not page aligned`, einval: true };
  if (r.npages <= 0) return { ok: false, message: 'npages is 0', einval: true };
  if (addr + BigInt(r.npages) * PAGE > U64 - 1n)
    return {
      ok: false,
      message: `${r.addr} + ${r.npages} pages wraps around the address space`,
      einval: true,
    };
  return { ok: true, value: { start: Number(addr / PAGE), npages: r.npages, base: 0 } };
}
