/**
 * The lab, driven the way a person drives it: clicks, drags and keys only. Reads go through
 * the visible text or the read-only window.__hmmlab hook (canvas contents).
 */
import { expect, type Page } from '@playwright/test';
import type {} from '../../src/views/testHook';

export class LabPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId('lab')).toBeVisible();
    await expect(this.page.getByTestId('status')).toHaveText('');
  }

  async idle(): Promise<void> {
    await expect(this.page.getByTestId('status')).toHaveText('');
  }

  async click(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.idle();
  }

  async mmap(name: string, pages: number, kind = 'anon-private'): Promise<void> {
    await this.page.getByTestId('act-mmap').click();
    await this.page.getByTestId('mmap-name').fill(name);
    await this.page.getByTestId('mmap-pages').fill(String(pages));
    await this.page.getByTestId('mmap-kind').selectOption(kind);
    await this.click('mmap-submit');
    await expect(this.page.getByTestId(`page-app-${name}-0`)).toBeVisible();
  }

  /** Drag from page `first` to page `last` of a buffer. */
  async select(proc: string, buf: string, first: number, last = first): Promise<void> {
    const a = this.page.getByTestId(`page-${proc}-${buf}-${first}`);
    const b = this.page.getByTestId(`page-${proc}-${buf}-${last}`);
    await a.scrollIntoViewIfNeeded();
    const ba = await a.boundingBox();
    const bb = await b.boundingBox();
    if (!ba || !bb) throw new Error('page cell not visible');
    await this.page.mouse.move(ba.x + ba.width / 2, ba.y + ba.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2, { steps: 4 });
    await this.page.mouse.up();
    await expect(b).toHaveAttribute('aria-selected', 'true');
    await this.idle();
  }

  async write(value: number): Promise<void> {
    await this.page.getByTestId('value').fill(String(value));
    await this.click('act-cpu-write');
  }

  /** The lecture's opening: a buffer written by the CPU, the device opened, the pages selected. */
  async writtenAndOpened(pages: number, value: number, device = 'gpu0'): Promise<void> {
    await this.mmap('buf0', pages);
    await this.select('app', 'buf0', 0, pages - 1);
    await this.write(value);
    await this.click(`open-${device}`);
    await this.select('app', 'buf0', 0, pages - 1);
  }

  /**
   * The screenshot state: four pages mid-migration at migrate_vma_check_page, the first RAM
   * frame in the inspector (its refcount chart shows the migration's references).
   */
  async midMigration(): Promise<void> {
    await this.open();
    await this.writtenAndOpened(4, 42);
    await this.click('gpu0-read');
    await this.click('gpu0-migrate');
    await this.select('app', 'buf0', 0, 3);
    await this.page.getByTestId('step-list').getByText('migrate_vma_check_page').click();
    await this.idle();
    const box = await this.page.getByTestId('grid-ram').locator('canvas').boundingBox();
    if (box) await this.page.mouse.click(box.x + 10, box.y + 10);
    await this.idle();
  }

  pteKind(index: number) {
    return this.page.getByTestId(`pte-kind-${index}`);
  }

  async hookPte(proc: string, buf: string, index: number) {
    return this.page.evaluate(([p, b, i]) => window.__hmmlab?.pte?.(p, b, i) ?? null, [
      proc,
      buf,
      index,
    ] as const);
  }

  /** What the canvas painted, read after the next animation frame (grids paint on rAF). */
  async grid(name: string): Promise<string[]> {
    return this.page.evaluate(
      (n) =>
        new Promise<string[]>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve(window.__hmmlab?.grid?.(n) ?? [])),
          ),
        ),
      name,
    );
  }

  async narration(): Promise<string[]> {
    return this.page.evaluate(() => window.__hmmlab?.narration?.() ?? []);
  }

  async frame(pfn: number) {
    return this.page.evaluate((p) => window.__hmmlab?.frame?.(p) ?? null, pfn);
  }

  async history() {
    return this.page.evaluate(() => window.__hmmlab?.history?.() ?? []);
  }

  result() {
    return this.page.getByTestId('result');
  }

  /** The timeline's "op a/b · step c/d" (or "boot · n ops"). */
  position() {
    return this.page.getByTestId('timeline-position');
  }

  currentFn() {
    return this.page.getByTestId('current-fn');
  }

  /** A key on the page body (not in the editor or a field), then wait for the reply. */
  async key(key: string): Promise<void> {
    // Off any control that owns keys (a page cell owns the arrows).
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
    await this.idle();
  }

  /** The scenario editor's text area, once CodeMirror has loaded. */
  editor() {
    return this.page.getByTestId('scenario-editor').locator('.cm-content');
  }

  /** The editor's text, line by line. */
  async editorText(): Promise<string> {
    await expect(this.editor()).toBeVisible();
    return (await this.page.locator('.cm-line').allTextContents()).join('\n');
  }

  /** Copy a link to the current state and return it. */
  async copyLink(): Promise<string> {
    await this.page.getByTestId('copy-link').click();
    const input = this.page.getByTestId('share-link');
    await expect(input).toHaveValue(/#./);
    const url = await input.inputValue();
    await this.page.getByTestId('close-share').click();
    return url;
  }

  banner() {
    return this.page.getByTestId('error-banner');
  }

  /** The draft notice (storage full, or another tab's edit). */
  draftNotice() {
    return this.page.getByTestId('draft-notice');
  }

  /** The autosaved draft's text as stored, or null. */
  async storedDraftText(): Promise<string | null> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem('hmm-lab.draft');
      return raw ? (JSON.parse(raw) as { text: string }).text : null;
    });
  }

  /** Shorten the worker watchdog (test hook, under automation only). */
  async watchdog(ms: number): Promise<void> {
    await this.page.evaluate((m) => window.__hmmlab?.faults?.watchdog(m), ms);
  }

  /** Make every live run of commands with op `op` hang or throw in the worker (null: clear). */
  async armFault(plan: { kind: 'hang' | 'throw'; op: string } | null): Promise<void> {
    await this.page.evaluate((p) => window.__hmmlab?.faults?.arm(p), plan);
  }
}
