/**
 * A large buffer at a glance: one pixel column per slice of its pages, coloured by where most of
 * them live, a tick above the slices the current micro-step changed, the selection underlined
 * and the rows in view outlined. Click or drag along it to scroll the page cells there. The
 * same information is in text beside it (the residence counts) and the cells themselves are
 * reachable from the keyboard, so the strip is hidden from assistive technology.
 */
import { useEffect, useRef, type PointerEvent } from 'react';
import type { RangeSelection } from '../../timeline/selection';
import { codeBins, runsOverlap, unpackCode } from '../model/bufferMap';
import { residenceColor } from '../model/palette';
import { useThemeColors } from '../theme/colors';

const H = 12;
const TICK = 3;

export function BufferStrip({
  codes,
  width,
  buf,
  start,
  changed,
  sel,
  view,
  onSeek,
}: {
  codes: Uint8Array;
  width: number;
  buf: string;
  /** The buffer's first virtual page. */
  start: number;
  /** The current step's changed PTEs of this process (runs of virtual pages). */
  changed: readonly number[] | undefined;
  sel: RangeSelection | null;
  /** The pages in view: [first, end). */
  view: [number, number];
  onSeek: (page: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const k = useThemeColors();
  const pages = codes.length;
  const w = Math.max(1, Math.floor(width));

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (el.width !== w * dpr || el.height !== H * dpr) {
      el.width = w * dpr;
      el.height = H * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, H);
    const bins = codeBins(codes, w);
    ctx.fillStyle = k.cellBack;
    ctx.fillRect(0, TICK, w, H - TICK);
    for (let x = 0; x < w; x++) {
      const { residence, dev } = unpackCode(bins[x] ?? 0);
      const fill = residenceColor(residence, dev);
      if (fill === 'transparent') continue;
      ctx.fillStyle = fill;
      ctx.fillRect(x, TICK, 1, H - TICK - 2);
    }
    const px = (page: number): number => (page / Math.max(1, pages)) * w;
    if (changed) {
      ctx.fillStyle = k.changed;
      for (let x = 0; x < w; x++) {
        const a = start + Math.floor((x * pages) / w);
        const b = start + Math.max(a - start + 1, Math.floor(((x + 1) * pages) / w));
        if (runsOverlap(changed, a, b)) ctx.fillRect(x, 0, 1, TICK);
      }
    }
    if (sel && sel.buf === buf) {
      ctx.fillStyle = k.cursor;
      const a = px(sel.first);
      ctx.fillRect(a, H - 2, Math.max(1, px(sel.first + sel.count) - a), 2);
    }
    ctx.strokeStyle = k.watched;
    ctx.lineWidth = 1;
    const a = px(view[0]);
    ctx.strokeRect(a + 0.5, TICK + 0.5, Math.max(1, px(view[1]) - a - 1), H - TICK - 1);
  }, [codes, w, k, pages, changed, start, sel, buf, view]);

  const seekAt = (e: PointerEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (e.clientX - r.left) / Math.max(1, r.width)));
    onSeek(Math.min(pages - 1, Math.floor(f * pages)));
  };
  return (
    <canvas
      ref={canvas}
      aria-hidden="true"
      data-testid={`strip-${buf}`}
      className="block cursor-pointer"
      style={{ width: w, height: H }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAt(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) seekAt(e);
      }}
    />
  );
}
