/**
 * "Nothing a user or a link does can break the lab, lose work, or run code": the Content
 * Security Policy the build writes (vite/csp.ts), what it blocks, hostile scenario text shown as
 * text everywhere it appears, and no network request after load.
 *
 * "No network request after load" is read as: nothing ever leaves the page's origin, and after
 * the lab has loaded the only requests are the app's own lazily loaded chunks (the editor, the
 * export dialog and encoders, the preset gallery: static files under /assets/, fetched by
 * `import()` as scripts). No fetch, XHR, WebSocket, EventSource or beacon, to any origin. The
 * lazy chunks are not prefetched: the first paint stays small, and they come from the same
 * static host the page came from (an offline-cached page has them too).
 */
/* eslint-disable no-script-url -- javascript: URLs are this spec's hostile input */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type Request } from '@playwright/test';
import { encodeLink } from '../src/share/link';
import { LabPage } from './pages/LabPage';

interface SecurityWindow {
  __cspViolations?: string[];
  __pwned?: unknown;
}

/** Collects every CSP violation the document reports, from before the first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as SecurityWindow;
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations?.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return console;
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as SecurityWindow).__cspViolations ?? []);
}

/** Click an export button and read the file it downloads. */
async function saved(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  await expect(page.getByTestId('export-done')).toContainText('Saved');
  return {
    name: download.suggestedFilename(),
    text: (await readFile(await download.path())).toString('utf8'),
  };
}

/** On the open lab: the lecture's flow by clicks, the editor, every export, embed, presets. */
async function fullFlow(lab: LabPage): Promise<void> {
  const page = lab.page;
  await lab.writtenAndOpened(2, 5);
  await lab.click('gpu0-read');
  await lab.click('gpu0-migrate');
  await lab.click('act-cpu-read');
  await expect(lab.editor()).toBeVisible();
  await lab.key('ArrowLeft');
  await lab.key('Home');

  await page.getByTestId('export-open').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-target').selectOption('page-tables');
  expect((await saved(page, 'export-svg')).text).toContain('<svg');
  await page.getByTestId('export-target').selectOption('memory');
  expect((await saved(page, 'export-png')).name).toMatch(/\.png$/);
  // The animations: gifenc, and mediabunny's WebCodecs encoder (no blob: worker for opaque video).
  await page.getByTestId('export-target').selectOption('page-tables');
  await page.getByTestId('export-scale').selectOption('1');
  expect((await saved(page, 'export-gif')).name).toMatch(/\.gif$/);
  await page.getByTestId('export-fps').selectOption('4');
  expect((await saved(page, 'export-webm')).name).toMatch(/\.webm$/);
  await page.getByTestId('export-close').click();

  await page.getByTestId('open-embed').click();
  await expect(page.getByTestId('embed-code')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('open-presets').click();
  const gallery = page.getByTestId('preset-gallery');
  await expect(gallery).toBeVisible();
  await gallery.locator('button[data-testid^="preset-"]').first().click();
  await lab.idle();
  await lab.key('End');
  expect(lab.errors).toEqual([]);
}

// The policy vite/csp.ts writes, directive by directive: what each must (and must not) allow.
const REQUIRED: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

test.describe('content security policy', () => {
  test('the built page carries the policy before anything it loads', async ({ page }) => {
    await page.goto('/');
    const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(meta).toHaveCount(1);
    const content = (await meta.getAttribute('content')) ?? '';
    const policy = new Map(
      content.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources.join(' ')] as const;
      }),
    );
    for (const [name, sources] of Object.entries(REQUIRED)) expect(policy.get(name)).toBe(sources);
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(content).not.toContain('unsafe-eval');
    expect(content).not.toMatch(/\*|https?:/);
    // In the served file, only <meta charset> comes before it: every script, stylesheet and
    // icon is governed. (At run time CodeMirror prepends its <style> elements to <head>.)
    const html = await (await page.request.get('/')).text();
    const head = html.slice(html.indexOf('<head>') + 6, html.indexOf('Content-Security-Policy'));
    expect(head.replace(/\s+/g, ' ').trim()).toBe('<meta charset="UTF-8" /> <meta http-equiv="');
  });

  test('a full session (clicks, editor, export, embed, presets, modes) violates nothing', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const console = await watchViolations(page);
    const lab = new LabPage(page);
    await lab.open();
    await fullFlow(lab);
    expect(await violations(page)).toEqual([]);

    for (const query of ['?present', '?embed', '?present&predict']) {
      await page.goto(`/${query}`);
      await expect(page.getByTestId(query === '?embed' ? 'player' : 'presenter')).toBeVisible();
      await page.keyboard.press('ArrowRight');
      expect(await violations(page)).toEqual([]);
    }
    await page.goto('/?selfcheck');
    await page.getByRole('button', { name: 'Run the conformance suite' }).click();
    await expect(page.getByTestId('selfcheck-summary')).toBeVisible({ timeout: 60_000 });
    expect(await violations(page)).toEqual([]);
    expect(console).toEqual([]);
  });

  test('inline script, inline handlers, javascript: URLs, string eval and foreign fetches are refused', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await watchViolations(page);
    await lab.open();
    // page.evaluate runs through the DevTools protocol, which CSP does not govern; what it does
    // to the document (a new <script>, an inline handler, a string timer, a fetch) is governed.
    const result = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
      const settle = () => new Promise((r) => setTimeout(r, 200));

      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);

      const img = document.createElement('img');
      // eslint-disable-next-line no-restricted-syntax -- the CSP must refuse it
      img.setAttribute('onerror', 'window.__handler = 1');
      img.src = 'data:,not-an-image';
      document.body.append(img);

      const a = document.createElement('a');
      a.href = 'javascript:window.__jsurl = 1';
      document.body.append(a);
      a.click();

      // A string timer is eval by another name: refused when it is scheduled.
      // (The DOM's types allow a string handler: TimerHandler is string | Function.)
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point of the test
      window.setTimeout('window.__timer = 1', 0);

      let fetched: string;
      try {
        await fetch('https://example.com/');
        fetched = 'fetched';
      } catch (e) {
        fetched = String(e);
      }
      await settle();
      script.remove();
      img.remove();
      a.remove();
      return {
        ran: ['__inline', '__handler', '__jsurl', '__timer'].filter((k) => k in w),
        fetched,
        seen,
      };
    });
    expect(result.ran).toEqual([]);
    expect(result.fetched).toMatch(/TypeError/);
    expect(result.seen).toEqual(
      expect.arrayContaining([
        'script-src-elem inline',
        'script-src-attr inline',
        'script-src-elem inline', // the javascript: URL
        'script-src eval',
        'connect-src https://example.com/',
      ]),
    );
    expect(lab.errors).toEqual([]);
  });
});

// Everything the grammar lets through. Only the title is free text (any character but controls,
// so markup, template syntax, a javascript: URL, an RTL override and a zero-width space); file
// names allow `: . = _` (so a javascript: URL); comments are free but stay in the editor.
const TITLE =
  '<img src=x onerror="window.__pwned=1"> "><script>window.__pwned=1</script> ' +
  "{{constructor.constructor('window.__pwned=1')()}} javascript:window.__pwned=1 \u202Eevil\u200B!";
const FILE = 'javascript:window.__pwned=1';
const COMMENT = '# <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">';
const HOSTILE = [
  `title "${TITLE.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  COMMENT,
  'kernel modern',
  'ram 16',
  'device gpu0 private 8',
  'process app',
  `app mmap buf 1 file:${FILE} shared`,
  'app write buf 7',
  'app open gpu0',
  'gpu0 migrate buf',
  'app read buf',
  '',
].join('\n');

/** Nothing ran, and no element came from the text: no handler attributes, no inline scripts. */
async function expectInert(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as SecurityWindow).__pwned,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    images: document.querySelectorAll('img[src="x"], img:not([src])').length,
    links: [...document.querySelectorAll('a[href]')].filter((a) =>
      a.getAttribute('href')?.trim().toLowerCase().startsWith('javascript:'),
    ).length,
  }));
  expect(state).toEqual({ pwned: undefined, handlers: 0, inlineScripts: 0, images: 0, links: 0 });
}

/** The text of the document (textContent, so zero-width and direction marks are kept). */
async function text(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((e) => e.textContent ?? '');
}

test.describe('hostile scenario text is text', () => {
  const link = encodeLink({ text: HOSTILE, at: null, selection: null, watched: null });

  test('from a link: the lab, its editor, narration and an SVG export show it verbatim', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    const console = await watchViolations(page);
    await lab.open(`#${link}`);
    await lab.key('End');
    await expectInert(page);

    await expect.poll(() => text(page, 'scenario')).toContain(`Scenario · ${TITLE}`);
    expect(await lab.editorText()).toContain(COMMENT);
    expect(await lab.editorText()).toContain(TITLE.replace(/"/g, '\\"'));
    await lab.key('Home');
    await lab.key('ArrowRight');
    await expect(page.getByTestId('narration')).toContainText(`shared file mapping of ${FILE}`);
    expect(await page.title()).toMatch(/^HMM Lab$|^.*<img src=x/);

    await page.getByTestId('export-open').click();
    await page.getByTestId('export-target').selectOption('scenario');
    const svg = await saved(page, 'export-svg');
    expect(svg.text).not.toContain('<img src=x');
    expect(svg.text).not.toContain('<script>window');
    expect(svg.text).toContain('&lt;img src=x onerror=');
    // Parsed back, the SVG holds the title as text and no element made from it.
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror') !== null,
        handlers: doc.querySelectorAll('[onerror], [onload]').length,
        scripts: doc.getElementsByTagName('script').length,
        text: doc.documentElement.textContent ?? '',
      };
    }, svg.text);
    expect(parsed.error).toBe(false);
    expect(parsed.handlers).toBe(0);
    expect(parsed.scripts).toBe(0);
    expect(parsed.text).toContain(TITLE);
    await page.getByTestId('export-close').click();

    await expectInert(page);
    expect(await violations(page)).toEqual([]);
    expect(console).toEqual([]);
    expect(lab.errors).toEqual([]);
  });

  test('from a link: the presenter title, the caption and the embed player', async ({ page }) => {
    await watchViolations(page);
    await page.goto(`/?present#${link}`);
    await expect(page.getByTestId('presenter')).toBeVisible();
    await expect.poll(() => text(page, 'presenter-title')).toBe(TITLE);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('caption')).toContainText(FILE);
    await expectInert(page);

    await page.goto('about:blank');
    await page.goto(`/?embed&range=1-1#${link}`); // the mmap, which names the file
    await expect(page.getByTestId('player')).toBeVisible();
    await page.getByTestId('player-forward').click();
    await expect(page.getByTestId('caption')).toContainText(FILE);
    const open = await page.getByTestId('player-open-lab').getAttribute('href');
    expect(open).not.toMatch(/^\s*javascript:/i);
    await expectInert(page);
    expect(await violations(page)).toEqual([]);
  });

  test('from a file: the name and the text are text; hostile names are refused at their line', async ({
    page,
  }) => {
    const lab = new LabPage(page);
    await watchViolations(page);
    await lab.open();
    await expect(lab.editor()).toBeVisible();
    const name = '<img src=x onerror="window.__pwned=1">.hmm';
    await page.getByTestId('file-input').setInputFiles({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(HOSTILE),
    });
    await expect(lab.banner()).toContainText(`Opened ${name}`);
    await lab.idle();
    await expect.poll(() => text(page, 'scenario')).toContain(TITLE);
    await expectInert(page);

    // Names are identifiers: markup in one is a parse error at its line and column, shown as text.
    await page.getByTestId('file-input').setInputFiles({
      name: 'names.hmm',
      mimeType: 'text/plain',
      buffer: Buffer.from('process app\napp mmap <img 1\n'),
    });
    await expect(lab.banner()).toContainText(/line 2.*expected a buffer name .*found "<img"/);
    await expect(page.locator('.cm-lintRange-error')).toHaveText('<img');
    await expectInert(page);
    expect(await violations(page)).toEqual([]);
  });
});

test('no request leaves the origin, and none but the lazy chunks after load', async ({ page }) => {
  const base = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1');
  const requests: Request[] = [];
  const foreign: string[] = [];
  page.context().on('request', (r) => requests.push(r));
  // A request to another origin would be aborted here (CSP should stop it before that).
  await page.context().route(
    (url) => url.origin !== base.origin && !['data:', 'blob:'].includes(url.protocol),
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  const lab = new LabPage(page);
  await lab.open();
  await page.waitForLoadState('networkidle');
  const loaded = requests.length;

  await fullFlow(lab);
  await page.waitForLoadState('networkidle');
  await lab.idle();

  const origin = (r: Request) => new URL(r.url()).origin;
  const describe = (r: Request) => `${r.resourceType()} ${r.url()}`;
  expect(foreign).toEqual([]);
  expect(
    requests.filter((r) => origin(r) !== base.origin && !r.url().startsWith('data:')).map(describe),
  ).toEqual([]);
  const after = requests.slice(loaded);
  expect(
    after
      .filter((r) =>
        ['fetch', 'xhr', 'websocket', 'eventsource', 'ping'].includes(r.resourceType()),
      )
      .map(describe),
  ).toEqual([]);
  // After load: only the app's own static assets (the lazy chunks), and the blobs it saves.
  expect(
    after
      .filter((r) => !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      .filter((r) => !new URL(r.url()).pathname.startsWith('/assets/'))
      .map(describe),
  ).toEqual([]);
});
