/**
 * The soak run: a 100,000-operation random scenario (the seek benchmark's generator: forks,
 * two devices, migrations both ways, pins, munmaps) loaded into the lab's worker, then a
 * session's worth of seeking: random jumps on the scrubber, steps back and forth, playback.
 * The worker's heap must hold steady: after the session (and a full collection) it is within
 * a margin of what it was once the scenario had loaded. The figures are printed for the record.
 */
import { expect, test } from '@playwright/test';
import { prng } from '../src/bench/seek';
import { longScenario } from './benchScenarios';
import { LabPage } from './pages/LabPage';
import { workerHeap } from './workerHeap';

const OPS = 100_000;
const MIB = 1024 * 1024;
const mib = (b: number): string => `${(b / MIB).toFixed(1)} MiB`;

test('a 100,000-operation scenario in the worker: seeking for a session keeps memory steady', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const lab = new LabPage(page);
  await lab.open();
  const heap = await workerHeap(page, 'host.worker');
  const atBoot = await heap.usedAfterGc();
  const t0 = Date.now();

  await page.getByTestId('file-input').setInputFiles({
    name: 'soak.hmm',
    mimeType: 'text/plain',
    buffer: Buffer.from(longScenario(OPS)),
  });
  await expect(lab.position()).toContainText(`${OPS} ops`, { timeout: 180_000 });
  await lab.idle();
  const loaded = await heap.usedAfterGc();
  const t1 = Date.now();

  // Random jumps along the scrubber, each followed by a few steps either way.
  const rnd = prng(7);
  const box = await page.getByTestId('scrubber').boundingBox();
  if (!box) throw new Error('no scrubber');
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    await page.mouse.click(box.x + 2 + rnd() * (box.width - 4), box.y + box.height / 2);
    await lab.idle();
    for (let k = 0; k < 2; k++) await lab.key(rnd() < 0.5 ? 'ArrowLeft' : 'ArrowRight');
    seen.add((await lab.position().textContent()) ?? '');
  }
  // And a few seconds of playback at full speed.
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  await page.keyboard.press('Space');
  await page.waitForTimeout(3000);
  await page.keyboard.press('Space');
  await lab.idle();
  const after = await heap.usedAfterGc();

  console.log(
    `SOAK ${OPS} ops: worker heap at boot ${mib(atBoot)}, loaded ${mib(loaded)}, ` +
      `after ${seen.size} distinct seeks + steps + 3 s of playback ${mib(after)} ` +
      `(${(((after - loaded) / loaded) * 100).toFixed(1)}%); load ${((t1 - t0) / 1000).toFixed(1)} s, ` +
      `session ${((Date.now() - t1) / 1000).toFixed(1)} s`,
  );
  // The session went places, and the lab still answers.
  expect(seen.size).toBeGreaterThan(30);
  await lab.key('End');
  await expect(lab.position()).toContainText(`op ${OPS}/${OPS}`);
  // Steady: checkpoints are bounded and the visited-step cache is capped, so seeking does not
  // grow the heap (a margin for the caches filling up, far below a leak of a snapshot per seek).
  expect(after).toBeLessThan(loaded * 1.25 + 16 * MIB);
  expect(lab.errors).toEqual([]);
});
