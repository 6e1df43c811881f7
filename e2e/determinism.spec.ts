import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from '../src/scenario/parse';
import { runScenario } from '../src/scenario/run';
import type {} from '../src/testHook';

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
