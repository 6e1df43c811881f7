/** The refcount chart's points: one per micro-step that changed the frame, frees called out. */
import type { FrameHistory } from '../../timeline/frameHistory';

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
  let prev = { ref: h.initial.ref, map: h.initial.map };
  h.points.forEach((p, i) => {
    const free = p.ref === idle && prev.ref > idle;
    pts.push({ x: i + 1, ref: p.ref, map: p.map, label: transition(p.fn, prev, p, idle), free });
    prev = p;
  });
  return pts;
}

/**
 * What a refcount change was, in the words people look for: get_page + page_dup_rmap on fork,
 * the allocation, a collect's reference, a mapping's put, and the free on reaching the idle
 * level (2 -> 1 in the seeds' kernel, 1 -> 0 in the modern one) with its page_free callback.
 */
export function transition(
  fn: string,
  prev: { ref: number; map: number },
  now: { ref: number; map: number },
  idle: number,
): string {
  const last = fn.split(' -> ').pop() ?? fn;
  const arrow = `${prev.ref} -> ${now.ref}`;
  if (now.ref === idle && prev.ref > idle) return `${arrow}: free, page_free (${last})`;
  if (now.ref > prev.ref) {
    if (/copy_page_range|copy_one_pte|copy_present|copy_nonpresent/.test(fn))
      return `${arrow}: get_page + page_dup_rmap (fork)`;
    if (prev.ref === idle && /alloc/.test(fn)) return `${arrow}: allocated (${last})`;
    if (/collect/.test(fn)) return `${arrow}: folio_get (${last})`;
    if (now.map > prev.map) return `${arrow}: mapped (${last})`;
    return `${arrow}: get (${last})`;
  }
  if (now.ref < prev.ref) return `${arrow}: ${now.map < prev.map ? 'unmapped, ' : ''}put (${last})`;
  return `${last}: mapcount ${prev.map} -> ${now.map}`;
}
