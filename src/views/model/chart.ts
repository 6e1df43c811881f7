/** The refcount chart's points: one per micro-step that changed the frame, frees called out. */
import type { FrameHistory } from '../../worker/protocol';

export interface ChartPoint {
  x: number;
  ref: number;
  map: number;
  label: string;
  free: boolean;
}

/** Points of the chart (pure: tested without a DOM). */
export function chartPoints(h: FrameHistory, idle: number): ChartPoint[] {
  const pts: ChartPoint[] = [
    { x: 0, ref: h.initial.ref, map: h.initial.map, label: 'boot', free: false },
  ];
  let prev = h.initial.ref;
  h.points.forEach((p, i) => {
    const free = p.ref === idle && prev > idle;
    pts.push({ x: i + 1, ref: p.ref, map: p.map, label: shortFn(p.fn, free), free });
    prev = p.ref;
  });
  return pts;
}

function shortFn(fn: string, free: boolean): string {
  const last = fn.split(' -> ').pop() ?? fn;
  if (free)
    return `free: ${last.includes('page_free') || last.includes('free_zone_device') || last.includes('put_zone_device') ? last : `${last} -> page_free`}`;
  return last;
}
