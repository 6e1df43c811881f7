/**
 * Paints one memory's frames as a grid of cells on a canvas: fill by state, a pattern or mark
 * for locked, pinned, poisoned and unplugged frames (never colour alone: free is an empty
 * outline, allocated a plain fill, locked striped, pinned dotted, poisoned crossed, unplugged
 * dashed), a dashed outline on whatever the current micro-step changed, a solid one on the
 * inspected frame, and a ring on the keyboard cursor. A pure function of its inputs; the
 * chrome colours come from the theme (theme/colors.ts), marks on fills are black or white,
 * whichever reads on that fill.
 */
import type { Cell, MemoryModel } from '../model/frameCells';
import { RAM_COLOR, deviceColor, inkOn } from '../model/palette';
import { THEME_COLORS, type ThemeColors } from '../theme/colors';

export interface GridLayout {
  cols: number;
  cell: number;
  gap: number;
  /** Space around the cells, so the keyboard cursor's ring shows at the edges too. */
  pad: number;
}

/** The margin around every grid. */
export const GRID_PAD = 2;

export interface GridPaintOptions {
  /** The theme's colours (default: the dark theme's). */
  colors?: ThemeColors;
  /** The cell index of the keyboard cursor, or -1 for none. */
  cursor?: number;
}

export function gridLayout(count: number, width: number): GridLayout {
  const gap = count > 2048 ? 0 : 2;
  const pad = GRID_PAD;
  const inner = width - 2 * pad;
  let cell = 16;
  while (
    cell > 2 &&
    Math.ceil(count / Math.max(1, Math.floor((inner + gap) / (cell + gap)))) * (cell + gap) > 220
  )
    cell--;
  const cols = Math.max(1, Math.floor((inner + gap) / (cell + gap)));
  return { cols, cell, gap, pad };
}

export function gridHeight(count: number, l: GridLayout): number {
  return Math.ceil(count / l.cols) * (l.cell + l.gap) + 2 * l.pad;
}

/** The cell index under a point, or -1. */
export function cellAt(x: number, y: number, count: number, l: GridLayout): number {
  const c = Math.floor((x - l.pad) / (l.cell + l.gap));
  const r = Math.floor((y - l.pad) / (l.cell + l.gap));
  if (c < 0 || c >= l.cols || r < 0) return -1;
  const i = r * l.cols + c;
  return i < count ? i : -1;
}

/** Where cell `i` is drawn. */
export function cellOrigin(i: number, l: GridLayout): { x: number; y: number } {
  return {
    x: l.pad + (i % l.cols) * (l.cell + l.gap),
    y: l.pad + Math.floor(i / l.cols) * (l.cell + l.gap),
  };
}

function paintCell(
  ctx: CanvasRenderingContext2D,
  c: Cell,
  x: number,
  y: number,
  s: number,
  color: string,
  watched: boolean,
  k: ThemeColors,
): void {
  ctx.fillStyle = k.cellBack;
  ctx.fillRect(x, y, s, s);
  if (c.state === 'offline') {
    ctx.fillStyle = k.offline;
    ctx.fillRect(x, y, s, s);
    if (s >= 6) {
      // a dash: the device is gone
      ctx.fillStyle = k.offlineMark;
      ctx.fillRect(x + s / 4, y + s / 2 - 1, s / 2, 2);
    }
    return;
  }
  const fill = c.state === 'poisoned' ? '#D55E00' : color;
  if (c.state !== 'free') {
    ctx.fillStyle = fill;
    ctx.fillRect(x, y, s, s);
  } else {
    ctx.strokeStyle = k.freeEdge;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
  }
  const ink = inkOn(fill);
  if (c.state === 'locked' && s >= 6) {
    // diagonal stripes: the page lock is held (in the middle of a migration)
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, s, s);
    ctx.clip();
    ctx.strokeStyle = ink;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let d = -s; d < s; d += 4) {
      ctx.moveTo(x + d, y + s);
      ctx.lineTo(x + d + s, y);
    }
    ctx.stroke();
    ctx.restore();
  }
  if (c.state === 'pinned' && s >= 6) {
    ctx.fillStyle = ink;
    ctx.beginPath();
    ctx.arc(x + s / 2, y + s / 2, s / 5, 0, Math.PI * 2);
    ctx.fill();
  }
  if (c.state === 'poisoned' && s >= 6) {
    ctx.strokeStyle = ink;
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
  } else if (c.changed) {
    ctx.strokeStyle = k.changed;
    ctx.lineWidth = 2;
    ctx.setLineDash(s >= 8 ? [3, 2] : []);
    ctx.strokeRect(x + 1, y + 1, s - 2, s - 2);
    ctx.setLineDash([]);
  }
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
  m.cells.forEach((c, i) => {
    const { x, y } = cellOrigin(i, l);
    paintCell(ctx, c, x, y, l.cell, color, c.pfn === watched, k);
    if (i <= scanTo && l.cell >= 6) {
      ctx.fillStyle = k.changed;
      ctx.fillRect(x, y + l.cell - 2, l.cell, 2);
    }
  });
  const cur = opts.cursor ?? -1;
  if (cur >= 0 && cur < m.cells.length) {
    // The keyboard cursor: a ring just outside the cell, over the gap.
    const { x, y } = cellOrigin(cur, l);
    ctx.strokeStyle = k.cursor;
    ctx.lineWidth = 2;
    ctx.strokeRect(x - 1, y - 1, l.cell + 2, l.cell + 2);
  }
}
