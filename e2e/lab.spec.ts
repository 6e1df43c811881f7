import { expect, test } from '@playwright/test';
import { COMMAND_OPS, specOf } from '../src/engine/commands/table';
import { LabPage } from './pages/LabPage';

test.describe('the lab, by clicking', () => {
  test('malloc -> CPU write -> migrate to device -> a CPU read faults the page back', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();

    // mmap: a VMA, nothing populated.
    await lab.mmap('buf0', 1);
    await lab.select('app', 'buf0', 0);
    await expect(lab.pteKind(0)).toHaveText(/^none/);
    expect(await lab.narration()).toContain('do_mmap');

    // CPU write: do_anonymous_page gives a RAM page.
    await lab.write(42);
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    expect((await lab.hookPte('app', 'buf0', 0))?.bits).toEqual(
      expect.arrayContaining(['write', 'dirty', 'young']),
    );
    expect(await lab.narration()).toContain('handle_mm_fault -> do_anonymous_page');
    const S = (await lab.hookPte('app', 'buf0', 0))?.pfn ?? -1;
    expect((await lab.grid('ram'))[S - 1]).toBe('allocated');

    // Open the device and migrate: a device-private entry, bit 0 of gpu0 set, S freed.
    await lab.click('open-gpu0');
    await lab.select('app', 'buf0', 0);
    await lab.click('gpu0-migrate');
    await expect(lab.result()).toHaveText(/returned 0 · cpages 1, faults 0/);
    await expect(lab.pteKind(0)).toHaveText(/^device-private/);
    const names = await lab.narration();
    for (const fn of [
      'migrate_vma_collect_pmd',
      'migrate_device_unmap',
      'migrate_vma_check_page',
      'migrate_vma_pages',
      'migrate_vma_finalize',
    ])
      expect(names).toContain(fn);
    expect((await lab.grid('gpu0'))[0]).toBe('allocated');
    expect((await lab.grid('ram'))[S - 1]).toBe('free');
    const D = (await lab.hookPte('app', 'buf0', 0))?.pfn ?? -1;
    // Click D (gpu0's first frame) so struct page stays on it: a selected page would be
    // followed back to RAM by the read below.
    await page
      .getByTestId('grid-gpu0')
      .locator('canvas')
      .click({ position: { x: 8, y: 8 } });
    await expect(page.getByTestId('inspector').locator('header')).toContainText(/gpu0:0/i);
    await expect(page.getByTestId('inspector-ref')).toHaveText(/^1/);

    // A CPU read: do_swap_page -> migrate_to_ram; D's last reference goes, page_free clears bit 0.
    await lab.click('act-cpu-read');
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    expect((await lab.grid('gpu0'))[0]).toBe('free');
    const back = await lab.narration();
    expect(back.some((f) => f.includes('migrate_to_ram'))).toBe(true);
    expect(back).toContain('free_zone_device_folio');
    // The chart of D shows its life: allocated (1), mapped, and the free transition.
    const hist = await lab.history();
    expect(hist.at(-1)?.ref).toBe(0);
    await expect(page.getByTestId('chart-free')).toHaveCount(1);
    expect(await lab.frame(D)).toMatchObject({ ref: 0, map: 0 });
    expect(lab.errors).toEqual([]);
  });

  test('fork with a device page: the entry is shared read-only, refcount and mapcount go up', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.writtenAndOpened(1, 7);
    await lab.click('gpu0-migrate');
    const D = (await lab.hookPte('app', 'buf0', 0))?.pfn ?? -1;
    await lab.click('act-fork');
    await expect(page.getByTestId('proc-child1')).toBeVisible();
    expect(await lab.hookPte('child1', 'buf0', 0)).toMatchObject({
      kind: 'device-private',
      pfn: D,
      bits: [],
    });
    expect(await lab.hookPte('app', 'buf0', 0)).toMatchObject({
      kind: 'device-private',
      pfn: D,
      bits: [],
    });
    expect(await lab.frame(D)).toMatchObject({ ref: 2, map: 2 });
    expect(await lab.narration()).toContain(
      'dup_mm -> copy_page_range -> copy_present_pte / copy_nonpresent_pte',
    );
  });

  test('a pinned page refuses to migrate, and the narration says why', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.mmap('buf0', 1);
    await lab.select('app', 'buf0', 0);
    await lab.write(1);
    await lab.click('act-gup');
    await lab.click('open-gpu0');
    await lab.select('app', 'buf0', 0);
    await lab.click('gpu0-migrate');
    await expect(lab.result()).toHaveText(/returned -ENOENT/);
    await page.getByTestId('step-list').getByText('migrate_vma_check_page').click();
    await expect(page.getByTestId('current-text')).toContainText(
      'refcount 2 - extra 1 > mapcount 0: the page is pinned, it stays',
    );
    await lab.page.getByTestId('step-list').locator('li').last().click();
    await lab.idle();
    await expect(lab.pteKind(0)).toHaveText(/^present/);
    expect((await lab.grid('gpu0')).filter((s) => s !== 'free')).toEqual([]);
  });

  test('device memory exhaustion: 4 device pages, 6 to migrate', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await page.getByTestId('new-machine').click();
    await page.getByTestId('machine-device-pages-0').fill('4');
    await page.getByTestId('machine-start').click();
    await lab.idle();
    await expect(page.getByTestId('machine-summary')).toContainText('gpu0 private 4p');
    await lab.writtenAndOpened(6, 3);
    await lab.click('gpu0-migrate');
    await expect(lab.result()).toHaveText(/returned -ENOENT/);
    expect(await lab.grid('gpu0')).toEqual(['allocated', 'allocated', 'allocated', 'allocated']);
    expect((await lab.hookPte('app', 'buf0', 3))?.kind).toBe('device-private');
    expect((await lab.hookPte('app', 'buf0', 4))?.kind).toBe('present');
    await expect(page.getByTestId('current-text')).toContainText('no mirror entry');
  });

  test('a worker error is shown and the lab recovers; a crashed worker is restarted and replayed', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open('?debug');
    await lab.mmap('buf0', 2);
    await lab.select('app', 'buf0', 0, 1);
    await lab.write(5);
    await lab.click('debug-throw');
    await expect(page.getByTestId('error-banner')).toContainText('Injected failure');
    // Still working: the next action runs.
    await lab.click('act-cpu-inc');
    await expect(lab.result()).toHaveText(/returned 0/);
    await lab.click('dismiss-error');
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
    const before = await lab.hookPte('app', 'buf0', 1);
    await lab.click('debug-crash');
    await expect(page.getByTestId('error-banner')).toContainText('restarted', { timeout: 20_000 });
    await lab.idle();
    expect(await lab.hookPte('app', 'buf0', 1)).toEqual(before);
    await expect.poll(() => lab.editorText()).toContain('app inc buf0[0..1]');
  });

  test('the action bar has a button for every action of the command table, inside its panel, none overlapping', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const lab = new LabPage(page);
    await lab.open();
    await lab.writtenAndOpened(2, 7);
    const panel = await page.getByTestId('actions').boundingBox();
    if (!panel) throw new Error('no actions panel');
    const boxes: { id: string; x: number; y: number; w: number; h: number }[] = [];
    for (const op of COMMAND_OPS) {
      for (const action of specOf(op).ui.actions) {
        // gpu0's mirror is open (its own actions show), gpu1's is not (its open shows).
        const device = op === 'open' ? 'gpu1' : 'gpu0';
        const id = action.testId.replace('{device}', device);
        const button = page.getByTestId(id);
        await expect(button, id).toBeVisible();
        await expect(button, id).toHaveAttribute('title', /\w/);
        const b = await button.boundingBox();
        if (!b) throw new Error(`${id} has no box`);
        expect(b.x, id).toBeGreaterThanOrEqual(panel.x);
        expect(b.x + b.width, id).toBeLessThanOrEqual(panel.x + panel.width + 0.5);
        boxes.push({ id, x: b.x, y: b.y, w: b.width, h: b.height });
      }
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.x < b.x + b.w - 0.5 &&
          b.x < a.x + a.w - 0.5 &&
          a.y < b.y + b.h - 0.5 &&
          b.y < a.y + a.h - 0.5;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
  });

  test('mremap moves a migrated buffer: its entries follow, the device keeps its pages', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.writtenAndOpened(2, 7);
    await lab.click('gpu0-migrate');
    const before = await lab.hookPte('app', 'buf0', 0);
    expect(before?.kind).toBe('device-private');
    const strip = page.getByTestId('address-space');
    const addressBefore = /buf0 · (0x[0-9a-f]+)/.exec((await strip.textContent()) ?? '')?.[1];
    await expect(page.getByTestId('act-mremap')).toHaveAttribute('title', /move a whole buffer/);
    await lab.click('act-mremap');
    await expect(lab.result()).toHaveText(/returned 0/);
    expect(await lab.narration()).toContain('move_page_tables -> move_ptes');
    // The same entry (kind and device page) at a new address.
    expect(await lab.hookPte('app', 'buf0', 0)).toEqual(before);
    await expect(strip).not.toContainText(`buf0 · ${addressBefore}`);
    await expect.poll(() => lab.editorText()).toContain('app mremap buf0');
    // The CPU faults the device pages back at the new place, with their data.
    await lab.select('app', 'buf0', 0, 1);
    await lab.click('act-cpu-read');
    expect((await lab.hookPte('app', 'buf0', 1))?.kind).toBe('present');
    expect(await lab.frame((await lab.hookPte('app', 'buf0', 1))?.pfn ?? -1)).toMatchObject({
      value: 7,
    });
  });

  test('invalid actions say why: disabled buttons explain, kernel errors are shown', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await lab.open();
    // Nothing selected yet.
    await expect(page.getByTestId('act-cpu-read')).toBeDisabled();
    await expect(page.getByTestId('act-cpu-read')).toHaveAttribute('title', /select pages first/);
    // A bad buffer name in the mmap form.
    await page.getByTestId('act-mmap').click();
    await page.getByTestId('mmap-name').fill('9bad');
    await expect(page.getByTestId('mmap-submit')).toBeDisabled();
    await expect(page.getByRole('form', { name: 'mmap' })).toContainText(
      'a buffer name starts with a letter',
    );
    await page.getByTestId('mmap-name').fill('buf0');
    await page.getByTestId('mmap-pages').fill('3');
    await lab.click('mmap-submit');
    await lab.select('app', 'buf0', 0, 2);
    // A value that is not a value; then one that is: i writes each page's index.
    await page.getByTestId('value').fill('abc');
    await expect(page.getByTestId('act-cpu-write')).toHaveAttribute(
      'title',
      /32-bit integer, or i, -i, i\+N/,
    );
    await lab.write(0);
    await page.getByTestId('value').fill('i+10');
    await lab.click('act-cpu-write');
    expect(
      await Promise.all(
        [0, 1, 2].map(
          async (i) => (await lab.frame((await lab.hookPte('app', 'buf0', i))?.pfn ?? -1))?.value,
        ),
      ),
    ).toEqual([10, 11, 12]);
    // A device action before the mirror is open explains itself; a kernel error is shown in the narration.
    await expect(page.getByTestId('open-gpu0')).toBeEnabled();
    await page.getByTestId('act-mprotect').click();
    await lab.idle();
    await lab.click('open-gpu0');
    await lab.select('app', 'buf0', 0, 2);
    await lab.click('gpu0-write');
    await expect(lab.result()).toHaveText(/returned -EPERM/);
    await expect.poll(() => lab.editorText()).toContain('gpu0 write buf0[0..2]');
  });
});
