/**
 * A whole buffer's residences at once, for buffers too large to show page by page: one code per
 * page (a residence and a device, as pageLook would say, computed from the typed arrays in one
 * pass over the page table), how many pages live where, and the overview strip's bins (each
 * bin shows the residence most of its pages have).
 */
import { PTE } from '../../engine/mm/pte';
import type { ProcSnap, Snapshot } from '../../engine/snapshot';
import { RESIDENCE_LEGEND, type Residence } from './residence';

/** Residences by code: the legend's order, then unmapped. */
export const RESIDENCES: readonly Residence[] = [
  ...RESIDENCE_LEGEND.map((l) => l.residence),
  'unmapped',
];
const CODE = new Map(RESIDENCES.map((r, i) => [r, i]));
const code = (r: Residence): number => CODE.get(r) ?? 0;
const NONE = code('none');
const UNMAPPED = code('unmapped');

/** A page's code: residence index in the high bits, device index + 1 in the low four. */
export function packCode(r: Residence, dev: number): number {
  return (code(r) << 4) | ((dev + 1) & 15);
}

export function unpackCode(c: number): { residence: Residence; dev: number } {
  return { residence: RESIDENCES[c >> 4] ?? 'none', dev: (c & 15) - 1 };
}

/** Codes that do not name a device, computed once (this runs per page of a 1 GiB buffer). */
const ZERO = packCode('zero', -1);
const RAM = packCode('ram', -1);
const MIGRATION = packCode('migration', -1);
const EXCLUSIVE = packCode('exclusive', -1);
const HWPOISON = packCode('hwpoison', -1);
const SWAP = packCode('swap', -1);
const PMEM = code('pmem') << 4;
const COHERENT = code('device-coherent') << 4;
const PRIVATE = code('device-private') << 4;
const devBits = (dev: number): number => (dev + 1) & 15;

/** Every page's code, for the `pages` pages from virtual page `start`. */
export function bufferCodes(s: Snapshot, p: ProcSnap, start: number, pages: number): Uint8Array {
  const out = new Uint8Array(pages).fill(UNMAPPED << 4);
  // Mapped pages (by the VMAs) start as not populated.
  for (const v of p.vmas) {
    const a = Math.max(start, v.start);
    const b = Math.min(start + pages, v.end);
    if (a < b) out.fill(NONE << 4, a - start, b - start);
  }
  const e = p.pte;
  const mem = s.frames.mem;
  // The first entry at or after `start` (entryIndex finds exact matches only).
  let lo = 0;
  let hi = e.vpn.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((e.vpn[mid] ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < e.vpn.length; k++) {
    const i = (e.vpn[k] ?? 0) - start;
    if (i >= pages) break;
    if ((out[i] ?? 0) >> 4 === UNMAPPED) continue;
    const pfn = e.pfn[k] ?? 0;
    const m = mem[pfn] ?? 0;
    switch (e.kind[k]) {
      case PTE.present: {
        if (pfn === s.zeroPfn) out[i] = ZERO;
        else if (m === 0) out[i] = RAM;
        else out[i] = (s.devices[m - 1]?.type === 'pmem' ? PMEM : COHERENT) | devBits(m - 1);
        break;
      }
      case PTE.devicePrivate:
        out[i] = PRIVATE | devBits(m - 1);
        break;
      case PTE.migration:
        out[i] = MIGRATION;
        break;
      case PTE.deviceExclusive:
        out[i] = EXCLUSIVE;
        break;
      case PTE.hwpoison:
        out[i] = HWPOISON;
        break;
      case PTE.swap:
        out[i] = SWAP;
        break;
      default:
        break;
    }
  }
  return out;
}

/** How many pages have each code, most first. */
export function codeCounts(codes: Uint8Array): { code: number; pages: number }[] {
  const n = new Uint32Array(256);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] ?? 0;
    n[c] = (n[c] ?? 0) + 1;
  }
  const out: { code: number; pages: number }[] = [];
  n.forEach((pages, c) => {
    if (pages > 0) out.push({ code: c, pages });
  });
  return out.sort((a, b) => b.pages - a.pages || a.code - b.code);
}

/** The code most pages of each of `bins` equal slices have (ties: the lower code). */
export function codeBins(codes: Uint8Array, bins: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, bins));
  const n = codes.length;
  if (n === 0 || bins <= 0) return out;
  const count = new Uint32Array(256);
  const seen: number[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / bins));
    for (let i = from; i < to && i < n; i++) {
      const c = codes[i] ?? 0;
      if (count[c] === 0) seen.push(c);
      count[c] = (count[c] ?? 0) + 1;
    }
    let best = seen[0] ?? 0;
    for (const c of seen) {
      const d = (count[c] ?? 0) - (count[best] ?? 0);
      if (d > 0 || (d === 0 && c < best)) best = c;
    }
    out[b] = best;
    for (const c of seen) count[c] = 0;
    seen.length = 0;
  }
  return out;
}

/** Whether any of `runs` ([start, length, ...]) overlaps [a, b). */
export function runsOverlap(runs: readonly number[] | undefined, a: number, b: number): boolean {
  if (!runs) return false;
  for (let k = 0; k + 1 < runs.length; k += 2) {
    const s = runs[k] ?? 0;
    if (s < b && s + (runs[k + 1] ?? 0) > a) return true;
  }
  return false;
}

const LEGEND = new Map(RESIDENCE_LEGEND.map((l) => [l.residence, l]));

/** "131,072 device-private (P, gpu0), 131,072 system RAM (R)": where a buffer's pages live. */
export function residenceSummary(
  snap: Snapshot,
  counts: readonly { code: number; pages: number }[],
): string {
  return counts
    .map(({ code, pages }) => {
      const { residence, dev } = unpackCode(code);
      const l = LEGEND.get(residence);
      const label = l?.label ?? 'unmapped (munmap)';
      const tag = [l?.letter, dev >= 0 ? (snap.devices[dev]?.name ?? `device ${dev}`) : null]
        .filter((x) => x)
        .join(', ');
      return `${pages.toLocaleString('en-US')} ${label}${tag ? ` (${tag})` : ''}`;
    })
    .join(', ');
}
