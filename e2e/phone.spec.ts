/**
 * Issue 13, phone width (390x844): with no link and no draft a phone opens the storyboard (the
 * first flow of a lecture, its short link in the address); the stacked views leave no blank
 * gaps, nothing overflows its card or the screen; a phone with a draft opens the draft.
 */
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/LabPage';

test.use({ viewport: { width: 390, height: 844 } });

/** What is wrong with the stacked views: overflow, blank space under a short view. */
function stackProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page is ${doc.scrollWidth} px wide`);
    const sections = [...document.querySelectorAll<HTMLElement>('[data-testid^="stack-"] section')];
    if (sections.length < 3) problems.push(`only ${sections.length} views`);
    for (const s of sections) {
      const r = s.getBoundingClientRect();
      const id = s.dataset.testid;
      if (r.right > doc.clientWidth + 0.5) problems.push(`${id} overflows the screen`);
      for (const c of s.querySelectorAll('canvas, svg')) {
        const q = c.getBoundingClientRect();
        if (q.width > 0 && (q.right > r.right + 0.5 || q.left < r.left - 0.5))
          problems.push(`a ${c.tagName} overflows ${id}`);
      }
      // A view as tall as what it shows: no blank box under a short one.
      const body = s.querySelector<HTMLElement>(':scope > div:last-child');
      const header = s.querySelector(':scope > header');
      if (body && header) {
        const used = header.getBoundingClientRect().height + body.scrollHeight;
        if (r.height - used > 24)
          problems.push(`${id} has ${Math.round(r.height - used)} px blank`);
      }
    }
    // Between views: the stack's gap, nothing more.
    const boxes = [...document.querySelectorAll('[data-testid^="stack-"]')].map((e) =>
      e.getBoundingClientRect(),
    );
    for (let i = 1; i < boxes.length; i++) {
      const gap = (boxes[i]?.top ?? 0) - (boxes[i - 1]?.bottom ?? 0);
      if (gap > 16) problems.push(`a ${Math.round(gap)} px gap between views ${i} and ${i + 1}`);
    }
    return problems;
  });
}

test('a phone with nothing to open opens the storyboard, stacked without gaps or overflow', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await page.goto('/');
  await expect(page.getByTestId('player')).toHaveAttribute('data-layout', 'stack');
  await lab.idle();
  await expect(page).toHaveURL(/#preset=storyboard$/);
  await expect(page.getByTestId('player-position')).toHaveText(/^boot/);
  expect(await stackProblems(page)).toEqual([]);
  // Mid-way (a migration: every view has content), and at the end.
  for (let i = 0; i < 12; i++) await page.getByTestId('player-forward').click();
  await lab.idle();
  await expect(page.getByTestId('player-position')).toHaveText(/^op \d+\/7/);
  expect(await stackProblems(page)).toEqual([]);
  expect(lab.errors).toEqual([]);
});

test('a phone with a draft opens the draft, not the storyboard', async ({ page }) => {
  const lab = new LabPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await lab.open();
  await lab.mmap('mine', 2);
  await expect.poll(() => lab.storedDraftText()).toContain('mine');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByTestId('player')).toHaveAttribute('data-layout', 'stack');
  await lab.idle();
  await expect(page).not.toHaveURL(/preset=/);
  await expect(page.getByTestId('address-space')).toContainText('mine');
  expect(lab.errors).toEqual([]);
});
