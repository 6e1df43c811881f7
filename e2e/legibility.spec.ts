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

  test('after a click on a page or a frame the arrow keys step the timeline; by keyboard they move within', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.writtenAndOpened(4, 7);
    await lab.click('gpu0-migrate');
    await lab.key('Home');
    await lab.key('Shift+ArrowRight'); // the end of op 1: the buffer is mapped
    const position = lab.position();
    const mapped = await position.textContent();
    await page.getByTestId('page-app-buf0-1').click();
    await lab.key('ArrowRight');
    await expect(position).not.toHaveText(mapped ?? '');
    const after = await position.textContent();
    // A click on a memory grid's frame inspects it and leaves the arrows to the timeline too.
    const grid = page.getByTestId('grid-ram').locator('canvas');
    const box = await grid.boundingBox();
    if (!box) throw new Error('no RAM grid');
    await page.mouse.click(box.x + 4, box.y + 4);
    await lab.key('ArrowRight');
    await expect(position).not.toHaveText(after ?? '');
    // Reached by Tab, the buffer keeps its arrows: they move between its pages.
    const cell = page.getByTestId('page-app-buf0-0');
    await cell.focus();
    const before = await position.textContent();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('page-app-buf0-1')).toBeFocused();
    await expect(position).toHaveText(before ?? '');
    // The theme toggle's label and tooltip name the same thing.
    const toggle = page.getByTestId('theme-toggle');
    await expect(toggle).toHaveText('light theme');
    await expect(toggle).toHaveAttribute('title', /^Light theme: off/);
  });

  test('a typo stops only its own line: the commands above it run, did-you-mean fixes it in one click', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    const header = 'ram 16\ndevice gpu0 private 8\nprocess app\n';
    const link = encodeLink({ text: header, at: null, selection: null, watched: null });
    await page.goto(`/#${link}`);
    await lab.idle();
    await expect(lab.position()).toHaveText('boot · 0 ops');
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(
      'app mmap buf 1\napp write buf 42\napp open gpu0\ngpu0 read buf\ngpu0 migrat buf\n',
    );
    // The four good commands ran, and the lab shows the end of the last of them.
    await expect(lab.position()).toHaveText(/^op 4\/4 · step (\d+)\/\1$/);
    await expect(lab.banner()).toContainText('runs the 4 commands above line 8');
    await expect(lab.banner()).toContainText('did you mean "migrate"?');
    const typo = page.locator('.cm-lintRange-error');
    await expect(typo).toHaveText('migrat');
    // The fix is offered where the error is shown.
    await typo.hover();
    const fix = page.locator('.cm-diagnosticAction', { hasText: 'change to migrate' });
    await fix.click();
    await expect(typo).toHaveCount(0);
    await expect(lab.position()).toHaveText(/^op 5\/5 · step (\d+)\/\1$/);
    await expect(page.getByTestId('narration')).toContainText('migrate');
    expect(lab.errors).toEqual([]);
  });
});

test('a device-exclusive entry is named by the modern kernel (v6.15) swap type', async ({
  page,
}) => {
  const lab = new LabPage(page);
  // After `gpu0 exclusive buf` (op 4): both pages hold device-exclusive entries.
  await page.goto('/#preset=exclusive&step=4');
  await lab.idle();
  await expect(lab.position()).toContainText('op 4/');
  await expect(lab.pteKind(0)).toContainText('SWP_DEVICE_EXCLUSIVE');
  await expect(lab.pteKind(0)).not.toContainText(/SWP_DEVICE_EXCLUSIVE_(READ|WRITE)/);
  expect(lab.errors).toEqual([]);
});
