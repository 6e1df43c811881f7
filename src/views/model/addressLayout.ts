/**
 * Where everything of the address-space view sits, in CSS pixels from the top of its scrolling
 * content: a header per process, then per buffer a header line, an overview strip when the
 * buffer is large, and its page cells as rows of a fixed pitch. Pure and cheap (a few numbers per
 * buffer), so the view can render only the items and rows inside the viewport, whatever the
 * number of processes, buffers and pages.
 */

/** A page cell's side and the distance from one cell to the next. */
export const CELL = 18;
export const PITCH = 20;
/** Heights of the fixed items. */
export const PROC_H = 18;
export const EMPTY_H = 16;
export const BUF_H = 18;
export const STRIP_H = 30;
/** Space after a process's last item. */
export const PROC_GAP = 8;
/** Buffers larger than this get an overview strip (and a summary) above their cells. */
export const STRIP_OVER = 512;

export interface LayoutProc {
  alive: boolean;
  buffers: readonly { pages: number }[];
}

export type Item =
  | { kind: 'proc'; top: number; height: number; proc: number }
  | { kind: 'empty'; top: number; height: number; proc: number }
  | { kind: 'buf'; top: number; height: number; proc: number; buf: number }
  | { kind: 'strip'; top: number; height: number; proc: number; buf: number }
  | { kind: 'cells'; top: number; height: number; proc: number; buf: number; rows: number };

export interface AddressLayout {
  /** Cells per row. */
  cols: number;
  /** In order of `top`. */
  items: Item[];
  /** The whole content's height. */
  height: number;
}

/** Cells per row in `width` pixels (at least one). */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + PITCH - CELL) / PITCH));
}

export function addressLayout(procs: readonly LayoutProc[], width: number): AddressLayout {
  const cols = columnsFor(width);
  const items: Item[] = [];
  let y = 0;
  const add = (item: Item): void => {
    items.push(item);
    y += item.height;
  };
  procs.forEach((p, proc) => {
    add({ kind: 'proc', top: y, height: PROC_H, proc });
    if (p.buffers.length === 0 && p.alive) add({ kind: 'empty', top: y, height: EMPTY_H, proc });
    p.buffers.forEach((b, buf) => {
      add({ kind: 'buf', top: y, height: BUF_H, proc, buf });
      if (b.pages > STRIP_OVER) add({ kind: 'strip', top: y, height: STRIP_H, proc, buf });
      const rows = Math.ceil(b.pages / cols);
      add({ kind: 'cells', top: y, height: rows * PITCH, proc, buf, rows });
    });
    y += PROC_GAP;
  });
  return { cols, items, height: Math.max(0, y - PROC_GAP) };
}

/** The items that overlap [top, bottom). Binary search: the list may be long. */
export function itemsIn(l: AddressLayout, top: number, bottom: number): Item[] {
  const xs = l.items;
  let lo = 0;
  let hi = xs.length;
  // The first item ending after `top`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const it = xs[mid];
    if (it && it.top + it.height <= top) lo = mid + 1;
    else hi = mid;
  }
  const out: Item[] = [];
  for (let i = lo; i < xs.length; i++) {
    const it = xs[i];
    if (!it || it.top >= bottom) break;
    out.push(it);
  }
  return out;
}

/** The rows [first, end) of a cells item that overlap [top, bottom). */
export function rowsIn(
  item: { top: number; rows: number },
  top: number,
  bottom: number,
): [number, number] {
  const first = Math.max(0, Math.floor((top - item.top) / PITCH));
  const end = Math.min(item.rows, Math.ceil((bottom - item.top) / PITCH));
  return [first, Math.max(first, end)];
}

/** The cells item of buffer `buf` of process `proc`. */
export function cellsItem(
  l: AddressLayout,
  proc: number,
  buf: number,
): Extract<Item, { kind: 'cells' }> | null {
  for (const it of l.items)
    if (it.kind === 'cells' && it.proc === proc && it.buf === buf) return it;
  return null;
}
