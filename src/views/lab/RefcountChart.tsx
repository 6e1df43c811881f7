/**
 * The watched frame's refcount and mapcount over the micro-steps so far, as step lines (D3
 * scales and shapes; React draws the SVG). Each change is labelled with the kernel function
 * that made it; frees are called out, and the kernel model's idle level is drawn dashed.
 */
import { curveStepAfter, line, scaleLinear } from 'd3';
import type { FrameHistory } from '../../worker/protocol';
import { chartPoints, type ChartPoint } from '../model/chart';

const W = 380;
const H = 130;
const M = { l: 24, r: 8, t: 8, b: 18 };

export function RefcountChart({ history, idle }: { history: FrameHistory; idle: number }) {
  const pts = chartPoints(history, idle);
  const maxY = Math.max(2, idle + 1, ...pts.map((p) => Math.max(p.ref, p.map)));
  const x = scaleLinear()
    .domain([0, Math.max(1, pts.length - 1)])
    .range([M.l, W - M.r]);
  const y = scaleLinear()
    .domain([0, maxY])
    .range([H - M.b, M.t]);
  const refLine = line<ChartPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.ref))
    .curve(curveStepAfter);
  const mapLine = line<ChartPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.map))
    .curve(curveStepAfter);
  const changes = pts.filter((p, i) => i > 0 && (p.ref !== pts[i - 1]?.ref || p.free));
  return (
    <svg
      width={W}
      height={H}
      role="img"
      aria-label={`refcount and mapcount of pfn ${history.pfn} over ${pts.length - 1} steps`}
      data-testid="refcount-chart"
    >
      {y.ticks(Math.min(maxY, 4)).map((t) => (
        <g key={t}>
          <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} stroke="#1e293b" />
          <text x={M.l - 4} y={y(t) + 3} textAnchor="end" fontSize={9} fill="#94a3b8">
            {t}
          </text>
        </g>
      ))}
      <line
        x1={M.l}
        x2={W - M.r}
        y1={y(idle)}
        y2={y(idle)}
        stroke="#94a3b8"
        strokeDasharray="3 3"
      />
      <text x={W - M.r} y={y(idle) - 2} textAnchor="end" fontSize={9} fill="#94a3b8">
        idle {idle}
      </text>
      <path
        d={mapLine(pts) ?? ''}
        fill="none"
        stroke="#CC79A7"
        strokeWidth={1.5}
        strokeDasharray="4 2"
      />
      <path d={refLine(pts) ?? ''} fill="none" stroke="#56B4E9" strokeWidth={2} />
      {changes.map((p) => (
        <g key={p.x} data-testid={p.free ? 'chart-free' : 'chart-change'}>
          <circle cx={x(p.x)} cy={y(p.ref)} r={3} fill={p.free ? '#D55E00' : '#56B4E9'} />
          <title>{`${p.label}: refcount ${p.ref}, mapcount ${p.map}`}</title>
        </g>
      ))}
      {changes.slice(-3).map((p, i) => (
        <text
          key={`l${p.x}`}
          x={Math.min(x(p.x) + 3, W - 120)}
          y={M.t + 10 + i * 10}
          fontSize={9}
          fill={p.free ? '#fca5a5' : '#cbd5e1'}
          data-testid="chart-label"
        >
          {p.label}
        </text>
      ))}
      <text x={M.l} y={H - 4} fontSize={9} fill="#56B4E9">
        — refcount
      </text>
      <text x={M.l + 60} y={H - 4} fontSize={9} fill="#CC79A7">
        - - mapcount
      </text>
    </svg>
  );
}
