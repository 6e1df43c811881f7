/**
 * How the page starts (src/main.tsx, src/boot/): the lab mounts a part per frame, so no first
 * render and layout is one long task; and a part of the app that fails to download says so
 * instead of leaving a blank page.
 */
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/LabPage';

/** In the order the lab mounts them (src/views/lab/Lab.tsx). */
const PARTS = {
  'top bar': '[data-testid="status"]',
  'address space': 'section[aria-label="Address space"]',
  'physical memory': 'section[aria-label="Physical memory"]',
  counters: 'section[aria-label="Counters"]',
  timeline: '[data-testid="timeline"]',
  scenario: '[data-testid="scenario"]',
  editor: '.cm-editor',
} as const;

test('the lab mounts a part per frame: the top bar, then each column, the timeline, the footer, the editor last', async ({
  page,
}) => {
  // Before any script of the page: count frames, and note the frame each part first shows in.
  await page.addInitScript((parts: Record<string, string>) => {
    const seen: Record<string, number> = {};
    (window as unknown as { __mounted: Record<string, number> }).__mounted = seen;
    let frame = 0;
    const tick = (): void => {
      frame += 1;
      for (const [name, selector] of Object.entries(parts))
        if (!(name in seen) && document.querySelector(selector)) seen[name] = frame;
      if (Object.keys(seen).length < Object.keys(parts).length) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, PARTS);
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.locator(PARTS.editor)).toBeVisible();
  const mounted = await page.evaluate(
    () => (window as unknown as { __mounted: Record<string, number> }).__mounted,
  );
  const order = Object.keys(PARTS).map((name) => [name, mounted[name] ?? NaN] as const);
  // Every part came, each in a later frame than the one before it.
  for (let i = 1; i < order.length; i++) {
    const [before, a] = order[i - 1] ?? ['', NaN];
    const [after, b] = order[i] ?? ['', NaN];
    expect(b, `${after} (frame ${b}) after ${before} (frame ${a})`).toBeGreaterThan(a);
  }
  expect(lab.errors).toEqual([]);
});

test('a part of the app that fails to download: a message that says so, not a blank page', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/\/assets\/start-[^/]*\.js$/, (route) => route.abort('connectionreset'));
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('HMM Lab could not start');
  await expect(alert).toContainText('Reload the page to try again');
  // Shown as text: the error's message is never markup.
  await expect(page.locator('#root > p[role="alert"]')).toHaveCount(1);
  expect(errors.join('\n')).toMatch(/dynamically imported module|Failed to fetch/i);
  // Once the network is back, a reload opens the lab.
  await page.unroute(/\/assets\/start-[^/]*\.js$/);
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByTestId('timeline')).toBeVisible();
});
