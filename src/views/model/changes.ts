/** Reading a step's changes (run lists) for highlighting. */
import type { ChangesJson } from '../../engine/trace/changes';

export function inRuns(runs: readonly number[] | undefined, i: number): boolean {
  if (!runs) return false;
  for (let k = 0; k < runs.length; k += 2) {
    const s = runs[k] ?? 0;
    if (i >= s && i < s + (runs[k + 1] ?? 0)) return true;
  }
  return false;
}

export interface Highlight {
  frame(pfn: number): boolean;
  pte(pid: number, vpn: number): boolean;
  bit(dev: number, bit: number): boolean;
  mirror(id: number, vpn: number): boolean;
}

export const NO_HIGHLIGHT: Highlight = {
  frame: () => false,
  pte: () => false,
  bit: () => false,
  mirror: () => false,
};

export function highlightOf(c: ChangesJson | null | undefined): Highlight {
  if (!c) return NO_HIGHLIGHT;
  return {
    frame: (pfn) => inRuns(c.frames, pfn),
    pte: (pid, vpn) => inRuns(c.ptes[pid], vpn),
    bit: (dev, bit) => inRuns(c.bits[dev], bit),
    mirror: (id, vpn) => inRuns(c.mirrors[id], vpn),
  };
}
