/** What an export can capture: the whole lab or one of its views, by its data-testid. */
export const TARGETS = [
  { id: 'lab', label: 'the whole lab' },
  { id: 'address-space', label: 'address space' },
  { id: 'memory', label: 'physical memory' },
  { id: 'page-tables', label: 'page tables' },
  { id: 'inspector', label: 'struct page' },
  { id: 'counters', label: 'counters' },
  { id: 'narration', label: 'narration' },
  { id: 'time-view', label: 'simulated time' },
  { id: 'scenario', label: 'scenario' },
] as const;

export type TargetId = (typeof TARGETS)[number]['id'];

export function targetLabel(id: TargetId): string {
  return TARGETS.find((t) => t.id === id)?.label ?? id;
}

/** The target's element on screen now (views re-render; look it up for every capture). */
export function findTarget(id: TargetId): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

/**
 * What an export leaves out: notices about the lab, not the lab itself (the error or notice
 * banner, the draft notice, the predict card, the link popover), by data-testid. A new notice or
 * toast: add its data-testid here.
 */
export const OMITTED = ['error-banner', 'draft-notice', 'predict-card', 'share-popover'] as const;

export const OMITTED_SELECTOR = OMITTED.map((id) => `[data-testid="${id}"]`).join(', ');
