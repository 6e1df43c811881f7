/**
 * Issue 13, short preset links: `#preset=NAME&step=N.M` opens a preset at a step; the gallery
 * puts a preset's short link in the address bar, where it follows the step and survives a
 * reload; an unknown, malformed or hostile preset link says why and keeps the draft.
 */
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/LabPage';

const hash = (page: Page) => page.evaluate(() => window.location.hash);

/** A draft of one's own: a buffer mmapped by a click, saved in the browser. */
async function ownDraft(lab: LabPage): Promise<void> {
  await lab.open();
  await lab.mmap('mine', 2);
  await expect.poll(() => lab.storedDraftText()).toContain('app mmap mine 2');
}

test.describe('preset links', () => {
  test('#preset=storyboard&step=5.2 opens the storyboard at that step, and a reload keeps it', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open('#preset=storyboard&step=5.2');
    await expect(lab.position()).toHaveText(/^op 5\/7 · step 2\/\d+$/);
    await expect(page.getByTestId('machine-summary')).toContainText('RAM 32 pages');
    await expect(lab.banner()).toContainText(
      'Opened the preset “One page to the GPU and back” at step 5.2.',
    );
    expect(await hash(page)).toBe('#preset=storyboard&step=5.2');
    await page.reload();
    await lab.idle();
    await expect(lab.position()).toHaveText(/^op 5\/7 · step 2\/\d+$/);
    // One number: the end of that operation, where step over lands.
    await page.goto('about:blank');
    await lab.open('#preset=storyboard&step=4');
    await expect(lab.position()).toHaveText(/^op 4\/7 · step (\d+)\/\1$/);
    expect(lab.errors).toEqual([]);
  });

  test('opening a preset from the gallery puts its short link in the address bar; it follows the step, survives a reload, and goes with an edit', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    expect(await hash(page)).toBe('');
    await page.getByTestId('open-presets').click();
    await page.getByTestId('preset-storyboard').click();
    await expect.poll(() => hash(page)).toBe('#preset=storyboard');
    await lab.idle();
    await expect(lab.position()).toHaveText(/^boot/);
    // Step into, twice, then over: the address follows. The end of an operation is written as
    // the operation alone (mmap takes one step: its first is its end).
    await lab.key('ArrowRight');
    await expect.poll(() => hash(page)).toBe('#preset=storyboard&step=1');
    await lab.key('ArrowRight');
    await expect.poll(() => hash(page)).toBe('#preset=storyboard&step=2.1');
    await lab.key('Shift+ArrowRight');
    await expect.poll(() => hash(page)).toBe('#preset=storyboard&step=2');
    // The link button offers the same short link, beside the long one.
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('share-short-link')).toHaveValue(
      /^http:\/\/127\.0\.0\.1:\d+\/#preset=storyboard&step=2$/,
    );
    await page.getByTestId('close-share').click();
    const shown = await lab.position().textContent();
    // The history entry was replaced, not added: back leaves the lab as it always did.
    expect(await page.evaluate(() => history.length)).toBe(2);

    await page.reload();
    await lab.idle();
    expect(await hash(page)).toBe('#preset=storyboard&step=2');
    await expect(lab.position()).toHaveText(shown ?? '');
    // A reload of its own link says nothing about drafts: it is the draft.
    await expect(lab.banner()).toHaveCount(0);

    // A click appends a command: another scenario, so the short link goes.
    await lab.click('act-cpu-read');
    await expect.poll(() => hash(page)).toBe('');
    expect(lab.errors).toEqual([]);
  });

  test('a link pasted into an open lab opens the preset; a bad one leaves the lab as it was', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await ownDraft(lab);
    await page.evaluate(() => {
      window.location.hash = 'preset=pinned-page&step=2';
    });
    await expect(lab.banner()).toContainText('Your previous draft is kept.');
    await lab.idle();
    await expect(lab.position()).toHaveText(/^op 2\//);
    expect(await hash(page)).toBe('#preset=pinned-page&step=2');
    // Its banner gives the draft back.
    await page.getByTestId('banner-action').click();
    await lab.idle();
    await expect(page.getByTestId('page-app-mine-0')).toBeVisible();
    await expect.poll(() => hash(page)).toBe('');
    // A bad one: the error, and the lab as it was.
    await page.evaluate(() => {
      window.location.hash = 'preset=nope';
    });
    await expect(lab.banner()).toContainText(
      'This preset link could not be opened: There is no preset named “nope”',
    );
    await expect(page.getByTestId('page-app-mine-0')).toBeVisible();
    await expect.poll(() => hash(page)).toBe('');
    expect(lab.errors).toEqual([]);
  });

  for (const [what, fragment, why] of [
    ['an unknown name', 'preset=storybord&step=2', 'Did you mean preset=storyboard?'],
    ['a bad step', 'preset=storyboard&step=4.0', 'is not a step'],
    [
      'a hostile name',
      `preset=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`,
      'not a preset',
    ],
    ['an extra field', 'preset=storyboard&stpe=4', 'only preset=NAME and step=S'],
  ] as const)
    test(`${what} says why and keeps the draft`, async ({ page }) => {
      const lab = new LabPage(page);
      await ownDraft(lab);
      const text = await lab.editorText();
      await page.goto('about:blank');
      await lab.open(`#${fragment}`);
      await expect(lab.banner()).toHaveAttribute('data-kind', 'link');
      await expect(lab.banner()).toContainText('This preset link could not be opened:');
      await expect(lab.banner()).toContainText(why);
      await expect(lab.banner()).toContainText('Your own scenario is untouched.');
      // The draft, as it was: its buffer on screen, its text in the editor and in storage.
      await expect(page.getByTestId('page-app-mine-0')).toBeVisible();
      expect(await lab.editorText()).toBe(text);
      expect(await lab.storedDraftText()).toContain('app mmap mine 2');
      // The bad link leaves the address bar: a reload opens the draft without the error.
      expect(await hash(page)).toBe('');
      expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(lab.errors).toEqual([]);
    });

  test('?present#preset=storyboard&step=5 opens the presenter at the end of operation 5', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await page.goto('/?present#preset=storyboard&step=5');
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect(page.getByTestId('presenter-title')).toHaveText('One page to the GPU and back');
    await expect(lab.position()).toHaveText(/^op 5\/7 · step 11\/11$/);
    expect(await hash(page)).toBe('#preset=storyboard&step=5');
    expect(lab.errors).toEqual([]);
  });

  test('a step the preset does not have lands at its end and says so', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('#preset=storyboard&step=40.1');
    await expect(lab.banner()).toContainText(
      'The preset “One page to the GPU and back” has no step 40.1: showing its end.',
    );
    await expect(lab.position()).toHaveText(/^op 7\/7 · step (\d+)\/\1$/);
  });
});
