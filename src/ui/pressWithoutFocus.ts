/**
 * A pointer press on a widget that owns the arrow keys (`data-owns-arrows`: a buffer's page
 * cells, a memory grid) selects without taking the keyboard focus, and lets go of a focus such a
 * widget still holds. So after a click the page's arrow keys go on stepping the timeline; a grid
 * keeps the arrows only when it was reached by keyboard (Tab), where moving within it is the
 * point.
 */
import type { PointerEvent } from 'react';

export function pressWithoutFocus(e: PointerEvent<HTMLElement>): void {
  // The press's default action is what focuses the element (and starts a text selection).
  e.preventDefault();
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.closest('[data-owns-arrows]')) active.blur();
}
