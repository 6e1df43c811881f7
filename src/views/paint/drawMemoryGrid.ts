/**
 * Paints one memory's frames as a grid of cells on a canvas: fill by state, a pattern or mark
 * for locked, pinned and poisoned frames (never colour alone), and an outline on whatever the
 * current micro-step changed. A pure function of its inputs.
 */
import type { Cell, MemoryModel } from '../model/frameCells';
import { CHANGED, RAM_COLOR, deviceColor } from '../model/palette';

export interface GridLayout {
  cols: number;
  cell: number;
  gap: number;
}

export function gridLayout(count: number, width: number): GridLayout {
  const gap = count > 2048 ? 0 : 2;
  let cell = 16;
  while (
    cell > 2 &&
    Math.ceil(count / Math.max(1, Math.floor((width + gap) / (cell + gap)))) * (cell + gap) > 220
  )
    cell--;
  const cols = Math.max(1, Math.floor((width + gap) / (cell + gap)));
  return { cols, cell, gap };
}

export function gridHeight(count: number, l: GridLayout): number {
  return Math.ceil(count / l.cols) * (l.cell + l.gap);
}

/** The cell index under a point, or -1. */
export function cellAt(x: number, y: number, count: number, l: GridLayout): number {
  const c = Math.floor(x / (l.cell + l.gap));
  const r = Math.floor(y / (l.cell + l.gap));
  if (c < 0 || c >= l.cols || r < 0) return -1;
  const i = r * l.cols + c;
  return i < count ? i : -1;
}

function paintCell(
  ctx: CanvasRenderingContext2D,
  c: Cell,
  x: number,
  y: number,
  s: number,
  color: string,
  watched: boolean,
): void {
  ctx.fillStyle = '#0f172a';
  ctx.fillRect(x, y, s, s);
  if (c.state === 'offline') {
    ctx.fillStyle = '#1e293b';
    ctx.fillRect(x, y, s, s);
    return;
  }
  if (c.state !== 'free') {
    ctx.fillStyle = c.state === 'poisoned' ? '#D55E00' : color;
    ctx.fillRect(x, y, s, s);
  } else {
    ctx.strokeStyle = '#334155';
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
  }
  if (c.state === 'locked' && s >= 6) {
    // diagonal stripes: the page lock is held (in the middle of a migration)
    ctx.strokeStyle = '#0f172a';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let d = -s; d < s; d += 4) {
      ctx.moveTo(x + d, y + s);
      ctx.lineTo(x + d + s, y);
    }
    ctx.stroke();
  }
  if (c.state === 'pinned' && s >= 6) {
    ctx.fillStyle = '#f8fafc';
    ctx.beginPath();
    ctx.arc(x + s / 2, y + s / 2, s / 5, 0, Math.PI * 2);
    ctx.fill();
  }
  if (c.state === 'poisoned' && s >= 6) {
    ctx.strokeStyle = '#f8fafc';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x + 3, y + 3);
    ctx.lineTo(x + s - 3, y + s - 3);
    ctx.moveTo(x + s - 3, y + 3);
    ctx.lineTo(x + 3, y + s - 3);
    ctx.stroke();
  }
  if (c.changed || watched) {
    ctx.strokeStyle = watched ? '#f8fafc' : CHANGED;
    ctx.lineWidth = 2;
    ctx.strokeRect(x + 1, y + 1, s - 2, s - 2);
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
): void {
  const color = m.dev < 0 ? RAM_COLOR : deviceColor(m.dev);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  m.cells.forEach((c, i) => {
    const x = (i % l.cols) * (l.cell + l.gap);
    const y = Math.floor(i / l.cols) * (l.cell + l.gap);
    paintCell(ctx, c, x, y, l.cell, color, c.pfn === watched);
    if (i <= scanTo && l.cell >= 6) {
      ctx.fillStyle = CHANGED;
      ctx.fillRect(x, y + l.cell - 2, l.cell, 2);
    }
  });
}
