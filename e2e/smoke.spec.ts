import { expect, test } from '@playwright/test';

test('the lab loads with every view and no errors @smoke', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect(page).toHaveTitle('HMM Lab');
  await expect(page.getByRole('heading', { level: 1, name: 'HMM Lab' })).toBeVisible();
  for (const id of [
    'address-space',
    'actions',
    'memory',
    'page-tables',
    'inspector',
    'counters',
    'narration',
    'scenario',
    'timeline',
    'time-view',
  ])
    await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('');
  await expect(page.getByTestId('grid-ram')).toBeVisible();
  // 1280x720 without scrolling the page.
  const overflow = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  expect(overflow[0]).toBeLessThanOrEqual(1280);
  expect(overflow[1]).toBeLessThanOrEqual(720);
  // Every action is on screen: the actions panel does not need scrolling either.
  const actions = page.getByTestId('actions').locator(':scope > div');
  const [scroll, client] = await actions.evaluate((el) => [el.scrollHeight, el.clientHeight]);
  expect(scroll).toBeLessThanOrEqual(client);
  expect(errors).toEqual([]);
});
