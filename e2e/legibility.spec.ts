/**
 * Issue 13's checks of what a class reads: values keep their case and units, measured on the
 * page (computed styles, not screenshots).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');

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

  test('an embed starts at the start unless its link names a step, and goes back there', async ({
    page,
  }) => {
    const at = (step: { op: number; step: number } | null) =>
      encodeLink({ text: STORYBOARD, at: step, selection: null, watched: null });
    await page.goto(`/?embed&views=address-space,page-tables#${at(null)}`);
    const position = page.getByTestId('player-position');
    await expect(position).toHaveText('boot');
    await page.getByTestId('player-forward').click();
    await expect(position).toHaveText(/^op 1\/7 · step 1\//);
    await page.getByTestId('player-start').click();
    await expect(position).toHaveText('boot');
    // A link that names its step opens there, and Home in the player goes to the start.
    await page.goto(`/?embed&views=address-space#${at({ op: 3, step: 0 })}`);
    await expect(position).toHaveText(/^op 4\/7 · step 1\//);
    await page.getByTestId('player').press('Home');
    await expect(position).toHaveText('boot');
  });
});
