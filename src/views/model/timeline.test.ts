/** The scrubber's markers and the simulated-time view's data, from a real run. */
import { describe, expect, it } from 'vitest';
import { PLATFORMS, phaseCost } from '../../engine/cost/platforms';
import { MARK } from '../../engine/trace/step';
import { parse } from '../../scenario/parse';
import { STORYBOARD } from '../../scenario/examples';
import { LabHost } from '../../worker/host';
import { stopIndex } from '../../timeline/navigation';
import { timelineMarkers } from './marks';
import { phaseGroup, timingOn, timings } from './timing';

function storyboardOps() {
  const r = parse(STORYBOARD);
  if (!r.ok) throw new Error('storyboard');
  const steps = r.scenario.steps.map(({ command, expects, line }) => ({ command, expects, line }));
  return new LabHost().init(r.scenario.machine, steps, null, null).ops;
}

describe('scrubber markers', () => {
  it('puts each marked micro-step in its lane at its stop index', () => {
    const ops = storyboardOps();
    const m = timelineMarkers(ops);
    for (const [kind, bit] of Object.entries(MARK) as [keyof typeof MARK, number][]) {
      const want: number[] = [];
      ops.forEach((op) =>
        op.steps.forEach((s, i) => {
          if (s.marks & bit) want.push(stopIndex(ops, { op: op.index, step: i }));
        }),
      );
      expect(m[kind]).toEqual(want);
    }
    // The storyboard migrates a page and faults it back: both lanes have markers.
    expect(m.migrate.length).toBeGreaterThan(0);
    expect(m.fault.length).toBeGreaterThan(0);
  });
});

describe('simulated time', () => {
  it('re-prices every step on each platform and adds up to the recorded cost', () => {
    const ops = storyboardOps();
    const migrate = ops.find((o) => o.command.op === 'migrate-to-dev');
    if (!migrate) throw new Error('no migration in the storyboard');
    const [own, other] = timings(migrate.steps, 'pcie4');
    expect(own?.platform).toBe('pcie4');
    expect(own?.total).toBe(migrate.cost);
    expect(other?.platform).toBe('c2c');
    // The copy is what NVLink-C2C makes cheaper; faults and page-table work do not change.
    expect(other?.byGroup.copy).toBeLessThan(own?.byGroup.copy ?? 0);
    expect(own?.byGroup.copy).toBeGreaterThan(0);
    const t = timingOn(migrate.steps, 'c2c');
    migrate.steps.forEach((s, i) => {
      expect(t.segments[i]?.cost).toBe(phaseCost(PLATFORMS.c2c, s.phase, s.pages));
      expect(t.segments[i]?.group).toBe(phaseGroup(s.phase));
    });
    // Segments are laid end to end.
    t.segments.forEach((seg, i) => {
      const prev = t.segments[i - 1];
      expect(seg.start).toBe(prev ? prev.start + prev.cost : 0);
    });
  });
});
