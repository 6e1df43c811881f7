/**
 * Physical memory: system RAM and each device's memory as canvas grids (cheap at any size).
 * Hover names a frame's owner and counters; clicking a frame shows it in the inspector.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Snapshot } from '../../engine/snapshot';
import { selectCurrentStep, selectSnapshot, selectWatched } from '../../store/selectors';
import { useLab } from '../../store/react';
import { highlightOf } from '../model/changes';
import { memoryModels, type MemoryModel } from '../model/frameCells';
import { frameLabel, mappersOf, vaddr } from '../model/lookup';
import { cellAt, drawMemoryGrid, gridHeight, gridLayout } from '../paint/drawMemoryGrid';
import { painted } from '../testHook';
import { Panel } from './Panel';

const WIDTH = 396;

export function MemoryGrids() {
  const snap = useLab(selectSnapshot);
  const step = useLab(selectCurrentStep);
  const watched = useLab(selectWatched);
  const watch = useLab((s) => s.watch);
  const models = useMemo(
    () => (snap ? memoryModels(snap, highlightOf(step?.changes)) : []),
    [snap, step],
  );
  if (!snap) return <Panel title="Physical memory">…</Panel>;
  return (
    <Panel title="Physical memory" testId="memory">
      <div className="space-y-2">
        {models.map((m) => (
          <Grid
            key={m.name}
            snap={snap}
            model={m}
            watched={watched}
            onPick={(pfn) => void watch(pfn)}
          />
        ))}
      </div>
    </Panel>
  );
}

const Grid = memo(function Grid({
  snap,
  model,
  watched,
  onPick,
}: {
  snap: Snapshot;
  model: MemoryModel;
  watched: number | null;
  onPick: (pfn: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<number>(-1);
  const layout = gridLayout(model.cells.length, WIDTH);
  const height = Math.max(1, gridHeight(model.cells.length, layout));
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = WIDTH * dpr;
    c.height = height * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawMemoryGrid(ctx, model, layout, watched);
    painted.set(
      model.name,
      model.cells.map((x) => x.state),
    );
  }, [model, layout, height, watched]);
  const cell = hover >= 0 ? model.cells[hover] : undefined;
  const tip = cell ? describeFrame(snap, cell.pfn, cell.state) : `${model.title}`;
  return (
    <figure data-testid={`grid-${model.name}`}>
      <figcaption className="mb-0.5 text-[11px] text-slate-300">{model.title}</figcaption>
      <canvas
        ref={ref}
        role="img"
        aria-label={`${model.title}; hover or click a frame`}
        title={tip}
        style={{ width: WIDTH, height }}
        className="cursor-pointer"
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setHover(cellAt(e.clientX - r.left, e.clientY - r.top, model.cells.length, layout));
        }}
        onMouseLeave={() => setHover(-1)}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const i = cellAt(e.clientX - r.left, e.clientY - r.top, model.cells.length, layout);
          const c = model.cells[i];
          if (c) onPick(c.pfn);
        }}
      />
      <div aria-live="off" className="h-4 truncate text-[10px] text-slate-400">
        {cell ? tip : ''}
      </div>
    </figure>
  );
});

function describeFrame(s: Snapshot, pfn: number, state: string): string {
  const owners = mappersOf(s, pfn)
    .slice(0, 3)
    .map((o) => `${o.proc} ${vaddr(o.vpn)}`)
    .join(', ');
  return `${frameLabel(s, pfn)} (pfn ${pfn}): ${state}, refcount ${s.frames.ref[pfn] ?? 0}, mapcount ${s.frames.map[pfn] ?? 0}${owners ? `, mapped by ${owners}` : ''}`;
}
