/**
 * Issue 13, exports for slides: a file is named after the scenario and the step it shows, and a
 * picture of the lab leaves out what the lab said to the lecturer (the banner, the predict card).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/LabPage';

async function saved(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const name = download.suggestedFilename();
  await expect(page.getByTestId('export-done')).toContainText(`Saved ${name}`);
  return { name, bytes: await readFile(await download.path()) };
}

/** The height the lab's notices take in its column, in CSS pixels. */
function noticesHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const h = (sel: string, up = 0) => {
      let e = document.querySelector(sel);
      for (let i = 0; i < up && e; i++) e = e.parentElement;
      return e ? e.getBoundingClientRect().height : 0;
    };
    // The predict card sits in a padded wrapper of its own.
    return h('[data-testid="error-banner"]') + h('[data-testid="predict-card"]', 1);
  });
}

test('a picture of the lab is named after the scenario and its step, without banners or the predict card', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open('#preset=storyboard&step=4.2');
  await expect(lab.banner()).toContainText('Opened the preset');
  await page.getByTestId('predict').click();
  await expect(page.getByTestId('predict-card')).toBeVisible();
  const labBox = await page.getByTestId('lab').boundingBox();
  const notices = await noticesHeight(page);
  expect(notices).toBeGreaterThan(20);

  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-target').selectOption('lab');
  await page.getByTestId('export-scale').selectOption('1');

  const svg = await saved(page, 'export-svg');
  expect(svg.name).toBe('one-page-to-the-gpu-and-back-op4-step2.svg');
  const text = svg.bytes.toString('utf8');
  // The lab is in it (its timeline and narration), the notices are not.
  expect(text).toContain('op 4/7 · step 2/');
  expect(text).toContain('data-testid="narration"');
  expect(text).not.toContain('Opened the preset');
  expect(text).not.toContain('data-testid="error-banner"');
  expect(text).not.toContain('data-testid="predict-card"');

  const png = await saved(page, 'export-png');
  expect(png.name).toBe('one-page-to-the-gpu-and-back-op4-step2.png');
  expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  // As wide as the lab, and shorter by exactly what the notices took.
  expect(png.bytes.readUInt32BE(16)).toBe(Math.floor(labBox?.width ?? 0));
  expect(
    Math.abs(png.bytes.readUInt32BE(20) - ((labBox?.height ?? 0) - notices)),
  ).toBeLessThanOrEqual(1);

  // One view is named with the view after the step; the trace with no step at all.
  await page.getByTestId('export-target').selectOption('page-tables');
  expect((await saved(page, 'export-svg')).name).toBe(
    'one-page-to-the-gpu-and-back-op4-step2-page-tables.svg',
  );
  expect((await saved(page, 'export-trace-json')).name).toBe(
    'one-page-to-the-gpu-and-back-trace.json',
  );
  expect(lab.errors).toEqual([]);
});
