/**
 * What the pointer or the keyboard is on, shared by every view (one small store, not the lab's:
 * it is the views' own business and never reaches the worker). Views read it through a narrow
 * selector, so a hover re-renders the views that mark something once when the pointed thing
 * changes, never on a mouse move within it; the canvas grids and the leader line subscribe
 * without rendering. The memory grids register where each frame's cell is on screen, for the
 * leader line.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { samePointed, type Pointed } from '../model/relations';

export interface PointingState {
  pointed: Pointed | null;
  /** The element pointed at (where a leader line starts), or null. */
  anchor: Element | null;
}

export const pointing = createStore<PointingState>(() => ({ pointed: null, anchor: null }));

/** Point at `p` from element `anchor` (a no-op when that is already so). */
export function point(p: Pointed, anchor: Element | null): void {
  const s = pointing.getState();
  if (samePointed(s.pointed, p) && s.anchor === anchor) return;
  pointing.setState({ pointed: p, anchor });
}

/** Stop pointing: at anything, or only if `anchor` is still what is pointed from. */
export function unpoint(anchor?: Element | null): void {
  const s = pointing.getState();
  if (s.pointed === null) return;
  if (anchor !== undefined && s.anchor !== anchor) return;
  pointing.setState({ pointed: null, anchor: null });
}

const selectPointed = (s: PointingState): Pointed | null => s.pointed;

/** The pointed thing, re-rendering only when it changes. */
export function usePointed(): Pointed | null {
  return useStore(pointing, selectPointed);
}

/** Pointer and focus handlers that point at `p` while an element is hovered or has the focus. */
export function pointHandlers(p: Pointed) {
  return {
    onPointerEnter: (e: { currentTarget: Element }) => point(p, e.currentTarget),
    onPointerLeave: (e: { currentTarget: Element }) => unpoint(e.currentTarget),
    onFocus: (e: { currentTarget: Element }) => point(p, e.currentTarget),
    onBlur: (e: { currentTarget: Element }) => unpoint(e.currentTarget),
  };
}

/** Where a frame's grid cell is on screen (viewport px), per memory grid, or null. */
export type CellRect = (pfn: number) => { rect: DOMRect; canvas: HTMLCanvasElement } | null;

export const gridCells = new Map<string, CellRect>();

export function frameRect(pfn: number): { rect: DOMRect; canvas: HTMLCanvasElement } | null {
  for (const f of gridCells.values()) {
    const r = f(pfn);
    if (r) return r;
  }
  return null;
}
