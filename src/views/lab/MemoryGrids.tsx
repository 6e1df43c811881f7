/**
 * Physical memory: system RAM and each device's memory as canvas grids (cheap at any size).
 * The grids repaint from a transient store subscription on the next animation frame, so a
 * step never re-renders React here; React only lays out the canvases when the machine's shape
 * changes. Hover names a frame's owner and counters; clicking a frame shows it in the inspector.
 * From the keyboard each grid is a tab stop: arrows (Home, End, Page Up/Down) move a cursor
 * ring from frame to frame, naming each one, and Enter or space inspects it. The colours follow
 * the theme (the grids repaint when it changes). A hovered or focused frame is pointed at
 * (views/relations), and the frame of whatever is pointed at elsewhere gets a ring; each grid
 * says where a frame's cell is on screen, for the leader line.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Snapshot } from '../../engine/snapshot';
import { selectCurrentStep } from '../../store/selectors';
import { useLab, useLabStore } from '../../store/react';
import type { LabState } from '../../store/types';
import { CELL_STATES, memoryModels, stateNames, type MemoryModel } from '../model/frameCells';
import { frameLabel, mappersOf, vaddr } from '../model/lookup';
import {
  cellAt,
  cellFrame,
  cellOrigin,
  drawMemoryGrid,
  gridHeight,
  gridLayout,
  type GridLayout,
  gridHeightBudget,
} from '../paint/drawMemoryGrid';
import { painted } from '../testHook';
import { themeColors } from '../theme/colors';
import { getTheme, subscribeTheme } from '../theme/theme';
import { Panel } from '../../ui/Panel';
import { scaleOf, useViewScale } from '../scale/viewScale';
import { pressWithoutFocus } from '../../ui/pressWithoutFocus';
import { frameCell, relatedIn, resolveRelation } from '../model/relations';
import { gridCells, point, pointing, unpoint } from '../relations/pointing';

/** A grid's width in the lab (the presenter's is this times its scale). */
const WIDTH = 396;

interface Shape {
  name: string;
  count: number;
}

/** The content box of `el` (its client size less its padding), kept up to date. */
function useRoom(el: HTMLElement | null): { width: number; height: number } {
  const [room, setRoom] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!el) return;
    const read = (): void => {
      const st = getComputedStyle(el);
      const width = el.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
      const height = el.clientHeight - parseFloat(st.paddingTop) - parseFloat(st.paddingBottom);
      setRoom((r) => (r.width === width && r.height === height ? r : { width, height }));
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return room;
}

/** The grids' shape: which memories and how many frames each (changes only with the machine). */
function shapeKey(s: LabState): string {
  const snap = s.snapshot;
  if (!snap) return '';
  return [`ram:${snap.ramPages}`, ...snap.devices.map((d) => `${d.name}:${d.pages}`)].join(',');
}

let cached: { snap: unknown; step: unknown; models: MemoryModel[] } | null = null;

/** The grids' models for the state shown (kept until the snapshot or the step changes). */
function models(s: LabState): MemoryModel[] {
  const snap = s.snapshot;
  if (!snap) return [];
  const step = selectCurrentStep(s);
  if (cached?.snap !== snap || cached.step !== step)
    cached = { snap, step, models: memoryModels(snap, step?.changes) };
  return cached.models;
}

export function MemoryGrids() {
  const key = useLab(shapeKey);
  const store = useLabStore();
  const watch = useLab((s) => s.watch);
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const titles = useRef(new Map<string, HTMLElement>());
  // The keyboard cursor of each grid (a cell index; absent while the grid has no focus).
  const cursors = useRef(new Map<string, number>());
  const repaint = useRef<() => void>(() => {});
  const scale = scaleOf(useViewScale());
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const room = useRoom(box?.parentElement ?? null);
  const shapes: Shape[] = key
    ? key.split(',').map((x) => {
        const [name, n] = x.split(':');
        return { name: name ?? '', count: Number(n) };
      })
    : [];

  const maxHeight = gridHeightBudget(room.height, shapes.length, scale);
  // As wide as the lab's grid at the scale, or the panel where it is narrower (a phone).
  const width = Math.floor(room.width > 0 ? Math.min(WIDTH * scale, room.width) : WIDTH * scale);

  useEffect(() => {
    let frame = 0;
    const paint = (): void => {
      frame = 0;
      const s = store.getState();
      const colors = themeColors(getTheme());
      const related = relatedIn(s.snapshot, pointing.getState().pointed)?.pfn ?? null;
      for (const m of models(s)) {
        const c = canvases.current.get(m.name);
        const ctx = c?.getContext('2d');
        if (!c || !ctx) continue;
        const layout = gridLayout(m.count, width, scale, maxHeight);
        const dpr = window.devicePixelRatio || 1;
        const w = width;
        const h = Math.max(1, gridHeight(m.count, layout));
        if (c.width !== w * dpr || c.height !== h * dpr) {
          c.width = w * dpr;
          c.height = h * dpr;
        }
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawMemoryGrid(ctx, m, layout, s.watched, scanOf(s, m), {
          colors,
          cursor: cursors.current.get(m.name) ?? -1,
          related,
        });
        const rel = frameCell(related, m.start, m.count, layout.per);
        // For e2e: which cell is related, and where it is in the canvas (x,y,size in css px).
        if (rel >= 0) {
          const o = cellOrigin(rel, layout);
          c.dataset.relatedCell = String(rel);
          c.dataset.relatedRect = `${o.x},${o.y},${layout.cell}`;
        } else {
          delete c.dataset.relatedCell;
          delete c.dataset.relatedRect;
        }
        gridCells.set(m.name, (pfn) => {
          const i = frameCell(pfn, m.start, m.count, layout.per);
          if (i < 0) return null;
          const r = c.getBoundingClientRect();
          const { x, y } = cellOrigin(i, layout);
          return { rect: new DOMRect(r.left + x, r.top + y, layout.cell, layout.cell), canvas: c };
        });
        painted.set(m.name, () => stateNames(m));
        const t = titles.current.get(m.name);
        if (t) t.textContent = m.title;
      }
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    paint();
    repaint.current = schedule;
    const unsubscribeTheme = subscribeTheme(schedule);
    const unsubscribePointing = pointing.subscribe(schedule);
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.snapshot !== prev.snapshot ||
        s.position !== prev.position ||
        s.watched !== prev.watched ||
        s.ops !== prev.ops
      )
        schedule();
    });
    return () => {
      unsubscribe();
      unsubscribeTheme();
      unsubscribePointing();
      gridCells.clear();
      repaint.current = () => {};
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, key, scale, maxHeight, width]);

  if (!key) return <Panel title="Physical memory">…</Panel>;
  return (
    <Panel title="Physical memory" testId="memory">
      <div className="space-y-2" ref={setBox}>
        {shapes.map((sh) => (
          <Grid
            key={sh.name}
            shape={sh}
            scale={scale}
            width={width}
            maxHeight={maxHeight}
            store={store}
            canvasRef={(c) => {
              // React 19 treats a returned value as a cleanup function: return nothing.
              if (c) canvases.current.set(sh.name, c);
              else canvases.current.delete(sh.name);
            }}
            titleRef={(t) => {
              if (t) titles.current.set(sh.name, t);
              else titles.current.delete(sh.name);
            }}
            onPick={(pfn) => void watch(pfn)}
            setCursor={(i) => {
              if (i < 0) cursors.current.delete(sh.name);
              else cursors.current.set(sh.name, i);
              repaint.current();
            }}
          />
        ))}
      </div>
    </Panel>
  );
}

/**
 * While a device allocation step is shown, find_first_zero_bit's scan: from bit 0 to the last
 * bit that step set. -1 when the step allocated nothing here.
 */
function scanOf(s: LabState, m: MemoryModel): number {
  const step = selectCurrentStep(s);
  if (m.dev < 0 || !step || step.phase !== 'alloc') return -1;
  const runs = step.changes.bits[m.dev];
  if (!runs || runs.length === 0) return -1;
  let last = -1;
  for (let k = 0; k < runs.length; k += 2)
    last = Math.max(last, (runs[k] ?? 0) + (runs[k + 1] ?? 0) - 1);
  return last;
}

function Grid({
  shape,
  scale,
  width,
  maxHeight,
  store,
  canvasRef,
  titleRef,
  onPick,
  setCursor,
}: {
  shape: Shape;
  scale: number;
  width: number;
  maxHeight: number;
  store: ReturnType<typeof useLabStore>;
  canvasRef: (c: HTMLCanvasElement | null) => void;
  titleRef: (t: HTMLElement | null) => void;
  onPick: (pfn: number) => void;
  setCursor: (i: number) => void;
}) {
  const [tip, setTip] = useState('');
  // Said to screen readers as the keyboard cursor moves (hovering only shows the tip).
  const [said, setSaid] = useState('');
  const cursor = useRef(-1);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const layout: GridLayout = gridLayout(shape.count, width, scale, maxHeight);
  const height = Math.max(1, gridHeight(shape.count, layout));
  const name = shape.name === 'ram' ? 'system RAM' : shape.name;
  /** The frame a cell stands for (the cell's first frame in its shown state when aggregated). */
  const cellOf = (i: number): { pfn: number; state: string } | null => {
    const m = models(store.getState()).find((x) => x.name === shape.name);
    const f = m ? cellFrame(m, i, layout) : -1;
    if (!m || f < 0) return null;
    return { pfn: m.start + f, state: CELL_STATES[m.states[f] ?? 0] ?? 'free' };
  };
  const cellUnder = (
    e: React.MouseEvent<HTMLCanvasElement>,
  ): { pfn: number; state: string } | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return cellOf(cellAt(e.clientX - r.left, e.clientY - r.top, shape.count, layout));
  };
  const moveTo = (i: number): void => {
    const to = Math.max(0, Math.min(layout.cells - 1, i));
    cursor.current = to;
    setCursor(to);
    const c = cellOf(to);
    const snap = store.getState().snapshot;
    if (c && canvas.current) point({ kind: 'frame', pfn: c.pfn }, canvas.current);
    const text = c && snap ? describeFrame(snap, c.pfn, c.state) : '';
    setTip(text);
    setSaid(text);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    const at = Math.max(0, cursor.current);
    const page = layout.cols * 4;
    const to: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowRight: at + 1,
      ArrowUp: at - layout.cols,
      ArrowDown: at + layout.cols,
      Home: 0,
      End: layout.cells - 1,
      PageUp: at - page,
      PageDown: at + page,
    };
    const next = to[e.key];
    if (next !== undefined) {
      e.preventDefault();
      moveTo(next);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const c = cellOf(at);
      if (c) onPick(c.pfn);
    }
  };
  return (
    <figure data-testid={`grid-${shape.name}`}>
      {/* The hovered frame's description sits beside the title, not on a line of its own: with
          four memories the panel has no line to spare (gridHeightBudget). */}
      <figcaption className="mb-0.5 flex gap-2 text-2xs">
        <span ref={titleRef} className="shrink-0 text-slate-300" />
        <span className="min-w-0 truncate text-slate-400" aria-hidden="true">
          {tip}
        </span>
      </figcaption>
      <canvas
        ref={(c) => {
          canvas.current = c;
          canvasRef(c);
        }}
        role="application"
        aria-roledescription="memory grid"
        aria-label={
          layout.per > 1
            ? `${name}: ${shape.count} frames, ${layout.per} to a square. Arrow keys move between squares, Enter inspects the first frame of one.`
            : `${name}: ${shape.count} frames. Arrow keys move between frames, Enter inspects one.`
        }
        tabIndex={0}
        data-owns-arrows=""
        title={tip}
        style={{ width, height }}
        className="cursor-pointer rounded-sm"
        onMouseMove={(e) => {
          const c = cellUnder(e);
          const snap = store.getState().snapshot;
          setTip(c && snap ? describeFrame(snap, c.pfn, c.state) : '');
          if (c) point({ kind: 'frame', pfn: c.pfn }, e.currentTarget);
          else unpoint(e.currentTarget);
        }}
        onMouseLeave={(e) => {
          setTip('');
          unpoint(e.currentTarget);
        }}
        onPointerDown={pressWithoutFocus}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const i = cellAt(e.clientX - r.left, e.clientY - r.top, shape.count, layout);
          const c = cellOf(i);
          if (!c) return;
          moveTo(i);
          onPick(c.pfn);
        }}
        onFocus={() => {
          // Start where the inspected frame is when it is in this grid, else at the first frame.
          const s = store.getState();
          const m = models(s).find((x) => x.name === shape.name);
          const w =
            m && s.watched !== null && s.watched >= m.start && s.watched < m.start + m.count
              ? Math.floor((s.watched - m.start) / layout.per)
              : -1;
          moveTo(cursor.current >= 0 ? cursor.current : Math.max(0, w));
        }}
        onBlur={(e) => {
          setCursor(-1);
          setTip('');
          unpoint(e.currentTarget);
        }}
        onKeyDown={onKey}
      />
      <div className="sr-only" role="status" data-testid={`grid-status-${shape.name}`}>
        {said}
      </div>
    </figure>
  );
}

function describeFrame(s: Snapshot, pfn: number, state: string): string {
  const owners = mappersOf(s, pfn)
    .slice(0, 3)
    .map((o) => `${o.proc} ${vaddr(o.vpn)}`)
    .join(', ');
  const mirrors = [
    ...new Set(
      resolveRelation(s, { kind: 'frame', pfn }).mirrors.map(
        (x) => s.mirrors.find((m) => m.id === x.mirror)?.name ?? '?',
      ),
    ),
  ].join(', ');
  return `${frameLabel(s, pfn)} (pfn ${pfn}): ${state}, refcount ${s.frames.ref[pfn] ?? 0}, mapcount ${s.frames.map[pfn] ?? 0}${owners ? `, mapped by ${owners}` : ''}${mirrors ? `, mirrored by ${mirrors}` : ''}`;
}
