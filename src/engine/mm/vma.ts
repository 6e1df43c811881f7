/** Virtual memory areas: what a process has mapped, with what protection and backing. */

export interface Vma {
  /** First virtual page number. */
  start: number;
  /** One past the last virtual page number. */
  end: number;
  read: boolean;
  write: boolean;
  shared: boolean;
  /** anon: private anonymous or shmem (shared anonymous); file: a named file. */
  backing: 'anon' | 'file';
  /** The file (or the shmem object of a shared anonymous mapping); -1 for private anonymous. */
  fileId: number;
  /** File page offset of `start`. */
  pgoff: number;
  /** anon_vma root: private anonymous pages (and COW copies) of this mapping belong to it. */
  anonRoot: number;
  /**
   * The page->index of the anonymous page at `start`: vm_pgoff for private anonymous memory
   * (its start at mmap, kept when mremap moves it, so a page's index outlives the move). A
   * private file mapping's vm_pgoff is its file offset; for its copy-on-write pages the lab
   * keeps an address here too (their index shows where they were first mapped).
   */
  anonPgoff: number;
  /** The scenario's buffer name, for labels. */
  buf: string;
  /** Registered with KSM (madvise MADV_MERGEABLE, implied by the `ksm` command). */
  mergeable: boolean;
  /** A DAX mapping of a persistent-memory device (its index), or -1. */
  dax: number;
}

/** vma_is_anonymous(): private anonymous memory. Shared anonymous memory is shmem. */
export function vmaIsAnonymous(v: Vma): boolean {
  return v.fileId < 0;
}

/** is_cow_mapping(): private and possibly writable. */
export function isCowMapping(v: Vma): boolean {
  return !v.shared;
}

/** linear_page_index() of an anonymous page: its page->index at `vpn` of `vma`. */
export function anonPageIndex(vma: Vma, vpn: number): number {
  return vma.anonPgoff + (vpn - vma.start);
}

/** vma_address() of an anonymous page: where `vma` maps page index `index`, or -1. */
export function anonAddress(vma: Vma, index: number): number {
  const vpn = vma.start + (index - vma.anonPgoff);
  return vpn >= vma.start && vpn < vma.end ? vpn : -1;
}

export function findVma(vmas: readonly Vma[], vpn: number): Vma | undefined {
  let lo = 0;
  let hi = vmas.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = vmas[mid];
    if (!v) break;
    if (vpn < v.start) hi = mid - 1;
    else if (vpn >= v.end) lo = mid + 1;
    else return v;
  }
  return undefined;
}

/** The pieces of [start, end): each is a VMA's part of the range, or a hole (vma null). */
export function vmaPieces(
  vmas: readonly Vma[],
  start: number,
  end: number,
): { vma: Vma | null; start: number; end: number }[] {
  const out: { vma: Vma | null; start: number; end: number }[] = [];
  let at = start;
  for (const v of vmas) {
    if (v.end <= at) continue;
    if (v.start >= end) break;
    if (v.start > at) out.push({ vma: null, start: at, end: v.start });
    const s = Math.max(at, v.start);
    const e = Math.min(end, v.end);
    out.push({ vma: v, start: s, end: e });
    at = e;
    if (at >= end) break;
  }
  if (at < end) out.push({ vma: null, start: at, end });
  return out;
}

/** Split so that `at` is a VMA boundary (split_vma). */
export function splitAt(vmas: Vma[], at: number): void {
  const i = vmas.findIndex((v) => v.start < at && at < v.end);
  if (i < 0) return;
  const v = vmas[i];
  if (!v) return;
  const tail: Vma = {
    ...v,
    start: at,
    pgoff: v.pgoff + (at - v.start),
    anonPgoff: v.anonPgoff + (at - v.start),
  };
  v.end = at;
  vmas.splice(i + 1, 0, tail);
}

export function cloneVmas(vmas: readonly Vma[]): Vma[] {
  return vmas.map((v) => ({ ...v }));
}
