/** Grid layout and aggregation: every frame lands in exactly one cell, and large memories fit. */
import { describe, expect, it } from 'vitest';
import { ALLOCATED, FREE, LOCKED, type MemoryModel } from '../model/frameCells';
import {
  GRID_MAX_HEIGHT,
  cellAt,
  cellFrame,
  cellFrames,
  cellOrigin,
  cellSummary,
  gridHeight,
  gridHeightBudget,
  gridLayout,
} from './drawMemoryGrid';

function model(states: number[]): MemoryModel {
  return {
    name: 'ram',
    dev: -1,
    title: '',
    start: 100,
    count: states.length,
    states: Uint8Array.from(states),
    changed: new Uint8Array(states.length),
    used: 0,
  };
}

describe('memory grid layout', () => {
  it('draws the lecture machine one frame per cell, as before', () => {
    const l = gridLayout(48, 396);
    expect(l).toMatchObject({ per: 1, cells: 48, gap: 2, cell: 16 });
    expect(gridHeight(48, l)).toBeLessThanOrEqual(GRID_MAX_HEIGHT + 2 * l.pad);
  });

  it('aggregates a memory that does not fit at 2 px a frame, and keeps it within the height', () => {
    for (const n of [4096, 65_536, 262_144, 1_048_576, 4_194_304]) {
      const l = gridLayout(n, 396);
      expect(gridHeight(n, l)).toBeLessThanOrEqual(GRID_MAX_HEIGHT + 2 * l.pad);
      expect(l.cells * l.per).toBeGreaterThanOrEqual(n);
      expect((l.cells - 1) * l.per).toBeLessThan(n);
      if (n > 50_000) expect(l.per).toBeGreaterThan(1);
    }
  });

  it('maps points to cells and cells to their frames', () => {
    const n = 262_144;
    const l = gridLayout(n, 396);
    const last = l.cells - 1;
    const { x, y } = cellOrigin(last, l);
    expect(cellAt(x, y, n, l)).toBe(last);
    expect(cellFrames(last, n, l)[1]).toBe(n);
    expect(cellAt(x + l.cell * 3, y + l.cell * 3, n, l)).toBe(-1);
  });

  it('shows the most telling state of an aggregated cell and picks a frame in it', () => {
    const states = Array.from({ length: 300_000 }, () => FREE);
    states[5] = ALLOCATED;
    states[7] = LOCKED;
    const m = model(states);
    const l = gridLayout(m.count, 396);
    expect(l.per).toBeGreaterThan(7);
    const s = cellSummary(m, 0, l);
    expect(s.state).toBe(LOCKED);
    expect(s.used).toBeCloseTo(2 / l.per);
    expect(cellFrame(m, 0, l)).toBe(7);
    expect(cellFrame(m, 1, l)).toBe(l.per);
  });
});

describe('gridLayout at a scale', () => {
  it('grows the largest cell and the tallest grid with the scale (the presenter)', () => {
    const lab = gridLayout(64, 396);
    const big = gridLayout(64, 396 * 1.5, 1.5);
    expect(big.cell).toBe(Math.round(lab.cell * 1.5));
    // The 2 px gap does not scale: a column more fits, at most.
    expect(big.cols - lab.cols).toBeGreaterThanOrEqual(0);
    expect(big.cols - lab.cols).toBeLessThanOrEqual(1);
  });
});

describe('gridHeightBudget', () => {
  it('shares the panel between the grids, each at most the default height', () => {
    expect(gridHeightBudget(0, 3, 1)).toBe(220); // not measured yet
    expect(gridHeightBudget(1000, 2, 1)).toBe(220);
    const each = gridHeightBudget(300, 3, 1);
    expect(3 * (each + 26)).toBeLessThanOrEqual(300);
  });
  it('keeps a floor below which the panel scrolls instead', () => {
    expect(gridHeightBudget(60, 3, 1)).toBe(16);
    expect(gridHeightBudget(60, 3, 2)).toBe(32);
  });
});
