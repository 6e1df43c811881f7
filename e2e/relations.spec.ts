/**
 * Issue 13, "Relations you can see": hovering or focusing a PTE row or a page cell marks the
 * page, its entry, its frame's cell in the memory grid and struct page, and a leader line runs
 * from the entry to the frame's cell (lab and presenter); moving away clears it all, and an
 * entry with no frame (a migration entry) draws no line.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import type { Position } from '../src/timeline/position';
import { LabPage } from './pages/LabPage';

const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');
const link = (at: Position): string =>
  encodeLink({ text: STORYBOARD, at, selection: null, watched: null });
/** "app open gpu0": the page is in RAM, mapped by a present PTE. */
const IN_RAM: Position = { op: 2, step: 0 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The related cell's box on screen, from the canvas's box and the cell's place in it. */
async function relatedCellBox(canvas: Locator): Promise<Box> {
  const at = await canvas.getAttribute('data-related-rect');
  const box = await canvas.boundingBox();
  if (!at || !box) throw new Error('no related cell');
  const [x, y, size] = at.split(',').map(Number) as [number, number, number];
  return { x: box.x + x, y: box.y + y, width: size, height: size };
}

/** The leader line's ends, once it is shown. */
async function lineEnds(page: Page): Promise<{ from: number[]; to: number[] }> {
  const line = page.getByTestId('leader-line');
  await expect(line).toHaveAttribute('data-shown', 'true');
  const from = ((await line.getAttribute('data-from')) ?? '').split(',').map(Number);
  const to = ((await line.getAttribute('data-to')) ?? '').split(',').map(Number);
  return { from, to };
}

/** Point (x, y) lies within `slack` px of box `b`. */
function near([x, y]: number[], b: Box | null, slack = 3): void {
  expect(b).not.toBeNull();
  if (!b || x === undefined || y === undefined) return;
  expect(x).toBeGreaterThanOrEqual(b.x - slack);
  expect(x).toBeLessThanOrEqual(b.x + b.width + slack);
  expect(y).toBeGreaterThanOrEqual(b.y - slack);
  expect(y).toBeLessThanOrEqual(b.y + b.height + slack);
}

/** Two animation frames: the line (drawn in rAF) has had its chance. */
async function frames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
}

async function expectRelated(page: Page): Promise<void> {
  await expect(page.getByTestId('pte-row-0')).toHaveAttribute('data-related', 'true');
  await expect(page.getByTestId('page-app-buf-0')).toHaveAttribute('data-related', 'true');
  await expect(page.getByTestId('grid-ram').locator('canvas')).toHaveAttribute(
    'data-related-cell',
    /^\d+$/,
  );
  await expect(page.getByTestId('grid-gpu0').locator('canvas')).not.toHaveAttribute(
    'data-related-cell',
    /.*/,
  );
  await expect(page.getByTestId('inspector').locator('header')).toHaveAttribute(
    'data-related',
    'true',
  );
}

async function expectCleared(page: Page): Promise<void> {
  await expect(page.locator('[data-related]')).toHaveCount(0);
  await expect(page.locator('canvas[data-related-cell]')).toHaveCount(0);
  await expect(page.getByTestId('leader-line')).toHaveAttribute('data-shown', 'false');
}

test.describe('relations you can see', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('hovering a PTE row marks its page, frame and struct page, with a line to the frame', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open(`#${link(IN_RAM)}`);
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    const row = page.getByTestId('pte-row-0');
    await row.hover();
    await expectRelated(page);
    const ram = page.getByTestId('grid-ram').locator('canvas');
    const pfn = (await page.evaluate(() => window.__hmmlab?.pte?.('app', 'buf', 0)?.pfn)) ?? -1;
    expect(pfn).toBeGreaterThanOrEqual(0);
    const { from, to } = await lineEnds(page);
    near(from, await row.boundingBox());
    near(to, await relatedCellBox(ram));
    // The line is drawn over the views but never takes the pointer, and is hidden from AT.
    const line = page.getByTestId('leader-line');
    await expect(line).toHaveAttribute('aria-hidden', 'true');
    expect(await line.evaluate((e) => getComputedStyle(e).pointerEvents)).toBe('none');

    await page.mouse.move(2, 2);
    await expectCleared(page);
    expect(lab.errors).toEqual([]);
  });

  test('focusing a page cell from the keyboard does the same; leaving it clears it', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open(`#${link(IN_RAM)}`);
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    const cell = page.getByTestId('page-app-buf-0');
    await cell.focus();
    await expectRelated(page);
    const { from, to } = await lineEnds(page);
    near(from, await cell.boundingBox());
    near(to, await relatedCellBox(page.getByTestId('grid-ram').locator('canvas')));
    await cell.blur();
    await expectCleared(page);
    expect(lab.errors).toEqual([]);
  });

  test('hovering a frame in the grid marks the page and its PTE row, with no line', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open(`#${link(IN_RAM)}`);
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    // Find the page's frame through a PTE row first, then hover that cell in the grid.
    await page.getByTestId('pte-row-0').hover();
    const ram = page.getByTestId('grid-ram').locator('canvas');
    const box = await relatedCellBox(ram);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('page-app-buf-0')).toHaveAttribute('data-related', 'true');
    await expect(page.getByTestId('pte-row-0')).toHaveAttribute('data-related', 'true');
    await frames(page);
    await expect(page.getByTestId('leader-line')).toHaveAttribute('data-shown', 'false');
    expect(lab.errors).toEqual([]);
  });

  test('a migration entry holds no frame: its page is marked, no line is drawn', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open(`#${link({ op: 4, step: 0 })}`);
    await page.getByTestId('step-list').getByText('migrate_vma_check_page').click();
    await lab.idle();
    await expect(lab.pteKind(0)).toHaveText(/^migration/);
    await page.getByTestId('pte-row-0').hover();
    await expect(page.getByTestId('pte-row-0')).toHaveAttribute('data-related', 'true');
    await expect(page.getByTestId('page-app-buf-0')).toHaveAttribute('data-related', 'true');
    await frames(page);
    await expect(page.getByTestId('leader-line')).toHaveAttribute('data-shown', 'false');
    await expect(page.locator('canvas[data-related-cell]')).toHaveCount(0);
    expect(lab.errors).toEqual([]);
  });
});

/**
 * Open `url` (a mode whose root is `root`), hover the PTE row of a page in RAM: the leader line
 * runs from the row to the RAM frame's square, and goes when the mouse leaves.
 */
async function lineFromRowToFrame(page: Page, url: string, root: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await expect(page.getByTestId(root)).toBeVisible();
  const row = page.getByTestId('pte-row-0');
  await expect(page.getByTestId('pte-kind-0')).toHaveText(/^present/);
  await row.hover();
  await expect(row).toHaveAttribute('data-related', 'true');
  const { from, to } = await lineEnds(page);
  near(from, await row.boundingBox());
  near(to, await relatedCellBox(page.getByTestId('grid-ram').locator('canvas')));
  await page.mouse.move(2, 2);
  await expect(page.getByTestId('leader-line')).toHaveAttribute('data-shown', 'false');
  expect(errors).toEqual([]);
}

test.describe('relations in the presenter', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('the leader line runs from the PTE row to the frame there too', async ({ page }) => {
    await lineFromRowToFrame(page, `/?present#${link(IN_RAM)}`, 'presenter');
  });
});

test.describe('relations in an embed', () => {
  test.use({ viewport: { width: 1000, height: 640 } });

  test('the leader line runs from the PTE row to the frame in an embedded player', async ({
    page,
  }) => {
    await lineFromRowToFrame(page, `/?embed&views=page-tables,memory#${link(IN_RAM)}`, 'player');
  });
});
