import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { BENCH_MACHINE, benchScenario } from '../src/bench/seek';
import { machineArb, sequenceArb } from '../src/engine/testing/arbitrary';
import { runHash, type EngineRun } from '../src/engine/runs';
import { parse } from '../src/scenario/parse';
import { runScenario } from '../src/scenario/run';
import type {} from '../src/views/testHook';

const DIR = join(import.meta.dirname, '../src/conformance');

/** The same scenarios, run here in Node, must give the browser's trace hashes. */
function nodeHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.hmm'))) {
    const p = parse(readFileSync(join(DIR, f), 'utf8'));
    if (!p.ok) throw new Error(`${f}: ${p.errors[0]?.message}`);
    const r = runScenario(p.scenario);
    if (!r.ok) throw new Error(`${f}: ${r.error}`);
    out[f] = r.run.engine.traceHash();
  }
  return out;
}

test('the conformance suite passes in Chromium with the same trace hashes as in Node', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/?selfcheck');
  await page.getByRole('button', { name: 'Run the conformance suite' }).click();
  const node = nodeHashes();
  const n = Object.keys(node).length;
  await expect(page.getByTestId('selfcheck-summary')).toHaveText(`${n} of ${n} scenarios pass`);
  const browser = await page.evaluate(() => window.__hmmlab?.conformance ?? {});
  expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  for (const [name, hash] of Object.entries(node)) {
    expect(browser[name]?.passed, name).toBe(true);
    expect(browser[name]?.traceHash, name).toBe(hash);
  }
  expect(errors).toEqual([]);
});

/**
 * Random runs as the property tests generate them (several processes, devices of every type,
 * forks, pins, hotplug, both kernel models), plus long random scenarios from the seek
 * benchmark: hashed here in Node and in the browser's self-check worker. The seed is fixed so a
 * failure reproduces; DETERMINISM_SEED picks another.
 */
test('random engine runs give the same trace hashes in a browser worker as in Node', async ({
  page,
}) => {
  const seed = Number(process.env.DETERMINISM_SEED ?? 20261122);
  const runs: EngineRun[] = [
    ...fc
      .sample(fc.tuple(machineArb(), sequenceArb), { numRuns: 60, seed })
      .map(([spec, commands]) => ({ spec, commands })),
    ...[1, 2, 3].map((s) => ({ spec: BENCH_MACHINE, commands: benchScenario(1500, seed + s) })),
  ];
  const node = runs.map(runHash);
  // Both kernel models are in the sample, and the runs differ from one another.
  expect(new Set(runs.map((r) => r.spec.kernel))).toEqual(new Set(['modern', 'seeds']));
  expect(new Set(node).size).toBeGreaterThan(runs.length / 2);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/?selfcheck');
  await expect.poll(() => page.evaluate(() => typeof window.__hmmlab?.hashRuns)).toBe('function');
  const browser = await page.evaluate((rs) => window.__hmmlab?.hashRuns?.(rs) ?? [], runs);
  expect(browser, `seed ${seed}`).toEqual(node);
  expect(errors).toEqual([]);
});
