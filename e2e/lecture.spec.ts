/**
 * Issue 5's lecture flows: presenter mode by keys only, predict-then-reveal, the embed snippet
 * in an iframe on another page, and the phone-width player.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');
const link = (at: { op: number; step: number } | null = { op: -1, step: -1 }) =>
  encodeLink({ text: STORYBOARD, at, selection: null, watched: null });

test('presenter mode, by keys only, through a whole preset', async ({ page }) => {
  const lab = new LabPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/?present#${link()}`);
  const presenter = page.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  await expect(page.getByTestId('presenter-title')).toHaveText('One page to the GPU and back');
  // The editor and the action panel are not there; the caption is.
  await expect(page.getByTestId('scenario')).toHaveCount(0);
  await expect(page.getByTestId('actions')).toHaveCount(0);
  await expect(page.getByTestId('caption')).toContainText('nothing has run yet');
  await lab.idle();

  // Step through every micro-step with → only, collecting the caption's functions.
  const fns: string[] = [];
  for (let i = 0; i < 200; i++) {
    const before = await lab.position().textContent();
    await page.keyboard.press('ArrowRight');
    await lab.idle();
    const after = await lab.position().textContent();
    if (after === before) break;
    fns.push((await page.getByTestId('caption-fn').textContent()) ?? '');
  }
  for (const fn of [
    'do_mmap',
    'migrate_vma_pages',
    'migrate_vma_finalize',
    'free_zone_device_folio',
  ])
    expect(fns).toContain(fn);
  await expect(lab.position()).toHaveText(/^op 7\/7 · step (\d+)\/\1$/);

  // Back to the migration with Shift+← and the views agree.
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await lab.idle();
  await expect(lab.position()).toHaveText(/^op 5\//);
  expect((await lab.hookPte('app', 'buf', 0))?.kind).toBe('device-private');

  // ? lists the shortcuts; Escape closes; P leaves presenter mode for the lab.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help')).toBeVisible();
  await expect(page.getByTestId('help')).toContainText('step over (next operation)');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help')).toHaveCount(0);
  await page.keyboard.press('p');
  await expect(presenter).toHaveCount(0);
  await expect(page.getByTestId('lab')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await lab.idle();
  await expect(lab.position()).toHaveText(/^op 5\//);
  await page.keyboard.press('p');
  await expect(presenter).toBeVisible();
  expect(new URL(page.url()).search).toMatch(/present/);
  expect(lab.errors).toEqual([]);
});

/** Whether two boxes share any area (touching edges do not count). */
function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('predict, then reveal: per operation by default, per micro-step on request, never over the answer', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  // Before "gpu0 migrate": the next operation moves the page to the device.
  await page.goto(`/?predict#${link({ op: 4, step: -1 })}`);
  await lab.idle();
  const card = page.getByTestId('predict-card');
  await expect(card).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByTestId('predict-unit-operation')).toHaveAttribute('aria-pressed', 'true');
  await lab.select('app', 'buf', 0); // the page, and its RAM frame in the inspector
  const where = await lab.position().textContent();
  expect(where).toMatch(/^op 5\/7 · step 0\//);

  await lab.key('ArrowRight');
  await expect(card).toHaveAttribute('data-phase', 'asking');
  await expect(lab.position()).toHaveText(where ?? ''); // nothing moved yet
  // The card sits beside the views that show the answer, never over them.
  const cardBox = await card.boundingBox();
  for (const id of ['page-tables', 'inspector', 'memory', 'address-space']) {
    const box = await page.getByTestId(id).boundingBox();
    if (!cardBox || !box) throw new Error(`no box for ${id}`);
    expect(overlaps(cardBox, box), `the predict card covers ${id}`).toBe(false);
  }
  await page.getByTestId('guess-where-ram').click(); // a wrong guess
  await page.getByTestId('guess-ref-1').click(); // another
  await expect(page.getByTestId('guess-where-ram')).toHaveAttribute('aria-pressed', 'true');

  // A micro-step forward reveals the end of the whole operation.
  await lab.key('ArrowRight');
  await expect(card).toHaveAttribute('data-phase', 'revealed');
  await expect(lab.position()).toHaveText(/^op 5\/7 · step (\d+)\/\1$/);
  await expect(page.getByTestId('guess-where-dev:gpu0')).toHaveText(/^✓ /);
  await expect(page.getByTestId('guess-where-ram')).toHaveText(/^✗ /);
  await expect(page.getByTestId('guess-ref-0')).toHaveText(/^✓ /); // the RAM frame was freed
  await expect(page.getByTestId('predict-answer')).toContainText('gpu0');
  // The next step forward asks again.
  await lab.key('ArrowRight');
  await expect(card).toHaveAttribute('data-phase', 'asking');

  // Per micro-step: the reveal moves one micro-step.
  await page.getByTestId('predict-unit-step').click();
  await expect(page.getByTestId('predict-status')).toContainText('micro-step');
  const before = await lab.position().textContent();
  const [, op, step] = /^op (\d+)\/7 · step (\d+)\//.exec(before ?? '') ?? [];
  await lab.key('ArrowRight');
  await expect(card).toHaveAttribute('data-phase', 'revealed');
  await expect(lab.position()).toHaveText(new RegExp(`^op ${Number(op) + 1}/7 · step 1/`));
  expect(Number(step)).toBeGreaterThan(0); // at the end of op 5, so the next is op 6's first
  expect(lab.errors).toEqual([]);
});

test('the presenter keeps the predict card out of its views', async ({ page }) => {
  const lab = new LabPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`/?present&predict&views=page-tables,inspector#${link({ op: 4, step: -1 })}`);
  await lab.idle();
  const card = page.getByTestId('predict-card');
  await expect(card).toBeVisible();
  const cardBox = await card.boundingBox();
  for (const id of ['page-tables', 'inspector']) {
    const box = await page.getByTestId(id).boundingBox();
    if (!cardBox || !box) throw new Error(`no box for ${id}`);
    expect(overlaps(cardBox, box), `the predict card covers ${id}`).toBe(false);
  }
  expect(lab.errors).toEqual([]);
});

test('the embed snippet plays in an iframe on another page', async ({ page }) => {
  const lab = new LabPage(page);
  await page.goto(`/#${link(null)}`);
  await lab.idle();
  await page.getByTestId('open-embed').click();
  await page.getByTestId('view-memory').check();
  await page.getByTestId('embed-first').fill('5');
  await page.getByTestId('embed-last').fill('6');
  await page.getByTestId('embed-title').fill('Migration demo');
  const code = await page.getByTestId('embed-code').inputValue();
  expect(code).toMatch(
    /^<iframe src="[^"]+\?embed&amp;views=address-space,memory,page-tables&amp;range=5-6#hmm2\.[^"]+" title="Migration demo"/,
  );
  await page.keyboard.press('Escape');

  // A course page with nothing but the snippet.
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>Course</title></head><body><h1>Week 5</h1>${code}</body></html>`,
  );
  const frame = page.frameLocator('iframe[title="Migration demo"]');
  await expect(frame.getByTestId('player')).toBeVisible();
  await expect(frame.getByTestId('player-range')).toHaveText('ops 5–6');
  // It starts before operation 5 (the migration) and steps only within 5-6.
  await expect(frame.getByTestId('player-position')).toHaveText(/^op 4\/7 · step (\d+)\/\1$/);
  await frame.getByTestId('player-forward').click();
  await expect(frame.getByTestId('player-position')).toHaveText(/^op 5\/7 · step 1\//);
  await expect(frame.getByTestId('caption-fn')).not.toBeEmpty();
  for (let i = 0; i < 60; i++) await frame.getByTestId('player-forward').click();
  await expect(frame.getByTestId('player-position')).toHaveText(/^op 6\/7 · step (\d+)\/\1$/);
  await frame.getByTestId('player-back').click();
  await expect(frame.getByTestId('player-position')).not.toHaveText(/^op 6\/7 · step (\d+)\/\1$/);
  const open = await frame.getByTestId('player-open-lab').getAttribute('href');
  expect(open).toMatch(/#hmm2\./);
  expect(open).not.toMatch(/embed/);
});

test('an embed with autoplay and loop plays its range by itself and never touches the draft', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.mmap('buf0', 1);
  await page.waitForTimeout(400);
  const draft = await page.evaluate(() => localStorage.getItem('hmm-lab.draft'));
  expect(draft).toContain('buf0');
  await page.goto(`/?embed&views=page-tables&range=5-5&autoplay=30&loop#${link(null)}`);
  // The control bar mounts a frame after the player itself.
  await expect(page.getByTestId('player-position')).toBeVisible();
  // Every position the player shows (at 30 steps a second one lasts 33 ms: too short to poll).
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="player-position"]');
    if (!el) throw new Error('no player position');
    const seen = [el.textContent ?? ''];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  // It reaches the end of op 5 and loops back to the end of op 4 (the range's start) after it.
  const endOf = (op: number) => new RegExp(`^op ${op}/7 · step (\\d+)/\\1$`);
  await expect
    .poll(async () => {
      const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
      const end = seen.findIndex((t) => endOf(5).test(t));
      return end >= 0 && seen.slice(end + 1).some((t) => endOf(4).test(t));
    })
    .toBe(true);
  expect(await page.evaluate(() => localStorage.getItem('hmm-lab.draft'))).toBe(draft);
});

test('an embed keeps working offline once loaded, from a static host path', async ({
  page,
  context,
}) => {
  // Served from a sub-path, as a static host would: the assets are relative.
  await page.goto(`/index.html?embed&views=address-space#${link({ op: 4, step: -1 })}`);
  await expect(page.getByTestId('player-position')).toHaveText(/^op 5\/7 · step 0\//);
  await context.setOffline(true);
  for (let i = 0; i < 3; i++) await page.getByTestId('player-forward').click();
  await expect(page.getByTestId('player-position')).toHaveText(/^op 5\/7 · step 3\//);
  await context.setOffline(false);
});

test('on a phone, a link opens a read-only player', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const lab = new LabPage(page);
  await page.goto(`/#${link({ op: 4, step: -1 })}`);
  await expect(page.getByTestId('player')).toHaveAttribute('data-layout', 'stack');
  await expect(page.getByTestId('actions')).toHaveCount(0);
  await expect(page.getByTestId('scenario')).toHaveCount(0);
  await expect(page.getByTestId('address-space')).toBeVisible();
  await page.getByTestId('player-forward').click();
  await lab.idle();
  await expect(page.getByTestId('player-position')).toHaveText(/^op 5\/7 · step 1\//);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  expect(lab.errors).toEqual([]);
});
