/**
 * The watched frame's refcount and mapcount over the micro-steps so far, as step lines (D3
 * scales and shapes; React draws the SVG). Each change is labelled with the kernel function
 * that made it; frees are called out (a square, not a dot), and the kernel model's idle level is
 * drawn dashed. The lines differ by dash as well as colour, the legend draws each line, and
 * every transition is also listed as text under the chart (a disclosure, for keyboards and
 * screen readers: the dots' tooltips need a mouse). Colours follow the theme.
 */
import { curveStepAfter, line, scaleLinear } from 'd3';
import type { FrameHistory } from '../../timeline/frameHistory';
import { chartPoints, type ChartPoint } from '../model/chart';
import { CHART_FONT as F, scaleOf, useViewScale } from '../scale/viewScale';
import { useThemeColors } from '../theme/colors';

/** Drawn in the lab's px, shown at the view's scale (a viewBox: vector, so crisp at any size). */
const W = 380;
const H = 120;
const M = { l: 26, r: 8, t: 8, b: 22 };

export function RefcountChart({ history, idle }: { history: FrameHistory; idle: number }) {
  const k = useThemeColors();
  const s = scaleOf(useViewScale());
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
    <div>
      <svg
        width={W * s}
        height={H * s}
        viewBox={`0 0 ${W} ${H}`}
        // Narrower than the chart (a phone): it scales down, text and all, rather than overflow.
        style={{ maxWidth: '100%', height: 'auto' }}
        role="img"
        aria-label={`refcount and mapcount of pfn ${history.pfn} over ${pts.length - 1} steps: ${changes.length} transitions, listed below`}
        data-testid="refcount-chart"
      >
        {y.ticks(Math.min(maxY, 4)).map((t) => (
          <g key={t}>
            <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} stroke={k.grid} />
            <text x={M.l - 4} y={y(t) + 4} textAnchor="end" fontSize={F} fill={k.textMuted}>
              {t}
            </text>
          </g>
        ))}
        <line
          x1={M.l}
          x2={W - M.r}
          y1={y(idle)}
          y2={y(idle)}
          stroke={k.idle}
          strokeDasharray="3 3"
        />
        <text x={W - M.r} y={y(idle) - 2} textAnchor="end" fontSize={F} fill={k.textMuted}>
          idle {idle}
        </text>
        <path
          d={mapLine(pts) ?? ''}
          fill="none"
          stroke={k.mapLine}
          strokeWidth={1.5}
          strokeDasharray="4 2"
        />
        <path d={refLine(pts) ?? ''} fill="none" stroke={k.refLine} strokeWidth={2} />
        {changes.map((p) => (
          <g key={p.x} data-testid={p.free ? 'chart-free' : 'chart-change'}>
            {p.free ? (
              <rect x={x(p.x) - 3.5} y={y(p.ref) - 3.5} width={7} height={7} fill={k.freeMark} />
            ) : (
              <circle cx={x(p.x)} cy={y(p.ref)} r={3} fill={k.refLine} />
            )}
            <title>{`${p.label}: refcount ${p.ref}, mapcount ${p.map}`}</title>
          </g>
        ))}
        {changes.slice(-3).map((p, i) => (
          <text
            key={`l${p.x}`}
            // Right of its point in the chart's left half, left of it in the right half: a
            // label never runs past the chart's edge.
            x={x(p.x) < W / 2 ? x(p.x) + 3 : x(p.x) - 3}
            textAnchor={x(p.x) < W / 2 ? 'start' : 'end'}
            y={M.t + F + i * (F + 2)}
            fontSize={F}
            fill={p.free ? k.freeText : k.text}
            data-testid="chart-label"
          >
            {p.label}
          </text>
        ))}
        <line x1={M.l} x2={M.l + 14} y1={H - 8} y2={H - 8} stroke={k.refLine} strokeWidth={2} />
        <text x={M.l + 18} y={H - 4} fontSize={F} fill={k.text}>
          refcount
        </text>
        <line
          x1={M.l + 78}
          x2={M.l + 92}
          y1={H - 8}
          y2={H - 8}
          stroke={k.mapLine}
          strokeWidth={1.5}
          strokeDasharray="4 2"
        />
        <text x={M.l + 96} y={H - 4} fontSize={F} fill={k.text}>
          mapcount
        </text>
        <rect x={M.l + 166} y={H - 11} width={7} height={7} fill={k.freeMark} />
        <text x={M.l + 177} y={H - 4} fontSize={F} fill={k.text}>
          freed
        </text>
      </svg>
      <details className="text-2xs text-slate-400" data-testid="chart-transitions">
        <summary className="cursor-pointer">
          {changes.length} transition{changes.length === 1 ? '' : 's'}
        </summary>
        <ol className="ml-4 list-decimal font-mono">
          {changes.map((p) => (
            <li key={p.x}>
              step {p.x}: {p.label} (refcount {p.ref}, mapcount {p.map})
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
