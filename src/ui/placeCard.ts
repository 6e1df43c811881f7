/**
 * Where a hover card goes: below its anchor when it fits, else above, else on the side with
 * more room; always inside the viewport (clamped, with a margin). A dozen lines of geometry,
 * so no positioning library (none is a dependency; @floating-ui would be the one to add if
 * cards ever need flipping inside scroll containers or arrows).
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
}

export function placeCard(
  anchor: Box,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  margin = 8,
  gap = 4,
): Placement {
  const below = viewport.height - (anchor.top + anchor.height) - gap - margin;
  const above = anchor.top - gap - margin;
  const side = card.height <= below || below >= above ? 'below' : 'above';
  const rawTop =
    side === 'below' ? anchor.top + anchor.height + gap : anchor.top - gap - card.height;
  const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, hi));
  return {
    side,
    left: clamp(anchor.left, margin, Math.max(margin, viewport.width - margin - card.width)),
    top: clamp(rawTop, margin, Math.max(margin, viewport.height - margin - card.height)),
  };
}
