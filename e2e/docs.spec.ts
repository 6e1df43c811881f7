/**
 * Regenerates the screenshots in docs/ (run with DOCS=1 npx playwright test docs). Not part of
 * the normal run: pixels are for people, tests assert through the hook.
 */
import { test } from '@playwright/test';
import { LabPage } from './pages/LabPage';

test.skip(!process.env.DOCS, 'set DOCS=1 to regenerate docs/ screenshots');

test('the lab mid-migration', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const lab = new LabPage(page);
  await lab.open();
  await lab.writtenAndOpened(4, 42);
  await lab.click('gpu0-read');
  await lab.click('gpu0-migrate');
  await lab.select('app', 'buf0', 0, 3);
  await page.getByTestId('step-list').getByText('migrate_vma_check_page').click();
  await lab.idle();
  // Inspect the first RAM page: its refcount chart shows the migration's references.
  const box = await page.getByTestId('grid-ram').locator('canvas').boundingBox();
  if (box) await page.mouse.click(box.x + 8, box.y + 8);
  await lab.idle();
  await page.screenshot({ path: 'docs/lab-mid-migration.png' });
});
