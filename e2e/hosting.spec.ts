/**
 * Issue 13, hosting for a course: the build is static and runs from a sub-path of any host
 * (`base: './'`). This spec serves the e2e build (E2E_OUT_DIR) under /course/hmm-lab/ with a
 * plain static file server, as a course site would, and checks that the lab, a preset link, the
 * embed snippet and the player work there, asking for nothing outside that path.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const OUT_DIR = resolve(process.env.E2E_OUT_DIR ?? 'dist');
const PREFIX = '/course/hmm-lab/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A static file server for OUT_DIR under PREFIX only; everything else is a 404. */
function staticHost(): Server {
  return createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(PREFIX)) {
        res.writeHead(404).end();
        return;
      }
      const rel = normalize(path.slice(PREFIX.length) || 'index.html');
      const file = join(OUT_DIR, rel);
      if (!file.startsWith(OUT_DIR) || !(await stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    })();
  });
}

let server: Server;
let origin = '';

test.beforeAll(async () => {
  server = staticHost();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

/** Every request the page makes, and the ones that failed. */
function watch(page: Page): { urls: string[]; failed: string[] } {
  const seen = { urls: [] as string[], failed: [] as string[] };
  page.on('request', (r) => seen.urls.push(r.url()));
  page.on('requestfailed', (r) => seen.failed.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) seen.failed.push(`${r.status()} ${r.url()}`);
  });
  return seen;
}

const own = (url: string) => url.startsWith(`${origin}${PREFIX}`) || url.startsWith('data:');

test('the lab runs from a sub-path: its chunks, its worker and a click, nothing asked outside it', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(`${origin}${PREFIX}`);
  await expect(page.getByTestId('lab')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('');
  // The engine's worker answers: a click runs a command.
  await page.getByTestId('act-mmap').click();
  await page.getByTestId('mmap-name').fill('buf');
  await page.getByTestId('mmap-submit').click();
  await expect(page.getByTestId('page-app-buf-0')).toBeVisible();
  // The editor and the presets are lazy chunks: they load from the sub-path too.
  await expect(page.locator('.cm-editor')).toBeVisible();
  await page.getByTestId('open-presets').click();
  await expect(page.getByTestId('preset-storyboard')).toBeVisible();
  expect(seen.failed).toEqual([]);
  expect(seen.urls.filter((u) => !own(u))).toEqual([]);
  expect(seen.urls.some((u) => /\/assets\/host\.worker-.*\.js$/.test(u))).toBe(true);
});

test('a preset link opens at its step from the sub-path, and index.html works by name', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(`${origin}${PREFIX}index.html#preset=storyboard&step=5.2`);
  await expect(page.getByTestId('status')).toHaveText('');
  await expect(page.getByTestId('timeline-position')).toHaveText(/^op 5\/7 · step 2\//);
  expect(await page.evaluate(() => window.location.pathname + window.location.hash)).toBe(
    `${PREFIX}index.html#preset=storyboard&step=5.2`,
  );
  expect(seen.failed).toEqual([]);
});

test('the embed snippet points at the hosted origin and path, and its player plays there', async ({
  page,
}) => {
  await page.goto(`${origin}${PREFIX}#preset=storyboard`);
  await expect(page.getByTestId('status')).toHaveText('');
  await page.getByTestId('open-embed').click();
  const code = await page.getByTestId('embed-code').inputValue();
  const src = /<iframe src="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, '&') ?? '';
  expect(src.startsWith(`${origin}${PREFIX}?embed`)).toBe(true);
  const seen = watch(page);
  await page.setContent(code.replace('loading="lazy"', ''));
  const player = page.frameLocator('iframe');
  await expect(player.getByTestId('player')).toBeVisible();
  const before = await player.getByTestId('player-position').textContent();
  await player.getByTestId('player-forward').click();
  await expect(player.getByTestId('player-position')).not.toHaveText(before ?? '');
  // Its "open in HMM Lab" goes to the full lab on the same host and path.
  const full = await player.getByTestId('player-open-lab').getAttribute('href');
  expect(full?.startsWith(`${origin}${PREFIX}#hmm2.`)).toBe(true);
  expect(seen.failed).toEqual([]);
  expect(seen.urls.filter((u) => !own(u) && u !== 'about:blank')).toEqual([]);
});
