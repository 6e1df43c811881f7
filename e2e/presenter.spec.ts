/**
 * Issue 13, the presenter from the back row: at 1920x1080 the chosen views are laid out again
 * at the projector's size (every text at least 18 px, tables, legends and chart ticks included;
 * a 64-page buffer in cells of at least 40 px), a text size control kept in the link, and the
 * lab's own size back on leaving. Measured on the page: computed sizes and bounding boxes.
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

/** 64 pages written, then migrated: every default view has content at the end. */
const SIXTY_FOUR = `title "64 pages to the GPU"
kernel modern
platform pcie4
ram 128
device gpu0 private 64
process app
focus app buf

app mmap buf 64
app write buf 42
app open gpu0
gpu0 migrate buf
`;

const presenterUrl = (text: string, extra = ''): string =>
  `/?present${extra}#${encodeLink({ text, at: null, selection: null, watched: null })}`;

/** Every piece of visible text under `selector`: its rendered font size (SVG: through its CTM). */
async function textSizes(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const out: { text: string; px: number }[] = [];
    const root = document.querySelector(sel);
    if (!root) return out;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Text in a closed disclosure or a tooltip (<title>) is not on screen.
      if (el.closest('title') || el.closest('details:not([open]) > :not(summary)')) continue;
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.display === 'none') continue;
      const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
      const k = svg ? (svg.getScreenCTM()?.a ?? 1) : 1;
      out.push({ text: text.slice(0, 40), px: parseFloat(st.fontSize) * k });
    }
    return out.sort((a, b) => a.px - b.px);
  }, selector);
}

test.describe('the presenter at 1920x1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('every text in the views is at least 18 px and 64 pages show cells of at least 40 px', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await page.goto(presenterUrl(SIXTY_FOUR));
    await lab.idle();
    for (const id of ['address-space', 'memory', 'page-tables', 'inspector'])
      await expect(page.getByTestId('presenter-views-grid').getByTestId(id)).toBeVisible();
    await expect(page.getByTestId('refcount-chart')).toBeVisible();
    await expect(page.getByTestId('page-app-buf-63')).toBeVisible();

    const sizes = await textSizes(page, '[data-testid="presenter-views-grid"]');
    expect(sizes.length).toBeGreaterThan(40);
    const small = sizes.filter((s) => s.px < 18);
    expect(small, JSON.stringify(small.slice(0, 10))).toEqual([]);

    // Every one of the 64 pages is on screen, in cells of at least 40 px.
    const cells = await page.locator('[data-testid^="page-app-buf-"]').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { w: r.width, h: r.height, bottom: r.bottom };
      }),
    );
    expect(cells).toHaveLength(64);
    for (const c of cells) {
      expect(c.w).toBeGreaterThanOrEqual(40);
      expect(c.h).toBeGreaterThanOrEqual(40);
    }
    const panel = await page.getByTestId('address-space').boundingBox();
    expect(Math.max(...cells.map((c) => c.bottom))).toBeLessThanOrEqual(
      (panel?.y ?? 0) + (panel?.height ?? 0),
    );
    expect(lab.errors).toEqual([]);
  });

  test('the text size control grows and shrinks the views, is kept in the link, and the lab gets its size back', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await page.goto(presenterUrl(SIXTY_FOUR));
    await lab.idle();
    const rem = async () => Number(await page.getByTestId('presenter').getAttribute('data-rem'));
    const cellWidth = async () =>
      (await page.getByTestId('page-app-buf-0').boundingBox())?.width ?? 0;
    const before = { rem: await rem(), cell: await cellWidth() };
    expect(before.rem).toBeGreaterThanOrEqual(26);

    await page.getByTestId('presenter-text-larger').click();
    await expect(page).toHaveURL(/[?&]text=115/);
    await expect(page.getByTestId('presenter-text')).toHaveText('115%');
    expect(await rem()).toBeGreaterThan(before.rem);
    const header = page.getByTestId('page-tables').locator('th').first();
    expect(parseFloat(await header.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThan(
      before.rem * 0.6875,
    );

    // The keys: [ twice goes below the default; the link says so, and a reload keeps it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect(page).toHaveURL(/[?&]text=90/);
    await page.reload();
    await lab.idle();
    await expect(page.getByTestId('presenter-text')).toHaveText('90%');
    expect(await rem()).toBeLessThan(before.rem);

    // Leaving: the lab at its own 16 px.
    await page.getByTestId('presenter-exit').click();
    await expect(page.getByTestId('presenter')).toHaveCount(0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      '16px',
    );
    expect(lab.errors).toEqual([]);
  });

  test('a hostile text size in the link is refused with a message, the presenter opens at its default', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await page.goto(presenterUrl(SIXTY_FOUR, '&text=99999'));
    await lab.idle();
    await expect(page.getByTestId('presenter-text')).toHaveText('fit');
    await expect(page.getByText(/text size "99999" is not one of/)).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
      `${await page.getByTestId('presenter').getAttribute('data-rem')}px`,
    );
  });
});
