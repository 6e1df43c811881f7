/**
 * Where everything of the address-space view sits, in CSS pixels from the top of its scrolling
 * content: a header per process, then per buffer a header line, an overview strip when the
 * buffer is large, and its page cells as rows of a fixed pitch. Pure and cheap (a few numbers per
 * buffer), so the view can render only the items and rows inside the viewport, whatever the
 * number of processes, buffers and pages.
 */

/** Sizes in CSS px: the lab's at scale 1 (rem 16); the presenter's larger (metricsAt). */
export interface Metrics {
  /** A page cell's side and the distance from one cell to the next. */
  cell: number;
  pitch: number;
  /** Heights of the fixed items (lines of text: they follow the text's scale). */
  procH: number;
  emptyH: number;
  bufH: number;
  stripH: number;
  /** Space after a process's last item. */
  procGap: number;
}

/** The lab's sizes. */
export const METRICS: Metrics = {
  cell: 18,
  pitch: 20,
  procH: 18,
  emptyH: 16,
  bufH: 18,
  stripH: 30,
  procGap: 8,
};

/**
 * Sizes with text at `text` times the lab's and cells at `cell` times (the presenter grows cells
 * beyond the text's scale to fill its panel: fitMetrics).
 */
export function metricsAt(text: number, cell = text): Metrics {
  const side = Math.round(METRICS.cell * cell);
  return {
    cell: side,
    pitch: side + Math.max(2, Math.round((METRICS.pitch - METRICS.cell) * cell)),
    procH: Math.ceil(METRICS.procH * text),
    emptyH: Math.ceil(METRICS.emptyH * text),
    bufH: Math.ceil(METRICS.bufH * text),
    stripH: Math.ceil(METRICS.stripH * text),
    procGap: Math.ceil(METRICS.procGap * text),
  };
}

/**
 * The largest cells (from `text` times the lab's up to `max` times, in steps of a tenth) with
 * which every page of `procs` fits in `width` x `height`; the smallest when none does. A few
 * layouts of a few items each: cheap whatever the number of pages.
 */
export function fitMetrics(
  procs: readonly LayoutProc[],
  width: number,
  height: number,
  text: number,
  max: number,
): Metrics {
  for (let c = Math.max(text, max); c > text; c = Math.round((c - 0.1) * 10) / 10) {
    const m = metricsAt(text, c);
    if (addressLayout(procs, width, m).height <= height) return m;
  }
  return metricsAt(text);
}

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
  /** The sizes it was laid out with. */
  m: Metrics;
  /** In order of `top`. */
  items: Item[];
  /** The whole content's height. */
  height: number;
}

/** Cells per row in `width` pixels (at least one). */
export function columnsFor(width: number, m: Metrics = METRICS): number {
  return Math.max(1, Math.floor((width + m.pitch - m.cell) / m.pitch));
}

export function addressLayout(
  procs: readonly LayoutProc[],
  width: number,
  m: Metrics = METRICS,
): AddressLayout {
  const cols = columnsFor(width, m);
  const items: Item[] = [];
  let y = 0;
  const add = (item: Item): void => {
    items.push(item);
    y += item.height;
  };
  procs.forEach((p, proc) => {
    add({ kind: 'proc', top: y, height: m.procH, proc });
    if (p.buffers.length === 0 && p.alive) add({ kind: 'empty', top: y, height: m.emptyH, proc });
    p.buffers.forEach((b, buf) => {
      add({ kind: 'buf', top: y, height: m.bufH, proc, buf });
      if (b.pages > STRIP_OVER) add({ kind: 'strip', top: y, height: m.stripH, proc, buf });
      const rows = Math.ceil(b.pages / cols);
      add({ kind: 'cells', top: y, height: rows * m.pitch, proc, buf, rows });
    });
    y += m.procGap;
  });
  return { cols, m, items, height: Math.max(0, y - m.procGap) };
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
  pitch = METRICS.pitch,
): [number, number] {
  const first = Math.max(0, Math.floor((top - item.top) / pitch));
  const end = Math.min(item.rows, Math.ceil((bottom - item.top) / pitch));
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
