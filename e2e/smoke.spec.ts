import { expect, test } from '@playwright/test';

test('the page loads with its heading and no errors @smoke', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });

  await page.goto('/');

  await expect(page).toHaveTitle('HMM Lab');
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'HMM Lab' })).toBeVisible();
  await expect(page.getByText('Linux HMM page migration, step by step')).toBeVisible();
  expect(errors).toEqual([]);
});
