/**
 * `npm run bench:start`: how soon `npm start` shows something, and then the lab. Not a test: it
 * prints figures and asserts nothing about time (method: docs/benchmarks.md, "First view").
 *
 * Each run starts a fresh Vite dev server with this checkout's vite.config.ts (through Vite's
 * API, so its dependency cache goes to a temporary folder and never touches node_modules/.vite,
 * which other checkouts may share), then opens a fresh Chromium context on it, as `npm start`
 * opens a browser the moment the server is ready, and waits for the lab. Two kinds of run:
 *
 *   first start  an empty dependency cache, as on the first `npm start` after `npm install`
 *   next start   the cache the first start left (every later `npm start`)
 *
 * Figures, each from the moment the page is asked for (Node's clock; the page reports its
 * events as epoch times, so a full reload by the dev server does not reset them):
 *
 *   server       createServer + listen, before the page is asked for (not in the others)
 *   first paint  the page's first contentful paint, on the first document it loaded
 *   loading      whether that first paint was the loading state (index.html's #boot-loading)
 *   lab          the whole lab in the page (its last part mounted: the narration) and a frame
 *                drawn after it, on the last document
 *   requests     every request the page made until then, reloads included
 *   reloads      full reloads (the dev server reloads the page when it finds a dependency it had
 *                not pre-bundled, and throws away everything loaded so far)
 *
 * `RUNS=n` runs each kind n times (default 5); medians are printed last. The machine's load
 * average is printed with them: on a shared machine, compare runs made in the same minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'vite';

const RUNS = Number(process.env.RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = 120_000;

interface Run {
  server: number;
  firstPaint: number;
  loading: boolean;
  lab: number;
  requests: number;
  reloads: number;
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * What every document the page loads reports, as epoch milliseconds. A string, not a function:
 * tsx compiles functions with helpers (`__name`) that do not exist in the page, and an init
 * script that throws reports nothing.
 */
const PROBE = `(() => {
  const report = (k, t) => window.__benchReport(k, t);
  const at = (t) => performance.timeOrigin + t;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'first-contentful-paint') {
        report('paint', at(e.startTime));
        report('loading', document.getElementById('boot-loading') ? 1 : 0);
      }
  }).observe({ type: 'paint', buffered: true });
  const seen = () => {
    if (!document.querySelector('[data-testid="lab"] [data-testid="narration"]')) return false;
    requestAnimationFrame(() => report('lab', at(performance.now())));
    return true;
  };
  const watch = () => {
    if (seen()) return;
    const m = new MutationObserver(() => { if (seen()) m.disconnect(); });
    m.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();`;

async function once(browser: Browser, cacheDir: string): Promise<Run> {
  const port = await freePort();
  const s0 = Date.now();
  const server = await createServer({
    configFile: 'vite.config.ts',
    cacheDir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  await server.listen();
  const serverMs = Date.now() - s0;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const events = new Map<string, number>();
    let requests = 0;
    let documents = 0;
    page.on('request', (r) => {
      requests++;
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) documents++;
    });
    let labShown: () => void = () => {};
    const lab = new Promise<void>((resolve) => (labShown = resolve));
    await page.exposeFunction('__benchReport', (k: string, t: number) => {
      // The first document's paint; the last document's lab.
      if (k === 'lab' || !events.has(k)) events.set(k, t);
      // Done when the lab is drawn and the first paint is known (the lab's text can be it).
      if (events.has('lab') && events.has('paint')) labShown();
    });
    await page.addInitScript({ content: PROBE });
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      lab,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no lab after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    return {
      server: serverMs,
      firstPaint: (events.get('paint') ?? NaN) - t0,
      loading: events.get('loading') === 1,
      lab: (events.get('lab') ?? NaN) - t0,
      requests,
      reloads: documents - 1,
    };
  } finally {
    await context.close();
    await server.close();
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? (s[(n - 1) / 2] ?? NaN) : ((s[n / 2 - 1] ?? NaN) + (s[n / 2] ?? NaN)) / 2;
};

const ms = (x: number): string => `${x.toFixed(0).padStart(5)} ms`;

function line(kind: string, r: Run): string {
  return (
    `${kind.padEnd(12)} server ${ms(r.server)}  first paint ${ms(r.firstPaint)}` +
    `${r.loading ? ' (loading state)' : '                '}  lab ${ms(r.lab)}` +
    `  requests ${String(r.requests).padStart(4)}  reloads ${r.reloads}`
  );
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const runs: Record<'first start' | 'next start', Run[]> = {
    'first start': [],
    'next start': [],
  };
  const load = loadavg()[0] ?? NaN;
  try {
    for (let i = 0; i < RUNS; i++) {
      const cacheDir = mkdtempSync(join(tmpdir(), 'hmm-lab-vite-'));
      try {
        for (const kind of ['first start', 'next start'] as const) {
          const r = await once(browser, cacheDir);
          runs[kind].push(r);
          console.log(line(kind, r));
        }
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `\nmedians of ${RUNS} runs each (load average ${load.toFixed(2)} before, ` +
      `${(loadavg()[0] ?? NaN).toFixed(2)} after, on ${availableParallelism()} cores):`,
  );
  for (const [kind, rs] of Object.entries(runs))
    console.log(
      line(kind, {
        server: median(rs.map((r) => r.server)),
        firstPaint: median(rs.map((r) => r.firstPaint)),
        loading: rs.every((r) => r.loading),
        lab: median(rs.map((r) => r.lab)),
        requests: median(rs.map((r) => r.requests)),
        reloads: median(rs.map((r) => r.reloads)),
      }),
    );
}

await main();
