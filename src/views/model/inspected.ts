/**
 * What `struct page` shows (src/timeline/selection.ts says why): the frame the user clicked,
 * else the frame the inspected page of the selection maps at this step, with a way to step
 * through the selection's pages; or, when that page maps no frame here, why not, in words.
 */
import { PTE } from '../../engine/mm/pte';
import type { Snapshot } from '../../engine/snapshot';
import {
  inspectedPage,
  pageFrame,
  type PageRef,
  type RangeSelection,
} from '../../timeline/selection';
import { entryAt, procByName } from './lookup';

/** The page `struct page` follows, among the selection's pages. */
export interface PageChoice {
  page: PageRef;
  /** `app buf[2]` */
  label: string;
  /** Its place among the selection's pages (1-based), and how many there are. */
  n: number;
  of: number;
  /** The pages before and after it in the selection (null at either end). */
  prev: PageRef | null;
  next: PageRef | null;
}

export type Inspected =
  | { kind: 'nothing' }
  /** `pinned`: a frame the user clicked (the page choice, if any, follows a page again). */
  | { kind: 'frame'; pfn: number; pinned: boolean; choice: PageChoice | null }
  | { kind: 'no-frame'; choice: PageChoice; why: string };

export function pageLabel(p: PageRef): string {
  return `${p.proc} ${p.buf}[${p.index}]`;
}

function choiceOf(sel: RangeSelection, page: PageRef): PageChoice {
  const at = (index: number): PageRef | null =>
    index >= sel.first && index < sel.first + sel.count ? { ...page, index } : null;
  return {
    page,
    label: pageLabel(page),
    n: page.index - sel.first + 1,
    of: sel.count,
    prev: at(page.index - 1),
    next: at(page.index + 1),
  };
}

/** Why `page` maps no frame in `s` (pageFrame said so). */
function noFrame(s: Snapshot, page: PageRef): string {
  const label = pageLabel(page);
  const p = procByName(s, page.proc);
  if (!p) return `${page.proc} does not exist at this step.`;
  const b = p.buffers.find((x) => x.name === page.buf);
  if (!b) return `${page.proc} has not mapped ${page.buf} yet at this step.`;
  const e = entryAt(p.pte, b.start + page.index);
  if (e?.kind === PTE.swap)
    return `${label} is swapped out (swap slot ${e.pfn}): no frame holds it.`;
  return `${label} maps no frame at this step: no page-table entry (not touched yet, or unmapped).`;
}

export function inspected(
  s: Snapshot,
  sel: RangeSelection | null,
  inspecting: PageRef | null,
  watched: number | null,
): Inspected {
  const page = inspectedPage(sel, inspecting);
  const choice = sel && page ? choiceOf(sel, page) : null;
  if (watched !== null) return { kind: 'frame', pfn: watched, pinned: true, choice };
  if (!page || !choice) return { kind: 'nothing' };
  const pfn = pageFrame(s, page);
  return pfn === null
    ? { kind: 'no-frame', choice, why: noFrame(s, page) }
    : { kind: 'frame', pfn, pinned: false, choice };
}
