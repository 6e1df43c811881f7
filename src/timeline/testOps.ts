/** Test support: timelines of given shapes, for navigation tests (no engine needed). */
import type { OpView } from './operations';

/** Operations with these step counts, firstSeq as the host numbers them. */
export function opsOf(counts: number[]): Pick<OpView, 'steps' | 'firstSeq'>[] {
  let seq = 0;
  return counts.map((n) => {
    const op = { firstSeq: seq, steps: Array.from<OpView['steps'][number]>({ length: n }) };
    seq += n;
    return op;
  });
}
