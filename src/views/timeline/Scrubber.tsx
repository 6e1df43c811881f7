/**
 * The scrubber: the whole run as a track, one lane of markers per kind (faults, migrations,
 * frees, invalidations, errors) and the current step as a cursor. Canvas, because a long
 * scenario has tens of thousands of markers. Click or drag to seek; it is a slider for
 * keyboards and screen readers (the page-wide arrow keys move it too).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { positionAtStop, stopCount, stopIndex } from '../../timeline/navigation';
import { selectOps, selectPosition } from '../../store/selectors';
import { useLab } from '../../store/react';
import { MARK_LANES, timelineMarkers } from '../model/marks';
import { useThemeColors } from '../theme/colors';

const LANE_H = 4;
const PAD = 4;
const HEIGHT = PAD * 2 + LANE_H * MARK_LANES.length;

export function Scrubber() {
  const ops = useLab(selectOps);
  const pos = useLab(selectPosition);
  const seek = useLab((s) => s.seek);
  const setPlaying = useLab((s) => s.setPlaying);
  const canvas = useRef<HTMLCanvasElement>(null);
  const colors = useThemeColors();
  const [width, setWidth] = useState(0);
  const markers = useMemo(() => timelineMarkers(ops), [ops]);
  const total = stopCount(ops);
  const index = pos ? stopIndex(ops, pos) : 0;
  const xOf = (i: number): number => (total <= 1 ? 0 : (i / (total - 1)) * (width - 1));

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = width * dpr;
    el.height = HEIGHT * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    ctx.fillStyle = colors.track;
    ctx.fillRect(0, PAD, width, LANE_H * MARK_LANES.length);
    MARK_LANES.forEach((lane, li) => {
      ctx.fillStyle = lane.color;
      let lastX = -1;
      for (const i of markers[lane.kind]) {
        const x = Math.round(xOf(i));
        if (x === lastX) continue; // many markers per pixel: draw each pixel once
        lastX = x;
        ctx.fillRect(x, PAD + li * LANE_H, Math.max(1, total < width / 3 ? 2 : 1), LANE_H - 1);
      }
    });
    // The cursor.
    const cx = Math.round(xOf(index));
    ctx.fillStyle = colors.changed;
    ctx.fillRect(Math.max(0, cx - 1), 0, 2, HEIGHT);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- xOf is derived from width/total
  }, [markers, width, total, index, colors]);

  const dragging = useRef(false);
  const seekAtX = (clientX: number): void => {
    const el = canvas.current;
    if (!el || total <= 1) return;
    const r = el.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
    const p = positionAtStop(ops, f * (total - 1));
    setPlaying(false);
    void seek(p.op, p.step);
  };
  const here = pos && pos.op >= 0 ? ops[pos.op] : undefined;
  const fn = here && pos ? (here.steps[pos.step]?.fn ?? 'before it ran') : 'boot';
  return (
    <canvas
      ref={canvas}
      data-testid="scrubber"
      role="slider"
      tabIndex={0}
      aria-label="Timeline scrubber"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, total - 1)}
      aria-valuenow={index}
      aria-valuetext={pos && pos.op >= 0 ? `operation ${pos.op + 1}, ${fn}` : 'boot'}
      className="h-7 min-w-0 flex-1 cursor-pointer rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300"
      style={{ height: HEIGHT }}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAtX(e.clientX);
      }}
      onPointerMove={(e) => {
        if (dragging.current) seekAtX(e.clientX);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
    >
      {MARK_LANES.map((l) => `${l.label}: ${markers[l.kind].length}`).join(', ')}
    </canvas>
  );
}
