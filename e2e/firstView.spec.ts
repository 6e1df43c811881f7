/**
 * Issue 13, the first view: index.html paints a loading state before any script runs (a status
 * for screen readers, in the reader's theme, still when they ask for reduced motion), and the app
 * removes it once it has mounted.
 */
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/LabPage';

/** The page with none of the app's scripts: what shows before they run. */
async function scriptsHeld(page: Page): Promise<void> {
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await page.goto('/');
}

const loading = (page: Page) => page.locator('#boot-loading');

const style = (page: Page) =>
  page.evaluate(() => {
    const box = document.getElementById('boot-loading');
    const spinner = box?.querySelector('.boot-spinner');
    if (!box || !spinner) return null;
    return {
      background: getComputedStyle(box).backgroundColor,
      color: getComputedStyle(box).color,
      animation: getComputedStyle(spinner).animationName,
    };
  });

test('before any script: a loading status, in the dark theme, spinning', async ({ page }) => {
  await scriptsHeld(page);
  await expect(page.getByRole('status')).toHaveText('Loading HMM Lab…');
  await expect(loading(page)).toBeVisible();
  expect(await style(page)).toEqual({
    background: 'rgb(2, 6, 23)',
    color: 'rgb(203, 213, 225)',
    animation: 'boot-spin',
  });
});

test('in a light system theme it is light; with reduced motion it stands still', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await scriptsHeld(page);
  await expect(loading(page)).toBeVisible();
  expect(await style(page)).toEqual({
    background: 'rgb(241, 245, 249)',
    color: 'rgb(51, 65, 85)',
    animation: 'none',
  });
});

test('the lab, once mounted, removes it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(loading(page)).toHaveCount(0);
  expect(lab.errors).toEqual([]);
});
