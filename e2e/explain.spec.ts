/**
 * Explanations in place: glossary cards on the words the lab prints (a PTE kind, a PTE bit, a
 * kernel function in the narration), by hover and by keyboard focus, with the source link of
 * the scenario's kernel model; Escape closes; the card stays inside the viewport. And the
 * first-visit tour: shown once, skippable, reopened from the help, never with a link or in an
 * embed.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';

const link = (file: string, op: number, step: number): string =>
  encodeLink({
    text: readFileSync(`src/presets/${file}.hmm`, 'utf8'),
    at: { op, step },
    selection: { proc: 'app', buf: 'buf', first: 0, count: 1 },
    watched: null,
  });

/** The storyboard right after the CPU's first write (op 2: do_anonymous_page). */
const MODERN = link('storyboard', 1, 0);
const SEEDS = link('storyboard-seeds', 1, 0);

async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('status')).toHaveText('');
}

const card = (page: Page): Locator => page.getByRole('tooltip');

/** The card is fully inside the viewport. */
async function expectInViewport(page: Page): Promise<void> {
  const box = await card(page).boundingBox();
  const vp = page.viewportSize();
  expect(box).not.toBeNull();
  if (!box || !vp) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
}

for (const [model, url, version] of [
  ['modern', MODERN, 'v6.15'],
  ['seeds', SEEDS, 'v4.14'],
] as const)
  test.describe(`glossary cards, ${model} kernel`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await visit(page, `/#${url}`);
      await expect(page.getByTestId('pte-kind-0')).toContainText('present');
    });

    test('hovering a PTE kind shows what it is and its source at this kernel', async ({ page }) => {
      const word = page.getByTestId('pte-kind-0').getByTestId('term-pte:present');
      await word.hover();
      await expect(card(page)).toBeVisible();
      await expect(card(page)).toContainText('maps a physical frame');
      await expect(word).toHaveAttribute('aria-describedby', /.+/);
      await expect(card(page).getByTestId(`term-link-${model}`)).toHaveAttribute(
        'href',
        `https://elixir.bootlin.com/linux/${version}/A/ident/pte_present`,
      );
      await expectInViewport(page);
      await page.mouse.move(0, 0);
      await expect(card(page)).toBeHidden();
    });

    test('keyboard focus on a PTE bit shows its card; Escape closes it', async ({ page }) => {
      const bit = page.getByTestId('pte-row-0').getByTestId('term-bit:dirty');
      await bit.focus();
      await expect(card(page)).toBeVisible();
      await expect(card(page)).toContainText('written');
      await expect(card(page).getByTestId(`term-link-${model}`)).toHaveAttribute(
        'href',
        `https://elixir.bootlin.com/linux/${version}/A/ident/pte_dirty`,
      );
      await expectInViewport(page);
      await page.keyboard.press('Escape');
      await expect(card(page)).toBeHidden();
      await expect(bit).toBeFocused();
    });

    test('a kernel function in the narration explains itself, by hover and by focus', async ({
      page,
    }) => {
      const fn = page.getByTestId('current-fn').getByTestId('term-do_anonymous_page');
      await fn.hover();
      await expect(card(page)).toContainText('first touch of anonymous memory');
      await expect(card(page).getByTestId(`term-link-${model}`)).toHaveAttribute(
        'href',
        `https://elixir.bootlin.com/linux/${version}/A/ident/do_anonymous_page`,
      );
      await page.mouse.move(0, 0);
      await expect(card(page)).toBeHidden();
      await fn.focus();
      await expect(card(page)).toBeVisible();
      await expectInViewport(page);
      // Tab goes into the card, to its source link.
      await page.keyboard.press('Tab');
      await expect(card(page).getByTestId(`term-link-${model}`)).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(card(page)).toBeHidden();
    });
  });

test('a name a kernel lacks says so; one both have links both versions', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // The seeds' storyboard, the device read: the hmm_dummy driver, never merged into Linux.
  await visit(page, `/#${link('storyboard-seeds', 3, 0)}`);
  await page.getByTestId('current-fn').getByTestId('term-dummy_read').focus();
  await expect(card(page)).toContainText('never merged');
  await expect(card(page).getByTestId('term-source-seeds')).toContainText('no source link');
  await expect(card(page).getByTestId('term-link-seeds')).toHaveCount(0);
  await page.keyboard.press('Escape');
  // Its next step, hmm_vma_fault: v4.14's API, an internal step of hmm_range_fault in v6.15.
  await page.getByTestId('step-list').getByText('hmm_vma_fault').click();
  await page.getByTestId('current-fn').getByTestId('term-hmm_vma_fault').hover();
  await expect(card(page).getByTestId('term-link-seeds')).toHaveAttribute(
    'href',
    'https://elixir.bootlin.com/linux/v4.14/A/ident/hmm_vma_fault',
  );
  await expect(card(page).getByTestId('term-link-modern')).toHaveAttribute('href', /\/v6\.15\//);
  await expectInViewport(page);
});

test('on a phone and in an embed the caption explains its words, inside the viewport', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await visit(page, `/#${MODERN}`);
  const fn = page.getByTestId('caption-fn').getByTestId('term-do_anonymous_page');
  await fn.focus();
  await expect(card(page)).toContainText('anonymous memory');
  await expectInViewport(page);
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();

  await page.setViewportSize({ width: 1280, height: 720 });
  await visit(page, `/?embed#${MODERN}`);
  await page.getByTestId('caption-fn').getByTestId('term-do_anonymous_page').hover();
  await expect(card(page).getByTestId('term-link-modern')).toHaveAttribute('href', /\/v6\.15\//);
  await expectInViewport(page);
});

test.describe('the first-visit tour', () => {
  // A first visit: nothing stored (the other specs run as someone who dismissed the tour).
  test.use({ storageState: { cookies: [], origins: [] } });

  test('shows on a first visit; Next, Back and Skip; not again after a reload', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await visit(page, '/');
    const tour = page.getByTestId('tour');
    await expect(tour).toBeVisible();
    await expect(page.getByTestId('tour-progress')).toHaveText('Tour · 1 of 6');
    await expect(tour.getByRole('heading')).toBeFocused();
    await page.getByTestId('tour-next').click();
    await expect(page.getByTestId('tour-progress')).toHaveText('Tour · 2 of 6');
    await expect(tour).toContainText('Page tables');
    await page.getByTestId('tour-back').click();
    await expect(page.getByTestId('tour-progress')).toHaveText('Tour · 1 of 6');
    // Keyboard: Tab stays inside the tour, Enter presses.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('tour-next')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('tour-skip')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('tour-next')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tour-progress')).toHaveText('Tour · 2 of 6');
    await page.getByTestId('tour-skip').click();
    await expect(tour).toBeHidden();
    expect(await page.evaluate(() => localStorage.getItem('hmm-lab.tour'))).toBe('seen');

    await page.reload();
    await expect(page.getByTestId('status')).toHaveText('');
    await expect(page.getByTestId('timeline')).toBeVisible();
    await expect(tour).toBeHidden();

    // Reopened from the keyboard help; Escape closes it.
    await page.keyboard.press('?');
    await page.getByTestId('help-tour').click();
    await expect(tour).toBeVisible();
    await expect(page.getByTestId('tour-progress')).toHaveText('Tour · 1 of 6');
    await page.keyboard.press('Escape');
    await expect(tour).toBeHidden();
  });

  test('walks to the end: each step outlines its part of the lab', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await visit(page, '/');
    for (let i = 1; i < 6; i++) await page.getByTestId('tour-next').click();
    await expect(page.getByTestId('tour')).toContainText('Presenter mode');
    await page.getByTestId('tour-next').click(); // Done
    await expect(page.getByTestId('tour')).toBeHidden();
  });

  test('is not shown when a link is opened, in an embed, or in presenter mode', async ({
    page,
  }) => {
    await visit(page, `/#${MODERN}`);
    await expect(page.getByTestId('pte-kind-0')).toBeVisible();
    await expect(page.getByTestId('tour')).toBeHidden();
    await visit(page, `/?embed#${MODERN}`);
    await expect(page.getByTestId('caption-fn')).toBeVisible();
    await expect(page.getByTestId('tour')).toBeHidden();
    await page.evaluate(() => localStorage.clear());
    await visit(page, '/?present');
    await expect(page.getByTestId('presenter-exit')).toBeVisible();
    await expect(page.getByTestId('tour')).toBeHidden();
  });
});
