/**
 * The leader line: while a page cell, a PTE row or a mirror entry is hovered or focused, a curve
 * with an arrow from it to its frame's cell in the memory grid, drawn over the views. Only when
 * both ends are on screen (in the window and inside every scrolled panel around them); it
 * follows scrolling and resizing by measuring both ends on each animation frame, and only
 * while something is pointed at: otherwise it reads no layout at all. It never takes the
 * pointer, is hidden from assistive technology (the row and the cell name the frame in words),
 * and fades in only when motion is welcome.
 */
import { useEffect, useRef } from 'react';
import { useLabStore } from '../../store/react';
import { relatedIn } from '../model/relations';
import { frameRect, pointing, unpoint } from './pointing';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The elements around `el` that clip it (their overflow is not visible), kept per element. */
const clippers = new WeakMap<Element, Element[]>();
function clipsOf(el: Element): Element[] {
  let c = clippers.get(el);
  if (!c) {
    c = [];
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const st = getComputedStyle(a);
      if (st.overflowX !== 'visible' || st.overflowY !== 'visible') c.push(a);
    }
    clippers.set(el, c);
  }
  return c;
}

/** The part of `r` (inside `el`'s clipping ancestors and the window) on screen, or null. */
function onScreen(r: DOMRect, el: Element): Box | null {
  const b: Box = {
    left: Math.max(0, r.left),
    top: Math.max(0, r.top),
    right: Math.min(window.innerWidth, r.right),
    bottom: Math.min(window.innerHeight, r.bottom),
  };
  for (const a of clipsOf(el)) {
    const c = a.getBoundingClientRect();
    b.left = Math.max(b.left, c.left);
    b.top = Math.max(b.top, c.top);
    b.right = Math.min(b.right, c.right);
    b.bottom = Math.min(b.bottom, c.bottom);
  }
  // On screen: its middle shows (a row scrolled half out of its panel does not count).
  const cx = (r.left + r.right) / 2;
  const cy = (r.top + r.bottom) / 2;
  return cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom ? b : null;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** The path from box `a` to box `b`: from the point of each nearest the other's middle. */
function pathBetween(
  a: Box,
  b: Box,
): { d: string; from: [number, number]; to: [number, number] } | null {
  const acx = (a.left + a.right) / 2;
  const acy = (a.top + a.bottom) / 2;
  const bcx = (b.left + b.right) / 2;
  const bcy = (b.top + b.bottom) / 2;
  const sx = clamp(bcx, a.left, a.right);
  const sy = clamp(bcy, a.top, a.bottom);
  const ex = clamp(acx, b.left, b.right);
  const ey = clamp(acy, b.top, b.bottom);
  const dx = ex - sx;
  const dy = ey - sy;
  if (Math.hypot(dx, dy) < 4) return null;
  // Leave along the longer axis, bending towards the target.
  const horizontal = Math.abs(dx) > Math.abs(dy);
  const k = 0.5;
  const c1 = horizontal ? [sx + dx * k, sy] : [sx, sy + dy * k];
  const c2 = horizontal ? [ex - dx * k, ey] : [ex, ey - dy * k];
  const n = (v: number | undefined): string => (v ?? 0).toFixed(1);
  return {
    d: `M${n(sx)} ${n(sy)} C${n(c1[0])} ${n(c1[1])} ${n(c2[0])} ${n(c2[1])} ${n(ex)} ${n(ey)}`,
    from: [sx, sy],
    to: [ex, ey],
  };
}

export function LeaderLine() {
  const store = useLabStore();
  const svg = useRef<SVGSVGElement>(null);
  useEffect(() => {
    let frame = 0;
    let last = '';
    const draw = (): void => {
      frame = 0;
      const el = svg.current;
      if (!el) return;
      const { pointed, anchor } = pointing.getState();
      // The pointed element went away (its view re-rendered without it): nothing is pointed at.
      if (anchor && !anchor.isConnected) {
        unpoint(anchor);
        return;
      }
      const r = relatedIn(store.getState().snapshot, pointed);
      let line: ReturnType<typeof pathBetween> = null;
      if (r && r.lineTo !== null && anchor?.isConnected) {
        const cell = frameRect(r.lineTo);
        const a = onScreen(anchor.getBoundingClientRect(), anchor);
        const b = cell ? onScreen(cell.rect, cell.canvas) : null;
        if (a && b && cell)
          line = pathBetween(a, {
            left: cell.rect.left,
            top: cell.rect.top,
            right: cell.rect.right,
            bottom: cell.rect.bottom,
          });
      }
      const key = line ? line.d : '';
      if (key !== last) {
        last = key;
        for (const p of el.querySelectorAll('path[data-line]'))
          p.setAttribute('d', line ? line.d : '');
        if (line) {
          el.dataset.from = line.from.map((v) => v.toFixed(1)).join(',');
          el.dataset.to = line.to.map((v) => v.toFixed(1)).join(',');
          el.dataset.shown = 'true';
        } else {
          delete el.dataset.from;
          delete el.dataset.to;
          el.dataset.shown = 'false';
        }
      }
      // Follow scrolling, resizing and steps while something is pointed at (layout is read only
      // while an entry with a frame is); then stop.
      if (pointed) frame = requestAnimationFrame(draw);
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = pointing.subscribe(schedule);
    schedule();
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store]);
  return (
    <svg
      ref={svg}
      aria-hidden="true"
      data-testid="leader-line"
      data-shown="false"
      className="pointer-events-none fixed inset-0 z-40 h-full w-full opacity-0 data-[shown=true]:opacity-100 motion-safe:transition-opacity motion-safe:duration-150"
    >
      <defs>
        <marker
          id="leader-arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0 0 L10 5 L0 10 z" className="fill-violet-400" />
        </marker>
      </defs>
      {/* A dark casing under the line keeps it readable over any fill. */}
      <path
        data-line=""
        d=""
        fill="none"
        strokeWidth={5}
        className="stroke-slate-950"
        strokeLinecap="round"
      />
      <path
        data-line=""
        d=""
        fill="none"
        strokeWidth={2}
        className="stroke-violet-400"
        strokeLinecap="round"
        markerEnd="url(#leader-arrow)"
      />
    </svg>
  );
}
