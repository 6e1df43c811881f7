/**
 * Issue 13's checks of what a class reads: values keep their case and units, measured on the
 * page (computed styles, not screenshots).
 */
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/LabPage';

test.describe('legible', () => {
  test('no value is set in capitals: units and names keep their case', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.midMigration();
    // Every element the page upper-cases holds only words (labels), never a value.
    const upper = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter(
          (el) =>
            getComputedStyle(el).textTransform === 'uppercase' &&
            el.offsetParent !== null &&
            (el.textContent ?? '').trim() !== '',
        )
        .map((el) => (el.textContent ?? '').trim()),
    );
    expect(upper.length).toBeGreaterThan(3);
    for (const text of upper) expect(text, text).toMatch(/^[A-Za-z][A-Za-z .…-]*$/);
    // The simulated time says µs, and the narration names the buffer as written.
    await expect(page.getByTestId('time-view').locator('header')).toContainText(
      /op \d+: [\d.]+ µs/,
    );
    await expect(page.getByTestId('narration').locator('header')).toContainText('buf0[0..3]');
  });
});
