/**
 * Paints one memory's frames as a grid of cells on a canvas: fill by state, a pattern or mark
 * for locked, pinned, poisoned and unplugged frames (never colour alone: free is an empty
 * outline, allocated a plain fill, locked striped, pinned dotted, poisoned crossed, unplugged
 * dashed), a dashed outline on whatever the current micro-step changed, a solid one on the
 * inspected frame, a ring on the keyboard cursor, and a wider ring on the frame of whatever is
 * hovered or focused in another view (views/relations). A pure function of its inputs; the
 * chrome colours come from the theme (theme/colors.ts), marks on fills are black or white,
 * whichever reads on that fill.
 *
 * A memory too large for the grid's height at 2 px a frame is aggregated: each cell stands for
 * `per` consecutive frames and shows the most telling of their states (poisoned, locked,
 * pinned, allocated, then free), its fill as strong as the share of those frames in use. Cells
 * of 3 px and less are written as pixels (one ImageData, scaled up), not drawn one by one.
 */
import {
  ALLOCATED,
  FREE,
  LOCKED,
  OFFLINE,
  PINNED,
  POISONED,
  type MemoryModel,
} from '../model/frameCells';
import { RAM_COLOR, deviceColor, inkOn } from '../model/palette';
import { frameCell } from '../model/relations';
import { parseColor } from '../theme/color';
import { THEME_COLORS, type ThemeColors } from '../theme/colors';

export interface GridLayout {
  cols: number;
  cell: number;
  gap: number;
  /** Space around the cells, so the keyboard cursor's ring shows at the edges too. */
  pad: number;
  /** Frames per cell (1 unless the memory is aggregated). */
  per: number;
  /** Cells drawn: ceil(frames / per). */
  cells: number;
}

/** The margin around every grid. */
export const GRID_PAD = 2;
/** The tallest a grid gets before its cells shrink (down to 2 px), then aggregate frames. */
export const GRID_MAX_HEIGHT = 220;

/** A grid's caption line and the gap after it, in the lab's px. */
const GRID_CHROME = 26;

/**
 * The tallest each of `n` grids may be so that all of them fit the panel's `room` (px; 0 before
 * it is measured): every memory in view without scrolling, RAM and each device, down to a floor
 * below which the panel scrolls instead. Never taller than GRID_MAX_HEIGHT at the scale.
 */
export function gridHeightBudget(room: number, n: number, scale: number): number {
  const most = GRID_MAX_HEIGHT * scale;
  if (room <= 0 || n === 0) return most;
  return Math.max(16 * scale, Math.min(most, Math.floor(room / n - GRID_CHROME * scale)));
}

export interface GridPaintOptions {
  /** The theme's colours (default: the dark theme's). */
  colors?: ThemeColors;
  /** The cell index of the keyboard cursor, or -1 for none. */
  cursor?: number;
  /** The related frame (views/relations): its cell gets a ring. */
  related?: number | null;
}

/**
 * Cells for `count` frames in `width` px, no taller than `maxHeight`. `scale` (the presenter's,
 * views/scale) multiplies the largest cell (16 px) and the default tallest grid, so a projector
 * shows the same grid larger.
 */
export function gridLayout(
  count: number,
  width: number,
  scale = 1,
  maxHeight = GRID_MAX_HEIGHT * scale,
): GridLayout {
  const gap = count > 2048 ? 0 : 2;
  const pad = GRID_PAD;
  const inner = Math.floor(width) - 2 * pad;
  const colsAt = (cell: number): number => Math.max(1, Math.floor((inner + gap) / (cell + gap)));
  let cell = Math.round(16 * scale);
  while (cell > 2 && Math.ceil(count / colsAt(cell)) * (cell + gap) > maxHeight) cell--;
  const cols = colsAt(cell);
  const rows = Math.max(1, Math.floor(maxHeight / (cell + gap)));
  const per = Math.max(1, Math.ceil(count / (cols * rows)));
  return { cols, cell, gap, pad, per, cells: Math.ceil(count / per) };
}

export function gridHeight(count: number, l: GridLayout): number {
  return Math.ceil(Math.ceil(count / l.per) / l.cols) * (l.cell + l.gap) + 2 * l.pad;
}

/** The cell index under a point, or -1. */
export function cellAt(x: number, y: number, count: number, l: GridLayout): number {
  const c = Math.floor((x - l.pad) / (l.cell + l.gap));
  const r = Math.floor((y - l.pad) / (l.cell + l.gap));
  if (c < 0 || c >= l.cols || r < 0) return -1;
  const i = r * l.cols + c;
  return i < Math.ceil(count / l.per) ? i : -1;
}

/** Where cell `i` is drawn. */
export function cellOrigin(i: number, l: GridLayout): { x: number; y: number } {
  return {
    x: l.pad + (i % l.cols) * (l.cell + l.gap),
    y: l.pad + Math.floor(i / l.cols) * (l.cell + l.gap),
  };
}

/** The frames cell `i` stands for: [first, end). */
export function cellFrames(i: number, count: number, l: GridLayout): [number, number] {
  return [i * l.per, Math.min(count, (i + 1) * l.per)];
}

/** Which state outranks which when a cell stands for several frames. */
const RANK = [1, 2, 5, 3, 6, 0];

/** A cell's state, the share of its frames in use, and whether the step changed any of them. */
export function cellSummary(
  m: MemoryModel,
  i: number,
  l: GridLayout,
): { state: number; used: number; changed: boolean } {
  const [a, b] = cellFrames(i, m.count, l);
  let state = m.states[a] ?? FREE;
  let used = 0;
  let changed = false;
  for (let f = a; f < b; f++) {
    const s = m.states[f] ?? FREE;
    if ((RANK[s] ?? 0) > (RANK[state] ?? 0)) state = s;
    if (s !== FREE && s !== OFFLINE) used++;
    if (m.changed[f] === 1) changed = true;
  }
  return { state, used: b > a ? used / (b - a) : 0, changed };
}

/** The frame a cell stands for when picked: the first one in the cell's own state. */
export function cellFrame(m: MemoryModel, i: number, l: GridLayout): number {
  const [a, b] = cellFrames(i, m.count, l);
  if (l.per === 1) return a < m.count ? a : -1;
  const { state } = cellSummary(m, i, l);
  for (let f = a; f < b; f++) if (m.states[f] === state) return f;
  return a < b ? a : -1;
}

function paintCell(
  ctx: CanvasRenderingContext2D,
  state: number,
  changed: boolean,
  x: number,
  y: number,
  s: number,
  color: string,
  watched: boolean,
  k: ThemeColors,
): void {
  ctx.fillStyle = k.cellBack;
  ctx.fillRect(x, y, s, s);
  if (state === OFFLINE) {
    ctx.fillStyle = k.offline;
    ctx.fillRect(x, y, s, s);
    if (s >= 6) {
      // a dash: the device is gone
      ctx.fillStyle = k.offlineMark;
      ctx.fillRect(x + s / 4, y + s / 2 - 1, s / 2, 2);
    }
    return;
  }
  const fill = state === POISONED ? '#D55E00' : color;
  if (state !== FREE) {
    ctx.fillStyle = fill;
    ctx.fillRect(x, y, s, s);
  } else {
    ctx.strokeStyle = k.freeEdge;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
  }
  if (state === LOCKED && s >= 6) {
    // diagonal stripes: the page lock is held (in the middle of a migration)
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, s, s);
    ctx.clip();
    ctx.strokeStyle = inkOn(fill);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let d = -s; d < s; d += 4) {
      ctx.moveTo(x + d, y + s);
      ctx.lineTo(x + d + s, y);
    }
    ctx.stroke();
    ctx.restore();
  }
  if (state === PINNED && s >= 6) {
    ctx.fillStyle = inkOn(fill);
    ctx.beginPath();
    ctx.arc(x + s / 2, y + s / 2, s / 5, 0, Math.PI * 2);
    ctx.fill();
  }
  if (state === POISONED && s >= 6) {
    ctx.strokeStyle = inkOn(fill);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x + 3, y + 3);
    ctx.lineTo(x + s - 3, y + s - 3);
    ctx.moveTo(x + s - 3, y + 3);
    ctx.lineTo(x + 3, y + s - 3);
    ctx.stroke();
  }
  if (watched) {
    ctx.strokeStyle = k.watched;
    ctx.lineWidth = 2;
    ctx.strokeRect(x + 1, y + 1, s - 2, s - 2);
  } else if (changed) {
    ctx.strokeStyle = k.changed;
    ctx.lineWidth = 2;
    ctx.setLineDash(s >= 8 ? [3, 2] : []);
    ctx.strokeRect(x + 1, y + 1, s - 2, s - 2);
    ctx.setLineDash([]);
  }
}

type Rgb = [number, number, number];
const rgbs = new Map<string, Rgb>();
function rgb(c: string): Rgb {
  let v = rgbs.get(c);
  if (!v) {
    const p = parseColor(c);
    rgbs.set(c, (v = [Math.round(p.r * 255), Math.round(p.g * 255), Math.round(p.b * 255)]));
  }
  return v;
}

let scratch: HTMLCanvasElement | null = null;

/**
 * Small cells as pixels: one pixel per cell in an ImageData, drawn scaled up without smoothing.
 * The same look as paintCell at that size: free cells their outline colour, used ones their fill
 * (fainter when only some of an aggregated cell's frames are in use), changed ones the
 * highlight, the watched frame's cell its colour.
 */
function paintPixels(
  ctx: CanvasRenderingContext2D,
  m: MemoryModel,
  l: GridLayout,
  color: string,
  watchedCell: number,
  k: ThemeColors,
): void {
  const rows = Math.ceil(l.cells / l.cols);
  scratch ??= document.createElement('canvas');
  if (scratch.width !== l.cols || scratch.height !== rows) {
    scratch.width = l.cols;
    scratch.height = rows;
  }
  const sctx = scratch.getContext('2d');
  if (!sctx) return;
  const img = sctx.createImageData(l.cols, rows);
  const px = img.data;
  const back = rgb(k.cellBack);
  const edge = rgb(k.freeEdge);
  const fills: Rgb[] = [edge, rgb(color), rgb(color), rgb(color), rgb('#D55E00'), rgb(k.offline)];
  const hi = rgb(k.changed);
  const watched = rgb(k.watched);
  for (let i = 0; i < l.cells; i++) {
    const { state, used, changed } =
      l.per === 1
        ? { state: m.states[i] ?? FREE, used: 1, changed: m.changed[i] === 1 }
        : cellSummary(m, i, l);
    let c = i === watchedCell ? watched : changed ? hi : (fills[state] ?? edge);
    const o = i * 4;
    if (state === ALLOCATED && used < 1 && c !== hi && c !== watched) {
      // Partly used: blend towards the free colour (at least a third, so it still shows).
      const t = 0.35 + 0.65 * used;
      c = [
        Math.round(c[0] * t + edge[0] * (1 - t)),
        Math.round(c[1] * t + edge[1] * (1 - t)),
        Math.round(c[2] * t + edge[2] * (1 - t)),
      ];
    }
    px[o] = c[0] ?? back[0];
    px[o + 1] = c[1] ?? back[1];
    px[o + 2] = c[2] ?? back[2];
    px[o + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  const fullRows = Math.floor(l.cells / l.cols);
  // The last row may be partial: draw the full rows, then the cells of the last one.
  if (fullRows > 0)
    ctx.drawImage(
      scratch,
      0,
      0,
      l.cols,
      fullRows,
      l.pad,
      l.pad,
      l.cols * l.cell,
      fullRows * l.cell,
    );
  const rest = l.cells - fullRows * l.cols;
  if (rest > 0)
    ctx.drawImage(
      scratch,
      0,
      fullRows,
      rest,
      1,
      l.pad,
      l.pad + fullRows * l.cell,
      rest * l.cell,
      l.cell,
    );
}

/**
 * `scanTo` >= 0 draws find_first_zero_bit's walk: a line under every cell from bit 0 to the
 * last bit the current step allocated.
 */
export function drawMemoryGrid(
  ctx: CanvasRenderingContext2D,
  m: MemoryModel,
  l: GridLayout,
  watched: number | null,
  scanTo = -1,
  opts: GridPaintOptions = {},
): void {
  const k = opts.colors ?? THEME_COLORS.dark;
  const color = m.dev < 0 ? RAM_COLOR : deviceColor(m.dev);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const w = watched === null ? -1 : watched - m.start;
  const watchedCell = w >= 0 && w < m.count ? Math.floor(w / l.per) : -1;
  if (l.cell <= 3 && l.gap === 0) paintPixels(ctx, m, l, color, watchedCell, k);
  else
    for (let i = 0; i < l.cells; i++) {
      const { x, y } = cellOrigin(i, l);
      const c =
        l.per === 1
          ? { state: m.states[i] ?? FREE, changed: m.changed[i] === 1 }
          : cellSummary(m, i, l);
      paintCell(ctx, c.state, c.changed, x, y, l.cell, color, i === watchedCell, k);
    }
  if (scanTo >= 0 && l.cell >= 6) {
    ctx.fillStyle = k.changed;
    const last = Math.min(l.cells - 1, Math.floor(scanTo / l.per));
    for (let i = 0; i <= last; i++) {
      const { x, y } = cellOrigin(i, l);
      ctx.fillRect(x, y + l.cell - 2, l.cell, 2);
    }
  }
  const rel = frameCell(opts.related ?? null, m.start, m.count, l.per);
  if (rel >= 0) {
    // Related: a ring around the cell, wider than the cursor's (and seen on 2 px cells too).
    const { x, y } = cellOrigin(rel, l);
    ctx.strokeStyle = k.related;
    ctx.lineWidth = 2;
    ctx.strokeRect(x - 2, y - 2, l.cell + 4, l.cell + 4);
  }
  const cur = opts.cursor ?? -1;
  if (cur >= 0 && cur < l.cells) {
    // The keyboard cursor: a ring just outside the cell, over the gap.
    const { x, y } = cellOrigin(cur, l);
    ctx.strokeStyle = k.cursor;
    ctx.lineWidth = 2;
    ctx.strokeRect(x - 1, y - 1, l.cell + 2, l.cell + 2);
  }
}
