import { describe, expect, it } from 'vitest';
import { addressLayout, fitMetrics, METRICS, metricsAt } from './addressLayout';

const oneBuffer = (pages: number) => [{ alive: true, buffers: [{ pages }] }];

describe('address-space metrics', () => {
  it('are the lab sizes at scale 1 and grow with the scale', () => {
    expect(metricsAt(1)).toEqual(METRICS);
    const m = metricsAt(1.5);
    expect(m.cell).toBe(27);
    expect(m.pitch).toBeGreaterThan(m.cell);
    expect(m.procH).toBe(27);
  });

  it('fit 64 pages of a presenter panel (940x330 at 27 px rem) in cells of at least 40 px, all in view', () => {
    const s = 27 / 16;
    const m = fitMetrics(oneBuffer(64), 940, 330, s, 2 * s);
    expect(m.cell).toBeGreaterThanOrEqual(40);
    expect(addressLayout(oneBuffer(64), 940, m).height).toBeLessThanOrEqual(330);
    // One step larger would not fit: the largest cells that do.
    const bigger = metricsAt(s, m.cell / METRICS.cell + 0.1);
    expect(addressLayout(oneBuffer(64), 940, bigger).height).toBeGreaterThan(330);
  });

  it('keep the scaled size when nothing fits (a buffer too large: the view scrolls)', () => {
    const m = fitMetrics(oneBuffer(100_000), 940, 330, 1.5, 3);
    expect(m).toEqual(metricsAt(1.5));
  });

  it('lay out cells by the pitch they were given', () => {
    const l = addressLayout(oneBuffer(10), 100, metricsAt(2));
    const cells = l.items.find((i) => i.kind === 'cells');
    expect(l.cols).toBe(Math.floor((100 + l.m.pitch - l.m.cell) / l.m.pitch));
    expect(cells?.height).toBe(Math.ceil(10 / l.cols) * l.m.pitch);
  });
});
