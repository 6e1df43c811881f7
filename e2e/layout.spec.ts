/**
 * Issue 13, a layout that fits: every preset at every operation, in the lab at 1280x720,
 * 1366x768, 1920x1080 and 2560x1440, measured on the page (bounding boxes, scroll sizes,
 * computed styles), not eyeballed:
 *   - the panels lie inside the window and do not overlap;
 *   - a panel's title is never cut;
 *   - text is never cut off silently: what is shortened with an ellipsis carries its full
 *     text in a tooltip (title), and nothing else overflows a box that hides it;
 *   - the essentials are in view without scrolling: every memory's grid, the whole width of the
 *     page-table rows, the refcount chart with its labels, the simulated-time chart;
 *   - the page-table columns keep their widths while stepping.
 * One load per preset; the sizes are visited by resizing the window at each operation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;

const PRESETS = readdirSync('src/presets')
  .filter((f) => f.endsWith('.hmm'))
  .sort()
  .map((f) => ({ name: f.replace(/\.hmm$/, ''), text: readFileSync(`src/presets/${f}`, 'utf8') }));

interface Problems {
  problems: string[];
  columns: number[] | null;
}

/** Everything wrong with the layout on screen now, and the page-table column widths. */
function measure(page: Page): Promise<Problems> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const box = (e: Element) => e.getBoundingClientRect();
    const inside = (a: DOMRect, b: DOMRect, slack = 1) =>
      a.left >= b.left - slack &&
      a.right <= b.right + slack &&
      a.top >= b.top - slack &&
      a.bottom <= b.bottom + slack;
    const lab = document.querySelector('[data-testid="lab"]');
    if (!lab) return { problems: ['no lab'], columns: null };
    const panels = [...lab.querySelectorAll<HTMLElement>('section[data-testid]')].filter(
      (s) => !s.parentElement?.closest('section[data-testid]'),
    );
    const bodyOf = (s: Element) => s.querySelector(':scope > div:last-child') ?? s;
    for (const s of panels) {
      const r = box(s);
      const id = s.dataset.testid;
      if (r.width === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1)
        problems.push(`${id} is outside the window`);
      for (const t of panels) {
        if (t === s || (t.dataset.testid ?? '') <= (id ?? '')) continue;
        const q = box(t);
        const overlap =
          Math.min(r.right, q.right) - Math.max(r.left, q.left) > 1 &&
          Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 1;
        if (overlap) problems.push(`${id} overlaps ${t.dataset.testid}`);
      }
      const label = s.querySelector(':scope > header h2 > span');
      const h2 = s.querySelector(':scope > header h2');
      if (label && h2 && box(label).right > box(h2).right + 1)
        problems.push(`${id}'s title is cut`);
    }
    // Text cut off silently: each element holding text (not the editor, which scrolls, nor the
    // page cells, whose letter is a code).
    const holders = new Set<HTMLElement>();
    const walker = document.createTreeWalker(lab, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || holders.has(el)) continue;
      if (el.closest('.cm-editor, [role="option"], svg, details:not([open])')) continue;
      if (!el.closest('section[data-testid]')) continue;
      holders.add(el);
    }
    for (const el of holders) {
      for (let e: HTMLElement | null = el; e && e !== lab; e = e.parentElement) {
        if (e.tagName === 'SECTION') break;
        // Screen-reader text (sr-only: a 1 px box) is not on screen.
        if (e.clientWidth <= 1 || e.scrollWidth <= e.clientWidth + 1) continue;
        const st = getComputedStyle(e);
        if (st.overflowX !== 'hidden' && st.overflowX !== 'clip') continue;
        if (st.textOverflow === 'ellipsis' && e.closest('[title]')) continue;
        problems.push(
          `cut text in ${e.closest('section[data-testid]')?.getAttribute('data-testid')}: "${(e.textContent ?? '').trim().slice(0, 40)}"`,
        );
        break;
      }
    }
    // The essentials, in view without scrolling.
    const memory = lab.querySelector('[data-testid="memory"]');
    if (memory)
      for (const c of memory.querySelectorAll('canvas'))
        if (!inside(box(c), box(bodyOf(memory))))
          problems.push(
            `a memory grid (${c.closest('figure')?.textContent?.slice(0, 20)}) is out of view`,
          );
    const tables = lab.querySelector('[data-testid="page-tables"]');
    let columns: number[] | null = null;
    if (tables) {
      const body = bodyOf(tables) as HTMLElement;
      if (body.scrollWidth > body.clientWidth + 1)
        problems.push('the page-table rows scroll sideways');
      const row = tables.querySelector('tbody tr');
      if (row && !inside(box(row), box(body)))
        problems.push('the first page-table row is out of view');
      const ths = [...tables.querySelectorAll('thead th')];
      if (ths.length) columns = ths.map((th) => Math.round(box(th).width));
    }
    const inspector = lab.querySelector('[data-testid="inspector"]');
    const chart = inspector?.querySelector('[data-testid="refcount-chart"]');
    if (inspector && chart && !inside(box(chart), box(bodyOf(inspector))))
      problems.push('the refcount chart is out of view');
    const time = lab.querySelector('[data-testid="time-view"]');
    const svg = time?.querySelector('svg');
    if (time && svg && box(svg).right > box(bodyOf(time)).right + 1)
      problems.push('the simulated-time chart is cut on the right');
    return { problems, columns };
  });
}

const frames = (page: Page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  );

/**
 * Step through `preset` from boot, calling `check` at the end of every operation (op, n), and
 * return what it found.
 */
async function everyOperation(
  page: Page,
  lab: LabPage,
  preset: { name: string; text: string },
  check: (op: number, n: number) => Promise<void>,
): Promise<void> {
  await page.goto(
    `/#${encodeLink({ text: preset.text, at: null, selection: null, watched: null })}`,
  );
  await lab.idle();
  // The link's notice stays: a first view has it.
  const n = Number(/\/(\d+)/.exec((await lab.position().textContent()) ?? '')?.[1] ?? 0);
  expect(n, preset.name).toBeGreaterThan(0);
  await lab.key('Home');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let op = 1; op <= n; op++) {
    await page.keyboard.press('Shift+ArrowRight');
    // Polled every frame: expect()'s back-off (100 ms and up) would double the test's time.
    await page.waitForFunction(
      (want) =>
        document.querySelector('[data-testid="status"]')?.textContent === '' &&
        (document.querySelector('[data-testid="timeline-position"]')?.textContent ?? '').includes(
          want,
        ),
      `op ${op}/${n}`,
      { polling: 'raf' },
    );
    await check(op, n);
  }
}

/** Problems at `size`, prefixed with where they were found. */
async function problemsAt(page: Page, where: string, found: string[]): Promise<number[] | null> {
  const { problems, columns } = await measure(page);
  for (const p of problems) found.push(`${where}: ${p}`);
  return columns;
}

// LAYOUT=full checks every operation at every size (minutes); CI checks every operation at the
// tightest size and the last operation (the most on screen) at the others.
const FULL = !!process.env.LAYOUT;

test('every preset at every operation fits the lab at 1280x720, and its columns stay put', async ({
  page,
}) => {
  test.setTimeout(FULL ? 1_800_000 : 240_000);
  const lab = new LabPage(page);
  const found: string[] = [];
  for (const preset of PRESETS) {
    await page.setViewportSize(SIZES[0]);
    const widths = new Map<string, string>();
    await everyOperation(page, lab, preset, async (op) => {
      for (const size of FULL ? SIZES : SIZES.slice(0, 1)) {
        if (FULL) {
          await page.setViewportSize(size);
          await frames(page);
        }
        const at = `${preset.name} op ${op} at ${size.width}x${size.height}`;
        const columns = await problemsAt(page, at, found);
        const was = widths.get(`${size.width}`);
        if (columns && was && was !== columns.join()) found.push(`${at}: page-table columns moved`);
        if (columns) widths.set(`${size.width}`, columns.join());
      }
      if (FULL) await page.setViewportSize(SIZES[0]);
    });
  }
  expect([...new Set(found)].slice(0, 40)).toEqual([]);
  expect(lab.errors).toEqual([]);
});

test('every preset at its last operation fits the lab at 1366x768, 1920x1080 and 2560x1440', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  const found: string[] = [];
  for (const preset of PRESETS) {
    await page.setViewportSize(SIZES[0]);
    await page.goto(
      `/#${encodeLink({ text: preset.text, at: null, selection: null, watched: null })}`,
    );
    await lab.idle();
    for (const size of SIZES.slice(1)) {
      await page.setViewportSize(size);
      await frames(page);
      await problemsAt(page, `${preset.name} at ${size.width}x${size.height}`, found);
    }
  }
  expect([...new Set(found)].slice(0, 40)).toEqual([]);
  expect(lab.errors).toEqual([]);
});
