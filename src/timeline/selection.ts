/**
 * Which pages the views point at: a range of one buffer of one process, as the user selected
 * it (by dragging in the address space) or as the scenario's focus names it. A link carries
 * it, the store keeps it, the actions act on it.
 *
 * `struct page` shows one frame: the one the user clicked, else the frame that one page of the
 * selection (the inspected page, the first unless the user switched) maps at the step shown.
 * Following the page rather than a frame number is what a lecture wants: the page moves from
 * RAM to the device and back, and its `struct page` goes with it. The worker keeps the history
 * of that frame (its refcount chart); it resolves a page the same way, with `watchedFrame`.
 */
import type { Snapshot } from '../engine/snapshot';
import { PTE } from '../engine/mm/pte';
import { entryIndex } from './entries';

export interface RangeSelection {
  proc: string;
  buf: string;
  /** Page index in the buffer of the first selected page. */
  first: number;
  count: number;
}

/** One page: page `index` of buffer `buf` of process `proc`. */
export interface PageRef {
  proc: string;
  buf: string;
  index: number;
}

/** What the worker keeps a frame history of: a clicked frame (a pfn), a page, or nothing. */
export type WatchTarget = number | PageRef | null;

/** Whether `page` is one of the selection's pages. */
export function inSelection(sel: RangeSelection, page: PageRef): boolean {
  return (
    page.proc === sel.proc &&
    page.buf === sel.buf &&
    page.index >= sel.first &&
    page.index < sel.first + sel.count
  );
}

/** The page `struct page` follows: `inspecting` when it is in the selection, else the first. */
export function inspectedPage(
  sel: RangeSelection | null,
  inspecting: PageRef | null,
): PageRef | null {
  if (!sel) return null;
  if (inspecting && inSelection(sel, inspecting)) return inspecting;
  return { proc: sel.proc, buf: sel.buf, index: sel.first };
}

/**
 * The frame `page` maps in `s`, or null when it maps none: its process or buffer does not
 * exist at this step, it was never touched (no entry), or it is swapped out (the entry holds
 * a swap slot, not a frame). A device-private or migration entry names its frame too.
 */
export function pageFrame(s: Snapshot, page: PageRef): number | null {
  const p = s.procs.find((x) => x.name === page.proc);
  const b = p?.buffers.find((x) => x.name === page.buf);
  if (!p || !b || page.index < 0 || page.index >= b.pages) return null;
  const i = entryIndex(p.pte, b.start + page.index);
  const kind = i < 0 ? PTE.none : (p.pte.kind[i] ?? PTE.none);
  return kind === PTE.none || kind === PTE.swap ? null : (p.pte.pfn[i] ?? null);
}

/** The frame a watch target names in `s`: the pfn itself, or the frame the page maps. */
export function watchedFrame(s: Snapshot, target: WatchTarget): number | null {
  if (target === null || typeof target === 'number') return target;
  return pageFrame(s, target);
}
