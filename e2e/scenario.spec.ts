/**
 * Issue 4's flows: time travel, the editor, the draft, presets and scenario links, driven by
 * clicks and keys in real Chromium.
 */
import { expect, test, type Page } from '@playwright/test';
import { craftFuture, encodeV1 } from '../src/share/fixtures';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

/** What "the same views" means for a link: position, narration, PTEs, grids, selection. */
async function viewState(lab: LabPage) {
  const page = lab.page;
  await lab.idle();
  return {
    position: await lab.position().textContent(),
    fn: (await page.getByTestId('current-fn').count()) ? await lab.currentFn().textContent() : null,
    pte0: await lab.hookPte('app', 'buf0', 0),
    pte1: await lab.hookPte('app', 'buf0', 1),
    gpu0: await lab.grid('gpu0'),
    ram: await lab.grid('ram'),
    selected: await page
      .locator('[aria-selected="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    inspector: await page.getByTestId('inspector').locator('header').textContent(),
  };
}

async function migratedTwoPages(lab: LabPage): Promise<void> {
  await lab.open();
  await lab.writtenAndOpened(2, 5);
  await lab.click('gpu0-migrate');
  await expect(lab.pteKind(0)).toHaveText(/^device-private/);
}

test.describe('timeline', () => {
  test('step back and forward across a migration', async ({ page }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    const ramBefore = (await lab.hookPte('app', 'buf0', 0))?.pfn ?? -1;
    const end = await lab.position().textContent();

    // Back over the whole migration: the page is in RAM again, the device bit clear.
    await page.getByTestId('tl-back-over').click();
    await lab.idle();
    expect(await lab.hookPte('app', 'buf0', 0)).toMatchObject({ kind: 'present' });
    expect((await lab.grid('gpu0'))[0]).toBe('free');

    // Into the migration, one micro-step at a time: the PTE becomes a migration entry, then
    // device-private, and the narration follows the kernel's functions.
    const seen: string[] = [];
    const kinds: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.getByTestId('tl-into').click();
      await lab.idle();
      seen.push((await lab.currentFn().textContent()) ?? '');
      kinds.push((await lab.hookPte('app', 'buf0', 0))?.kind ?? '');
      if ((await lab.position().textContent()) === end) break;
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'migrate_vma_collect_pmd',
        'migrate_vma_pages',
        'migrate_vma_finalize',
      ]),
    );
    expect(kinds).toContain('migration');
    expect(kinds.indexOf('migration')).toBeLessThan(kinds.lastIndexOf('device-private'));
    expect(kinds.at(-1)).toBe('device-private');
    await expect(lab.position()).toHaveText(end ?? '');

    // Step back into the middle: the migration entry is back, the views agree.
    const mid = kinds.indexOf('migration');
    for (let i = kinds.length - 1; i > mid; i--) {
      await page.getByTestId('tl-back').click();
      await lab.idle();
    }
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('migration');
    await expect(lab.pteKind(0)).toHaveText(/^migration/);
    expect(ramBefore).toBeGreaterThan(0);
    expect(lab.errors).toEqual([]);
  });

  test('scrub with the keyboard: arrows, shift+arrows, Home/End, space, +/-', async ({ page }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    const scrubber = page.getByTestId('scrubber');
    const now = async () => Number(await scrubber.getAttribute('aria-valuenow'));
    const max = Number(await scrubber.getAttribute('aria-valuemax'));
    expect(await now()).toBe(max);

    await lab.key('Home');
    await expect(lab.position()).toHaveText(/^boot/);
    expect(await now()).toBe(0);
    expect(await lab.hookPte('app', 'buf0', 0)).toBeNull(); // before the mmap

    await lab.key('ArrowRight');
    expect(await now()).toBe(1);
    await lab.key('Home');
    await lab.key('Shift+ArrowRight');
    await expect(lab.position()).toHaveText(/^op 1\/\d+ · step (\d+)\/\1$/);
    await lab.key('Shift+ArrowRight');
    await expect(lab.position()).toHaveText(/^op 2\/\d+ · step (\d+)\/\1$/);
    const endOfOp2 = await now();
    await lab.key('ArrowLeft');
    expect(await now()).toBe(endOfOp2 - 1);
    await lab.key('Shift+ArrowLeft');
    await expect(lab.position()).toHaveText(/^op 1\/\d+ · step (\d+)\/\1$/);
    await lab.key('ArrowRight');
    await expect(lab.position()).toHaveText(/^op 2\/\d+ · step 1\//);

    await lab.key('End');
    expect(await now()).toBe(max);
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('device-private');

    // Speed, then play from the start and pause.
    const speed = page.getByTestId('tl-speed');
    const s0 = await speed.textContent();
    await lab.key('+');
    await expect(speed).not.toHaveText(s0 ?? '');
    await lab.key('-');
    await expect(speed).toHaveText(s0 ?? '');
    for (let i = 0; i < 6; i++) await lab.key('+'); // fastest
    await lab.key('Home');
    await page.locator('body').focus();
    await page.keyboard.press(' ');
    await expect(page.getByTestId('tl-play')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(now).toBeGreaterThan(3);
    await page.keyboard.press(' ');
    await expect(page.getByTestId('tl-play')).toHaveAttribute('aria-pressed', 'false');
    await lab.idle();
    const paused = await now();
    await page.waitForTimeout(300);
    expect(await now()).toBe(paused);

    // A click on the scrubber seeks.
    const box = await scrubber.boundingBox();
    if (!box) throw new Error('no scrubber');
    await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
    await lab.idle();
    expect(await now()).toBe(max);
    expect(lab.errors).toEqual([]);
  });
});

test.describe('scenario editor', () => {
  test('an error shows at its line; the lab runs the lines above it; fixing it lands at the end of the new command', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    const ops = await lab.position().textContent();

    // Type a bad command on a new last line.
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\napp frobnicate buf0');
    const typed = page.locator('.cm-line', { hasText: 'frobnicate' });
    const bad = Number(await typed.getAttribute('data-line'));
    expect((await lab.editorText()).split('\n')[bad - 1]).toBe('app frobnicate buf0');
    const marker = page.locator('.cm-line:has(.cm-lintRange-error)');
    await expect(marker).toHaveCount(1);
    await expect(marker).toHaveAttribute('data-line', String(bad));
    await expect(page.locator('.cm-lintRange-error')).toHaveText('frobnicate');
    await expect(page.getByTestId('scenario-status')).toHaveText(/1 error/);
    await expect(lab.banner()).toHaveAttribute('data-kind', 'scenario');
    await expect(lab.banner()).toContainText(`above line ${bad}`);
    // The lab still shows the commands above it, as they ran.
    await expect(lab.position()).toHaveText(ops ?? '');

    // Fix it into a real command: it runs, and the lab lands at its end.
    await lab.key('Home'); // body focus: keys go to the timeline
    await lab.key('Shift+ArrowRight');
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 'frobnicate buf0'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('read buf0[1]');
    await expect(marker).toHaveCount(0);
    await expect(page.getByTestId('scenario-status')).toHaveText(/operations/);
    await lab.idle();
    // One more operation in the timeline, shown at its end.
    const n = Number(/^op \d+\/(\d+)/.exec(ops ?? '')?.[1]) + 1;
    await expect(lab.position()).toHaveText(new RegExp(`^op ${n}/${n} · step (\\d+)/\\1$`));

    // Undo removes the line again (one undo step per edit group), redo brings it back.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('redo')).toBeEnabled();
    expect(lab.errors).toEqual([]);
  });

  test("completion offers the table's verbs and arguments and the names above; Enter still starts a line", async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    // Typing opens the list with nothing picked: Enter starts a new line as it always did.
    await page.keyboard.type('\napp mprotect ');
    const list = page.locator('.cm-tooltip-autocomplete');
    const words = list.locator('.cm-completionLabel');
    await expect(list).toBeVisible();
    await expect(words).toHaveText(['buf0']);
    const picked = list.locator('li[aria-selected="true"] .cm-completionLabel');
    await page.keyboard.press('ArrowDown');
    await expect(picked).toHaveText('buf0');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' ');
    await expect(words).toHaveText(['rw', 'r', 'none']);
    await page.keyboard.type('n');
    await expect(words).toHaveText(['none']);
    await page.keyboard.press('ArrowDown');
    await expect(picked).toHaveText('none');
    await page.keyboard.press('Enter');
    await expect.poll(() => lab.editorText()).toMatch(/\napp mprotect buf0 none$/);
    // A verb's entry says what it does; Ctrl+Space asks on an empty line.
    await page.keyboard.type('\n');
    await page.keyboard.press('Control+Space');
    await expect(words.first()).toHaveText('app');
    await page.keyboard.type('gpu0 mig');
    await expect(words).toHaveText(['migrate', 'migrate-to-dev', 'migrate-to-sys']);
    await expect(list.locator('.cm-completionDetail').first()).toHaveText('migrate-to-dev');
    await page.keyboard.press('Escape');
    await page.keyboard.type('rate buf0\n');
    await expect.poll(() => lab.editorText()).toMatch(/\ngpu0 migrate buf0\n$/);
    await expect(page.getByTestId('scenario-status')).toHaveText(/operations/);
    expect(lab.errors).toEqual([]);
  });

  test('save as text and JSON, open them back; a broken file is refused with the work intact', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    const text = await lab.editorText();
    const [hmm] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('save-text').click(),
    ]);
    expect(hmm.suggestedFilename()).toBe('scenario.hmm');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('save-json').click(),
    ]);
    expect(json.suggestedFilename()).toBe('scenario.json');
    const jsonText = await (
      await json.createReadStream()
    )
      .toArray()
      .then((b) => Buffer.concat(b).toString());
    expect(JSON.parse(jsonText)).toMatchObject({ format: 'hmm-lab/scenario', version: 1 });

    // A broken JSON file: refused by name, nothing replaced.
    await page.getByTestId('file-input').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "hmm-lab/scenario", "version": 1, "scenario": {"title": 3}}'),
    });
    await expect(lab.banner()).toHaveAttribute('data-kind', 'file');
    await expect(page.getByTestId('error-message')).toContainText(
      'broken.json is not a scenario in JSON',
    );
    expect(await lab.editorText()).toBe(text);

    // The JSON saved above opens as the same scenario (in the text form), at its start.
    await page.getByTestId('file-input').setInputFiles({
      name: 'scenario.json',
      mimeType: 'application/json',
      buffer: Buffer.from(jsonText),
    });
    await expect(lab.banner()).toContainText('Opened scenario.json (converted from JSON)');
    await lab.idle();
    await expect(lab.position()).toHaveText(/^boot · 4 ops$/);
    await lab.key('End');
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('device-private');
  });

  test('run to cursor shows the machine after the command at the cursor', async ({ page }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    const n = (await lab.editorText()).split('\n');
    const writeLine = n.findIndex((l) => / write /.test(l)) + 1;
    await page.locator(`.cm-line[data-line="${writeLine}"]`).click();
    await page.getByTestId('run-to-cursor').click();
    await lab.idle();
    await expect(page.locator('.cm-hmm-activeOp')).toHaveAttribute('data-line', String(writeLine));
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('present');
  });

  test('the draft survives a reload: text, step and selection', async ({ page }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# a note for the class');
    await lab.key('ArrowLeft');
    await lab.key('ArrowLeft');
    const before = await viewState(lab);
    await page.waitForTimeout(400); // the autosave's pause
    await page.reload();
    await expect(page.getByTestId('lab')).toBeVisible();
    await lab.idle();
    expect(await lab.editorText()).toContain('# a note for the class');
    expect(await viewState(lab)).toEqual(before);
    expect(lab.errors).toEqual([]);
  });
});

test.describe('scenario links', () => {
  test('a link made by clicking opens in a fresh page at the same step with the same views', async ({
    page,
    browser,
  }) => {
    const lab = new LabPage(page);
    await migratedTwoPages(lab);
    // Mid-migration, with one page selected and its frame in the inspector.
    await lab.select('app', 'buf0', 1);
    for (let i = 0; i < 4; i++) await lab.key('ArrowLeft');
    const want = await viewState(lab);
    const url = await lab.copyLink();
    expect(url.length).toBeLessThan(2000);

    const fresh = await browser.newContext();
    const other = new LabPage(await fresh.newPage());
    await other.page.goto(url);
    await expect(other.page.getByTestId('lab')).toBeVisible();
    await other.idle();
    expect(await viewState(other)).toEqual(want);
    await expect(other.banner()).toHaveAttribute('data-kind', 'notice');
    // The fragment is consumed: a reload opens the (autosaved) draft, not the link again.
    expect(new URL(other.page.url()).hash).toBe('');
    expect(other.errors).toEqual([]);
    await fresh.close();
  });

  const GOOD = 'title "draft"\nkernel modern\nplatform pcie4\nram 8\nprocess app\n\napp mmap b 1\n';
  const bad: [string, (link: string) => string, RegExp][] = [
    ['truncated', (l) => l.slice(0, Math.floor(l.length / 2)), /truncated|cut|incomplete/i],
    [
      'corrupted',
      (l) => {
        const i = Math.floor(l.length * 0.7);
        return l.slice(0, i) + (l[i] === 'A' ? 'B' : 'A') + l.slice(i + 1);
      },
      /corrupt|damaged|checksum/i,
    ],
    ['future-version', () => craftFuture(7, new Uint8Array([1, 2, 3])), /newer/i],
    ['garbage', () => '%%%not-a-link%%%', /not .*link|unknown|recogni/i],
  ];

  async function withDraft(page: Page): Promise<LabPage> {
    const lab = new LabPage(page);
    await lab.open();
    await lab.mmap('buf0', 1);
    await lab.editor().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n# my draft');
    await page.waitForTimeout(400);
    return lab;
  }

  for (const [kind, spoil, message] of bad)
    test(`a ${kind} link says what is wrong and keeps the draft`, async ({ page }) => {
      const lab = await withDraft(page);
      const draft = await lab.editorText();
      const link = encodeLink({ text: GOOD, at: null, selection: null, watched: null });
      await page.goto('about:blank'); // a fresh load with the bad fragment
      await page.goto(`/#${spoil(link)}`);
      await expect(lab.banner()).toHaveAttribute('data-kind', 'link');
      await expect(page.getByTestId('error-message')).toHaveText(message);
      expect(await lab.editorText()).toBe(draft);
      await lab.idle();
      await page.reload();
      expect(await lab.editorText()).toBe(draft);
    });

  test('a link asking for an absurd machine is refused by name, the draft intact', async ({
    page,
  }) => {
    const lab = await withDraft(page);
    const draft = await lab.editorText();
    const link = encodeLink({
      text: 'kernel modern\nplatform pcie4\nram 999999999999\nprocess app\n',
      at: null,
      selection: null,
      watched: null,
    });
    // Pasted into the address bar of the open lab (a hash change, no reload).
    await page.goto(`/#${link}`);
    await expect(lab.banner()).toHaveAttribute('data-kind', 'link');
    await expect(page.getByTestId('error-message')).toContainText(/ram/);
    expect(await lab.editorText()).toBe(draft);
  });

  test('a link made by the first link format still opens, at the step it named', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await page.goto(`/#${encodeV1({ text: GOOD + 'app write b 7\napp read b\n', opsDone: 2 })}`);
    await expect(page.getByTestId('lab')).toBeVisible();
    await lab.idle();
    await expect(lab.banner()).toContainText(/older HMM Lab/);
    // "2 operations done" is the machine before operation 3: the write happened, the read not.
    await expect(lab.position()).toHaveText(/^op 3\/3 · step 0\//);
    expect(await lab.hookPte('app', 'b', 0)).toMatchObject({ kind: 'present' });
  });

  test('a good link keeps the draft it replaced one click away', async ({ page }) => {
    const lab = await withDraft(page);
    const draft = await lab.editorText();
    await page.goto('about:blank');
    await page.goto(`/#${encodeLink({ text: GOOD, at: null, selection: null, watched: null })}`);
    await expect(lab.banner()).toHaveAttribute('data-kind', 'notice');
    expect(await lab.editorText()).toContain('title "draft"');
    await page.getByTestId('banner-action').click();
    await lab.idle();
    await expect.poll(() => lab.editorText()).toBe(draft);
  });
});

test.describe('presets', () => {
  test('the gallery opens a preset at its start; stepping through reaches its end', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await page.getByTestId('open-presets').click();
    const gallery = page.getByTestId('preset-gallery');
    await expect(gallery).toBeVisible();
    expect(await gallery.locator('[data-testid^="preset-"]').count()).toBeGreaterThanOrEqual(
      16 + 1,
    );
    await page.getByTestId('preset-filter').fill('pinned');
    const first = gallery.locator('button[data-testid^="preset-"]').first();
    await first.click();
    await expect(gallery).toBeHidden();
    await lab.idle();
    await expect(lab.position()).toHaveText(/^boot/);
    await lab.key('End');
    await expect(page.getByTestId('scenario-status')).toHaveText(/all \d+ expectations hold/);
  });
});
