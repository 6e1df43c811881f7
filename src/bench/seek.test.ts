/**
 * The seek benchmark's scenario and harness, run small: deterministic, mostly successful, and
 * the numbers it reports are there. Nothing about time is asserted (benchmarks are not tests).
 */
import { describe, expect, it } from 'vitest';
import { LabHost } from '../worker/host';
import { benchScenario, formatSeekBench, runSeekBench } from './seek';

describe('the seek benchmark', () => {
  it('generates the same realistic scenario from the same seed', () => {
    const a = benchScenario(400, 7);
    expect(a).toHaveLength(400);
    expect(benchScenario(400, 7)).toEqual(a);
    expect(benchScenario(400, 8)).not.toEqual(a);
    const ops = new Set(a.map((c) => c.op));
    for (const op of [
      'mmap',
      'munmap',
      'cpu-write',
      'cpu-read',
      'migrate-to-dev',
      'migrate-to-sys',
      'dev-read',
      'fork',
      'exit',
    ])
      expect(ops).toContain(op);
  });

  it('runs and reports every figure', () => {
    const r = runSeekBench({
      ops: 300,
      seeks: 30,
      walk: 20,
      host: new LabHost({ checkpointEvery: 8 }),
    });
    expect(r.ok / r.ops).toBeGreaterThan(0.8);
    expect(r.checkpointEvery).toBe(8);
    expect(r.checkpoints).toBe(Math.ceil(300 / 8) - 1);
    expect([r.random.n, r.stepBack.n, r.stepForward.n]).toEqual([30, 20, 20]);
    expect(r.replayedPerSeek).toBeLessThanOrEqual(8);
    expect(formatSeekBench(r)).toMatch(/random micro-step/);
  });
});
