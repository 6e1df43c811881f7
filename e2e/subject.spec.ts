/**
 * Issue 13, "Legible from the back row": a scenario opens on the pages it is about (its focus),
 * struct page follows a page through its migrations, and a lecturer's note shows as a callout
 * at its operation in the lab, the presenter, the embed and the narrated-text export. Bad input
 * (a note too long, a focus on a process nobody declared, hostile text) is refused or shown as
 * text, and nothing is lost.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LIMITS } from '../src/engine/limits';
import { encodeLink } from '../src/share/link';
import type { Position } from '../src/timeline/position';
import { LabPage } from './pages/LabPage';

const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');
const MIGRATION_NOTE = /^Why a migration entry: migrate_vma first replaces the PTE/;

const link = (text: string, at: Position | null = null): string =>
  encodeLink({ text, at, selection: null, watched: null });

/** struct page's title: "struct page · ram:3" (case as the panel prints it). */
const inspectorTitle = (page: Page) => page.getByTestId('inspector').locator('header');

test.describe('a scenario opens on its subject', () => {
  test('a preset shows its page tables and struct page from its first step, and struct page follows the page', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await page.getByTestId('open-presets').click();
    await page.getByTestId('preset-storyboard').click();
    await expect(page.getByTestId('preset-gallery')).toBeHidden();
    await lab.idle();
    await expect(lab.position()).toHaveText(/^boot/);
    // The focus is selected: before its mmap, the panels say what is coming, not "select".
    await expect(page.getByTestId('page-tables')).toContainText('app has not mapped buf yet');
    await expect(page.getByTestId('inspector-why')).toHaveText(/app has not mapped buf yet/);

    // The first step (mmap): the page's PTE row is there, struct page says why it has no frame.
    await lab.key('ArrowRight');
    await expect(lab.pteKind(0)).toHaveText(/^none/);
    await expect(page.getByTestId('page-app-buf-0')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf[0]');
    await expect(page.getByTestId('inspector-why')).toHaveText(/maps no frame at this step/);

    // The CPU write: a RAM frame, refcount 1, with its chart.
    await lab.key('Shift+ArrowRight');
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    await expect(inspectorTitle(page)).toContainText(/ram:\d+/i);
    await expect(page.getByTestId('inspector-ref')).toHaveText(/^1 /);
    await expect(page.getByTestId('refcount-chart')).toBeVisible();
    const ram = (await inspectorTitle(page).textContent()) ?? '';

    // Through the migration: struct page is now the device's frame; back in RAM after the read.
    await lab.key('Shift+ArrowRight'); // open
    await lab.key('Shift+ArrowRight'); // gpu0 read
    await lab.key('Shift+ArrowRight'); // gpu0 migrate
    await expect(lab.pteKind(0)).toHaveText(/^device-private/);
    await expect(inspectorTitle(page)).toContainText(/gpu0:0/i);
    await expect(page.getByTestId('inspector-ref')).toHaveText(/^1 /);
    await expect(page.getByTestId('refcount-chart')).toBeVisible();
    await lab.key('Shift+ArrowRight'); // app read: migrate_to_ram
    await expect(inspectorTitle(page)).toContainText(/ram:\d+/i);
    await expect(inspectorTitle(page)).not.toContainText(/gpu0/i);
    expect(ram).toMatch(/ram:\d+/i);
    expect(lab.errors).toEqual([]);
  });

  test('a multi-page selection shows its first page and switches between them; a clicked frame stays', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.mmap('buf0', 4);
    // Selected before anything is touched: struct page says so, then fills as the pages do.
    await lab.select('app', 'buf0', 0, 3);
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf0[0] · page 1 of 4');
    await expect(page.getByTestId('inspector-why')).toHaveText(/maps no frame/);
    await lab.write(42);
    await expect(page.getByTestId('inspector-value')).toHaveText('42');
    const first = (await inspectorTitle(page).textContent()) ?? '';
    await expect(page.getByTestId('inspector-prev')).toBeDisabled();

    await page.getByTestId('inspector-next').click();
    await lab.idle();
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf0[1] · page 2 of 4');
    await expect(inspectorTitle(page)).not.toHaveText(first);
    await page.getByTestId('inspector-next').click();
    await page.getByTestId('inspector-next').click();
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf0[3] · page 4 of 4');
    await expect(page.getByTestId('inspector-next')).toBeDisabled();

    // The pages go to gpu0: struct page shows the device frame of the page it follows.
    await lab.click('open-gpu0');
    await lab.click('gpu0-migrate');
    await expect(inspectorTitle(page)).toContainText(/gpu0:\d/i);
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf0[3] · page 4 of 4');

    // Clicking a frame pins it; "follow" goes back to the page.
    const box = await page.getByTestId('grid-ram').locator('canvas').boundingBox();
    if (!box) throw new Error('no RAM grid');
    await page.mouse.click(box.x + 10, box.y + 10);
    await lab.idle();
    await expect(inspectorTitle(page)).toContainText(/ram:0/i);
    await expect(page.getByTestId('inspector-follow')).toHaveText('follow app buf0[3]');
    await page.getByTestId('inspector-follow').click();
    await lab.idle();
    await expect(inspectorTitle(page)).toContainText(/gpu0:\d/i);
    expect(lab.errors).toEqual([]);
  });
});

test.describe("a lecturer's note", () => {
  test('shows as a callout at its operation in the lab, and in the narrated-text export', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const lab = new LabPage(page);
    await lab.open(`#${link(STORYBOARD, { op: 4, step: 0 })}`);
    const callout = page.getByTestId('narration').getByTestId('note-callout');
    await expect(callout).toBeVisible();
    await expect(callout.getByTestId('note-text').first()).toHaveText(MIGRATION_NOTE);
    await expect(callout.getByTestId('note-text')).toHaveCount(2);
    // Another operation, another note; at boot, none.
    await lab.key('Shift+ArrowLeft');
    await expect(callout.getByTestId('note-text').first()).toHaveText(/^hmm_range_fault moves/);
    await lab.key('Home');
    await expect(callout).toHaveCount(0);

    await page.getByTestId('export-open').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-trace-text').click(),
    ]);
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text).toMatch(
      /\nop 5 {2}gpu0 migrate buf {2}-> 0[^\n]*\n {2}note: Why a migration entry/,
    );
    expect(text).toContain('\n  note: Why refcount 0 when idle: folio_put');
    expect(lab.errors).toEqual([]);
  });

  test('shows in the presenter beside the caption, not over the views', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const lab = new LabPage(page);
    await page.goto(`/?present#${link(STORYBOARD, { op: 4, step: 0 })}`);
    await lab.idle();
    const callout = page.getByTestId('caption').getByTestId('note-callout');
    await expect(callout.getByTestId('note-text').first()).toHaveText(MIGRATION_NOTE);
    const views = await page.getByTestId('presenter-views-grid').boundingBox();
    const note = await callout.boundingBox();
    if (!views || !note) throw new Error('not on screen');
    expect(note.y).toBeGreaterThanOrEqual(views.y + views.height - 1);
    expect(note.y + note.height).toBeLessThanOrEqual(1080);
    // Legible from the back row: the presenter's note is large.
    const size = await callout
      .getByTestId('note-text')
      .first()
      .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    expect(lab.errors).toEqual([]);
  });

  test('shows in an embedded player at its operation', async ({ page }) => {
    const lab = new LabPage(page);
    await page.goto(`/?embed&views=address-space,inspector&range=5-6#${link(STORYBOARD)}`);
    await expect(page.getByTestId('player')).toBeVisible();
    await lab.idle();
    const callout = page.getByTestId('caption').getByTestId('note-callout');
    // The player opens at the start of its range, op 4's end (before op 5 ran): op 4's note.
    await expect(callout.getByTestId('note-text').first()).toHaveText(/^hmm_range_fault moves/);
    // The player opens on the focus too: struct page shows the page's frame.
    await expect(page.getByTestId('inspector-page')).toHaveText('app buf[0]');
    // One micro-step on: op 5 runs, and its note replaces op 4's.
    await page.getByTestId('player-forward').click();
    await lab.idle();
    await expect(callout.getByTestId('note-text').first()).toHaveText(MIGRATION_NOTE);
    expect(lab.errors).toEqual([]);
  });
});

test.describe('bad input', () => {
  test('a note too long and a focus on an undeclared process are errors at their lines; the lab keeps its run and the text', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open(`#${link(STORYBOARD, { op: 4, step: 0 })}`);
    const where = await lab.position().textContent();
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    const long = 'x'.repeat(LIMITS.noteLength + 1);
    await page.keyboard.insertText(`  note "${long}"`);
    await expect(page.getByTestId('scenario-status')).toHaveText(/1 error/);
    await expect(lab.banner()).toHaveAttribute('data-kind', 'scenario');
    await expect(lab.banner()).toContainText(
      `note length ${LIMITS.noteLength + 1} is over the limit noteLength = ${LIMITS.noteLength}`,
    );
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
    await expect(lab.position()).toHaveText(where ?? '');
    expect(await lab.editorText()).toContain(long);

    // Back to a good text, then a focus on a process nobody declared.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('scenario-status')).toHaveText(/operations/);
    await lab.editor().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('focus ghost buf\n');
    await expect(lab.banner()).toContainText(
      'line 1, column 7: expected a process declared above, found the unknown name "ghost"',
    );
    await expect(lab.position()).toHaveText(where ?? '');
    expect((await lab.editorText()).split('\n')[0]).toBe('focus ghost buf');
    expect(lab.errors).toEqual([]);
  });

  test('a hostile note is shown as text in the lab, the presenter and the player', async ({
    page,
  }) => {
    const hostile =
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> ' +
      '{{7*7}} javascript:window.__pwned=1 \u202Eevil\u200B';
    const text = STORYBOARD.replace(
      '  note "Why a migration entry',
      `  note "${hostile.replace(/"/g, '\\"')}"\n  note "Why a migration entry`,
    );
    const at = { op: 4, step: 0 };
    const inert = () =>
      page.evaluate(() => ({
        pwned: (window as { __pwned?: unknown }).__pwned,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.scripts].filter((s) => !s.src).length,
      }));
    for (const mode of ['', '?present', '?embed&views=address-space']) {
      await page.goto(`/${mode}#${link(text, at)}`);
      const first = page.getByTestId('note-text').first();
      await expect(first).toBeVisible();
      expect(await first.evaluate((e) => e.textContent)).toBe(hostile);
      expect(await inert()).toEqual({ pwned: undefined, images: 0, scripts: 0 });
    }
  });
});
