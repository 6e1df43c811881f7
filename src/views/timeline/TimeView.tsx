/**
 * Simulated time: where the current operation's time goes, micro-step by micro-step, coloured
 * by phase group (fault handling, copy, invalidation, TLB shootdown, the rest), on the
 * scenario's platform and re-priced on the others on one shared axis, so a lecture sees the
 * copy shrink on NVLink-C2C while the faults stay. Below, every operation's total; click one
 * to go there. D3 scales, React draws the SVG.
 */
import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { selectCurrentOp, selectOps, selectPosition, selectSpec } from '../../store/selectors';
import { useLab } from '../../store/react';
import { formatNs } from '../../engine/cost/time';
import { PHASE_GROUPS, timings, type PhaseGroup } from '../model/timing';
import { Panel } from '../../ui/Panel';
import { CHART_FONT as F, scaleOf, useViewScale } from '../scale/viewScale';
import { useThemeColors } from '../theme/colors';

/** Drawn in the lab's px, shown at the view's scale (a viewBox: vector, so crisp at any size). */
const W = 364;
const ROW = 18;
const LABEL = 84;
/** The legend: two phase groups a line (a label and its time, at 11 px, take up to ~170 px). */
const LEGEND_COLS = 2;
const LEGEND_W = 182;
const LEGEND_ROW = 14;
const OVERVIEW_H = 26;
const MAX_BARS = 180;

const colorOf = (g: PhaseGroup): string =>
  PHASE_GROUPS.find((p) => p.group === g)?.color ?? '#999999';

export function TimeView() {
  const op = useLab(selectCurrentOp);
  const ops = useLab(selectOps);
  const pos = useLab(selectPosition);
  const spec = useLab(selectSpec);
  const seek = useLab((s) => s.seek);
  const k = useThemeColors();
  const s = scaleOf(useViewScale());
  const predicting = useLab((s) => s.predict.on);
  const rows = useMemo(() => (op ? timings(op.steps, spec.platform) : []), [op, spec.platform]);
  const overview = useMemo(() => opBuckets(ops.map((o) => o.cost)), [ops]);
  const max = Math.max(1, ...rows.map((r) => r.total));
  const x = scaleLinear()
    .domain([0, max])
    .range([LABEL, W - 4]);
  const own = rows[0];
  const total = ops.reduce((t, o) => t + o.cost, 0);
  const detail = op ? `op ${op.index + 1}: ${formatNs(op.cost)}` : null;
  const ovMax = Math.max(1, ...overview.map((b) => b.cost));
  const barW = overview.length ? (W - LABEL - 4) / overview.length : 0;
  const legendRows = Math.ceil(PHASE_GROUPS.length / LEGEND_COLS);
  const overviewTop = rows.length * (ROW + 4) + 16 + legendRows * LEGEND_ROW + 4;
  const height = overviewTop + OVERVIEW_H + 8;
  return (
    <Panel title="Simulated time" detail={detail} testId="time-view">
      {!op || !own ? (
        <p className="text-xs text-slate-400">
          Step into an operation to see where its simulated time goes.
        </p>
      ) : (
        <svg
          width={W * s}
          height={height * s}
          viewBox={`0 0 ${W} ${height}`}
          // Narrower than the chart (a phone): it scales down, text and all, rather than overflow.
          style={{ maxWidth: '100%', height: 'auto' }}
          role="img"
          aria-label={`Simulated time${detail ? ` of ${detail}` : ''}, by micro-step and phase, on each platform`}
        >
          {rows.map((r, ri) => (
            <g
              key={r.platform}
              transform={`translate(0 ${ri * (ROW + 4)})`}
              data-testid={`time-row-${r.platform}`}
            >
              <text x={0} y={ROW - 4} fontSize={F} fill={ri === 0 ? k.text : k.textMuted}>
                {r.platform === 'pcie4' ? 'PCIe 4.0' : 'NVLink-C2C'}
                {ri === 0 ? ' ●' : ''}
              </text>
              {r.segments
                .filter((s) => !predicting || !pos || s.step <= pos.step)
                .map((s) => (
                  <rect
                    key={s.step}
                    x={x(s.start)}
                    y={1}
                    width={Math.max(0.5, x(s.start + s.cost) - x(s.start))}
                    height={ROW - 2}
                    fill={colorOf(s.group)}
                    opacity={pos && s.step === pos.step ? 1 : 0.55}
                    stroke={pos && s.step === pos.step ? k.changed : 'none'}
                    strokeWidth={1.5}
                  >
                    <title>{`${s.step + 1}. ${s.fn}: ${formatNs(s.cost)}`}</title>
                  </rect>
                ))}
              <text
                x={Math.min(W - 2, x(r.total) + 3)}
                y={ROW - 4}
                fontSize={F}
                fill={k.text}
                textAnchor={x(r.total) > W - 50 ? 'end' : 'start'}
              >
                {formatNs(r.total)}
              </text>
            </g>
          ))}
          <g transform={`translate(0 ${rows.length * (ROW + 4)})`}>
            {x.ticks(4).map((t) => (
              <text
                key={t}
                x={x(t)}
                y={F}
                fontSize={F}
                fill={k.textFaint}
                // The last tick may sit at the right edge: it ends there rather than past it.
                textAnchor={x(t) > W - 24 ? 'end' : 'middle'}
              >
                {formatNs(t)}
              </text>
            ))}
          </g>
          <g transform={`translate(0 ${rows.length * (ROW + 4) + 16})`} data-testid="time-legend">
            {PHASE_GROUPS.map((g, i) => (
              <g
                key={g.group}
                transform={`translate(${(i % LEGEND_COLS) * LEGEND_W} ${Math.floor(i / LEGEND_COLS) * LEGEND_ROW})`}
              >
                <rect width={8} height={8} y={2} fill={g.color} />
                <text x={11} y={10} fontSize={F} fill={k.text}>
                  {g.label} {formatNs(own.byGroup[g.group])}
                </text>
              </g>
            ))}
          </g>
          <g transform={`translate(0 ${overviewTop})`}>
            <text x={0} y={F} fontSize={F} fill={k.textMuted}>
              all ops
            </text>
            <text x={0} y={2 * F + 2} fontSize={F} fill={k.textFaint}>
              {formatNs(total)}
            </text>
            {overview.map((b, i) => {
              const h = Math.max(1, (b.cost / ovMax) * (OVERVIEW_H - 2));
              const here = op.index >= b.first && op.index <= b.last;
              const bw = Math.max(1, barW - (barW > 3 ? 1 : 0));
              return (
                <g key={b.first}>
                  {here && (
                    // The current operation: also marked by a bar beneath (not by colour alone).
                    <rect
                      x={LABEL + i * barW}
                      y={OVERVIEW_H + 1}
                      width={bw}
                      height={2}
                      fill={k.text}
                    />
                  )}
                  <rect
                    x={LABEL + i * barW}
                    y={OVERVIEW_H - h}
                    width={bw}
                    height={h}
                    fill={here ? k.changed : k.bar}
                    className="cursor-pointer"
                    onClick={() => {
                      const last = ops[b.last];
                      if (last) void seek(b.last, last.steps.length - 1);
                    }}
                  >
                    <title>
                      {b.first === b.last
                        ? `op ${b.first + 1}`
                        : `ops ${b.first + 1}–${b.last + 1}`}
                      : {formatNs(b.cost)}
                    </title>
                  </rect>
                </g>
              );
            })}
          </g>
        </svg>
      )}
    </Panel>
  );
}

/** Operations' costs in at most MAX_BARS buckets (the largest op of each bucket stands for it). */
function opBuckets(costs: readonly number[]): { first: number; last: number; cost: number }[] {
  const per = Math.max(1, Math.ceil(costs.length / MAX_BARS));
  const out: { first: number; last: number; cost: number }[] = [];
  for (let i = 0; i < costs.length; i += per) {
    const last = Math.min(costs.length, i + per) - 1;
    let cost = 0;
    for (let j = i; j <= last; j++) cost = Math.max(cost, costs[j] ?? 0);
    out.push({ first: i, last, cost });
  }
  return out;
}
