/**
 * Click-to-updated-view on the default machine (run with BENCH=1 npx playwright test bench).
 * Each sample clicks an action and measures, inside the page, from the click to the first
 * animation frame after the store applied the worker's reply and React committed the views.
 * Prints the median and p95; asserts nothing about time (benchmarks are not tests).
 */
import { test } from '@playwright/test';
import type {} from '../src/testHook';
import { LabPage } from './pages/LabPage';

test.skip(!process.env.BENCH, 'set BENCH=1 to run the benchmarks');

test('click to updated view, default machine', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.mmap('buf0', 8);
  await lab.select('app', 'buf0', 0, 7);
  await lab.click('open-gpu0');
  await lab.select('app', 'buf0', 0, 7);
  const actions = ['act-cpu-write', 'gpu0-migrate', 'act-cpu-read', 'gpu0-read', 'act-cpu-inc'];
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const id = actions[i % actions.length] ?? 'act-cpu-read';
    const ms = await page.evaluate(async (testId) => {
      const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);
      const hook = window.__hmmlab;
      if (!button || !hook?.stamp) return -1;
      const before = hook.stamp();
      const t0 = performance.now();
      button.click();
      // Wait for the reply to be applied (the stamp moves), then for the frame that shows it.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (hook.stamp?.() !== before) requestAnimationFrame(() => resolve());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    }, id);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? NaN;
  console.log(
    `click-to-view (n=${samples.length}): median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${q(0).toFixed(1)} ms, max ${q(0.999).toFixed(1)} ms`,
  );
});
