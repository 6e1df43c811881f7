/**
 * Accessibility: axe-core (WCAG 2.0/2.1 A and AA) on every state and mode of the lab in both
 * themes, with zero serious or critical violations allowed; and the lab driven by the keyboard
 * alone. To check a new mode or state, add one [name, setup] line to STATES; a mode that forces
 * its own theme (the presenter is always high-contrast) names it third and is checked once.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

/** The storyboard preset in the middle of its migration, page 0 selected, as a link fragment. */
const STORYBOARD = readFileSync('src/presets/storyboard.hmm', 'utf8');
const midMigration = (): string =>
  encodeLink({
    text: STORYBOARD,
    at: { op: 4, step: 2 },
    selection: { proc: 'app', buf: 'buf', first: 0, count: 1 },
    watched: null,
  });

/** Open a URL of the lab and wait for the engine. */
async function visit(lab: LabPage, page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('status')).toHaveText('');
}

type Theme = 'dark' | 'light' | 'contrast';

/** Brings the page to the state to check; the theme is already set (see `openIn`). */
type Setup = (lab: LabPage, page: Page) => Promise<void>;

const STATES: readonly (readonly [string, Setup, Theme?])[] = [
  ['the lab', async (lab) => lab.open()],
  [
    'mid-migration',
    async (lab, page) => {
      await lab.midMigration();
      await expect(page.getByTestId('refcount-chart')).toBeVisible();
    },
  ],
  [
    'the preset gallery',
    async (lab, page) => {
      await lab.open();
      await page.getByTestId('open-presets').click();
      await expect(page.getByTestId('preset-gallery')).toBeVisible();
    },
  ],
  [
    'the new-machine dialog',
    async (lab, page) => {
      await lab.open();
      await page.getByTestId('new-machine').click();
      await expect(page.getByTestId('machine-start')).toBeVisible();
    },
  ],
  [
    'the export dialog',
    async (lab, page) => {
      await lab.open();
      await page.getByTestId('export-open').click();
      await expect(page.getByTestId('export-dialog')).toBeVisible();
    },
  ],
  [
    'presenter mode',
    async (lab, page) => {
      await visit(lab, page, `/?present#${midMigration()}`);
      await expect(page.getByTestId('presenter-exit')).toBeVisible();
    },
    'contrast',
  ],
  [
    'predict, then reveal',
    async (lab, page) => {
      await visit(lab, page, `/?predict#${midMigration()}`);
      await expect(page.getByText('Predict, then reveal')).toBeVisible();
    },
  ],
  [
    'an embed with every view',
    async (lab, page) => {
      const views = 'address-space,memory,page-tables,inspector,counters,narration,time-view';
      await visit(lab, page, `/?embed&views=${views}#${midMigration()}`);
    },
  ],
  [
    'the phone player',
    async (lab, page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await visit(lab, page, `/#${midMigration()}`);
    },
  ],
  [
    'the keyboard help',
    async (lab, page) => {
      await lab.open();
      await page.getByTestId('open-help').click();
      await expect(page.getByTestId('help')).toBeVisible();
    },
  ],
  [
    'the embed dialog',
    async (lab, page) => {
      await lab.open();
      await page.getByTestId('open-embed').click();
      await expect(page.getByTestId('embed-dialog')).toBeVisible();
    },
  ],
  [
    'a glossary card',
    async (lab, page) => {
      await visit(lab, page, `/#${midMigration()}`);
      // By keyboard focus: the card stays open when the mouse moves away for axe.
      await page
        .getByTestId('pte-kind-0')
        .getByTestId(/^term-/)
        .first()
        .focus();
      await expect(page.getByRole('tooltip')).toBeVisible();
    },
  ],
  [
    'the first-visit tour',
    async (_lab, page) => {
      // A first visit: the dismissal every other test starts with is removed before the
      // page's scripts run.
      await page.addInitScript(() => localStorage.removeItem('hmm-lab.tour'));
      await page.goto('/');
      await expect(page.getByTestId('tour')).toBeVisible();
      await expect(page.getByTestId('status')).toHaveText('');
    },
  ],
  [
    'the self-check page',
    async (_lab, page) => {
      await page.goto('/?selfcheck');
      await page.getByRole('button', { name: 'Run the conformance suite' }).click();
      await expect(page.getByTestId('selfcheck-summary')).toBeVisible({ timeout: 60_000 });
    },
  ],
];

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Violations, readably: rule, impact, help, then each element and why. */
function report(vs: readonly Violation[]): string {
  return vs
    .map(
      (v) =>
        `${v.impact ?? '?'} ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    ${n.target.map(String).join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' ')}`,
          )
          .join('\n') +
        (v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
}

async function axe(page: Page, info: TestInfo): Promise<Violation[]> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await info.attach('axe-violations.json', {
    body: JSON.stringify(r.violations, null, 2),
    contentType: 'application/json',
  });
  const minor = r.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.log(`moderate/minor (not failing):\n${report(minor)}`);
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The system preference decides the theme on a first visit (nothing saved yet). */
async function openIn(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
}

for (const system of ['dark', 'light'] as const)
  for (const [name, setup, forced] of STATES) {
    if (forced && system !== 'dark') continue;
    const theme = forced ?? system;
    test(`axe: ${name}, ${theme} theme`, async ({ page }, info) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: 1280, height: 720 });
      await openIn(page, system);
      const lab = new LabPage(page);
      await setup(lab, page);
      // Nothing hovered: axe reads hover colours too.
      await page.mouse.move(0, 0);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const bad = await axe(page, info);
      expect(
        bad.map((v) => `${v.impact} ${v.id}`),
        `serious or critical axe violations:\n${report(bad)}`,
      ).toEqual([]);
      expect(lab.errors).toEqual([]);
    });
  }

/** Tab (or Shift+Tab) until the element (a test id or a locator) has the focus. */
async function tabTo(page: Page, target: string | Locator, back = false): Promise<void> {
  const el = typeof target === 'string' ? page.getByTestId(target) : target;
  for (let i = 0; i < 250; i++) {
    if (await el.evaluate((e) => e === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

async function focusedTestId(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
}

test.describe('the keyboard alone', () => {
  test('mmap, select pages, CPU write, open gpu0, migrate, inspect a frame, step back', async ({
    page,
  }) => {
    // Every glossary word is a Tab stop (it shows its card on focus): the long Tab walks take
    // longer than the default 30 s on a loaded machine.
    test.setTimeout(90_000);
    const lab = new LabPage(page);
    await lab.open();
    const key = async (k: string): Promise<void> => {
      await page.keyboard.press(k);
      await lab.idle();
    };

    // mmap a 3-page buffer.
    await tabTo(page, 'act-mmap');
    await key('Enter');
    await tabTo(page, 'mmap-name');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('buf0');
    await tabTo(page, 'mmap-pages');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('3');
    await tabTo(page, 'mmap-submit');
    await key('Enter');
    await expect(page.getByTestId('page-app-buf0-0')).toBeVisible();

    // Select pages 0..1: the buffer is one tab stop; Enter selects, Shift+ArrowRight extends.
    await tabTo(page, 'page-app-buf0-0');
    const position = await lab.position().textContent();
    await key('Enter');
    await expect(page.getByTestId('page-app-buf0-0')).toHaveAttribute('aria-selected', 'true');
    await key('Shift+ArrowRight');
    expect(await focusedTestId(page)).toBe('page-app-buf0-1');
    await expect(page.getByTestId('page-app-buf0-1')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('page-app-buf0-2')).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByTestId('selection-status')).toHaveText(/selected app buf0\[0\.\.1\]/);
    // The arrows moved in the buffer; they did not step the timeline.
    await expect(lab.position()).toHaveText(position ?? '');

    // CPU write: the pages come into RAM.
    await tabTo(page, 'act-cpu-write');
    await key('Enter');
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('present');
    expect((await lab.hookPte('app', 'buf0', 1))?.kind).toBe('present');
    expect((await lab.hookPte('app', 'buf0', 2))?.kind).toBe('none');

    // Open gpu0 and migrate the selection.
    await tabTo(page, 'open-gpu0');
    await key('Enter');
    await expect(page.getByTestId('gpu0-migrate')).toBeVisible();
    await tabTo(page, 'gpu0-migrate', true);
    await key('Enter');
    await expect(lab.result()).toHaveText(/returned 0/);
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('device-private');
    await expect(page.getByTestId('step-announcer')).toHaveText(/step \d+ of \d+: .+ — /);

    // The gpu0 grid from the keyboard: arrows move its cursor, Enter inspects the frame.
    const canvas = page.getByTestId('grid-gpu0').locator('canvas');
    await tabTo(page, canvas);
    await key('Home');
    await expect(page.getByTestId('grid-status-gpu0')).toContainText('allocated');
    await key('Enter');
    await expect(page.getByTestId('inspector')).toContainText('gpu0');

    // Step back with the timeline keys (from a button: the grid owns its arrows).
    await tabTo(page, 'tl-start');
    await key('ArrowLeft');
    await expect(lab.position()).not.toHaveText(/step (\d+)\/\1$/);
    await key('Shift+ArrowLeft');
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('present');
    await key('End');
    expect((await lab.hookPte('app', 'buf0', 0))?.kind).toBe('device-private');

    // Escape in the buffer clears the selection.
    await tabTo(page, 'page-app-buf0-1', true);
    await key('Escape');
    await expect(page.getByTestId('page-app-buf0-0')).toHaveAttribute('aria-selected', 'false');
    expect(lab.errors).toEqual([]);
  });

  test('a dialog keeps Tab inside, closes on Escape and gives the focus back', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await tabTo(page, 'new-machine');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New machine' });
    await expect(dialog).toBeVisible();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await focusedTestId(page)).toBe('new-machine');
  });

  test('the theme toggle switches, shows and remembers the theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const lab = new LabPage(page);
    await lab.open();
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await tabTo(page, 'theme-toggle');
    await page.keyboard.press('Enter');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'true');
    const bg = await page.getByTestId('lab').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).not.toBe('rgb(2, 6, 24)');
    expect(await page.evaluate(() => localStorage.getItem('hmm-lab.theme'))).toBe('light');
    // A saved choice beats the system preference, after a reload too.
    await page.reload();
    await expect(page.getByTestId('lab')).toBeVisible();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });
});
