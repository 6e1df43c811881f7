/**
 * Regenerates the screenshots in docs/ (run with DOCS=1 npx playwright test docs). Not part of
 * the normal run: pixels are for people, tests assert through the hook.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

test.skip(!process.env.DOCS, 'set DOCS=1 to regenerate docs/ screenshots');

test('the lab mid-migration', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const lab = new LabPage(page);
  await lab.midMigration();
  await page.screenshot({ path: 'docs/lab-mid-migration.png' });
});

const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');

test('presenter mode with predict-then-reveal, on a 1920x1080 projector', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const lab = new LabPage(page);
  const link = encodeLink({
    text: STORYBOARD,
    at: { op: 4, step: -1 },
    selection: null,
    watched: null,
  });
  await page.goto(`/?present&predict&views=address-space,memory,page-tables,inspector#${link}`);
  await lab.idle();
  await page.getByTestId('dismiss-error').click();
  await lab.select('app', 'buf', 0);
  await lab.key('Shift+ArrowRight');
  await page.getByTestId('guess-where-dev:gpu0').click();
  await page.getByTestId('guess-ref-0').click();
  await page.screenshot({ path: 'docs/presenter.png' });
});

test('an embed on a course page', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 640 });
  const link = encodeLink({
    text: STORYBOARD,
    at: null,
    selection: { proc: 'app', buf: 'buf', first: 0, count: 1 },
    watched: null,
  });
  await page.goto('/');
  const src = `${new URL(page.url()).origin}/?embed&views=address-space,page-tables&range=5-6#${link}`;
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>OS course, week 5</title></head>
     <body style="font-family: Georgia, serif; background: #f8f5ee; color: #222; margin: 24px">
     <h1 style="margin: 0 0 4px">Week 5: device memory and HMM</h1>
     <p style="margin: 0 0 12px">Step through the migration below (arrow keys or the buttons).</p>
     <iframe src="${src.replace(/&/g, '&amp;')}" title="Migration to device memory" width="940" height="500" style="border:1px solid #ccc"></iframe>
     </body></html>`,
  );
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('player-forward').click();
  for (let i = 0; i < 5; i++) await frame.getByTestId('player-forward').click();
  await expect(frame.getByTestId('player-position')).toHaveText(/^op 5\/7 · step 6\//);
  await expect(frame.getByTestId('status')).toHaveText('');
  await page.screenshot({ path: 'docs/embed.png' });
});

test('a phone: the storyboard as a player', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const lab = new LabPage(page);
  await page.goto('/');
  await lab.idle();
  for (let i = 0; i < 11; i++) await page.getByTestId('player-forward').click();
  await lab.idle();
  await page.getByTestId('dismiss-error').click();
  await page.screenshot({ path: 'docs/phone.png' });
});
