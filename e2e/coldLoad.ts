/**
 * A cold load as a reader gets it: a fresh Chromium profile opens the lab from its command line,
 * with no debugger attached while the page loads. A Playwright page has DevTools protocol
 * sessions on it from the start, which makes V8 collect source positions as modules evaluate
 * (a 30-50 ms task of its own on this machine); measuring under it would blame the lab for it.
 * The harness connects once the load is over and reads the long tasks and Long Animation Frames
 * the page buffered (PerformanceObserver `buffered: true`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/** A frame the browser reports as long (over 50 ms, rendering included). */
export interface LongFrame {
  start: number;
  duration: number;
  /** How far its longest task, with the rendering it ends with, went past 50 ms. */
  blocking: number;
  /** The scripts that ran in it: what called them, and for how long (ms). */
  scripts: { invoker: string; duration: number }[];
}

export interface ColdLoad {
  /** Tasks over 50 ms (the Long Tasks API), ms, longest first. */
  longTasks: number[];
  frames: LongFrame[];
}

/** The Long Animation Frames API's entries (not yet in TypeScript's DOM lib). */
interface LoafEntry extends PerformanceEntry {
  blockingDuration: number;
  scripts: { invoker: string; duration: number }[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Loads `url` in a new Chromium, waits `settleMs`, and reads what the page measured in its first
 * `windowMs` (the lab is whole in about a second; the harness's own attach comes after).
 */
export async function coldLoad(url: string, settleMs = 4000, windowMs = 3000): Promise<ColdLoad> {
  const profile = mkdtempSync(join(tmpdir(), 'hmm-lab-cold-'));
  const proc = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--window-size=1280,720',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      url,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 20_000);
      proc.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\S+)/.exec(err);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${err}`)));
    });
    await new Promise((r) => setTimeout(r, settleMs));
    const browser = await chromium.connectOverCDP(endpoint);
    try {
      const page = browser.contexts()[0]?.pages()[0];
      if (!page) throw new Error('the cold-loaded page is not there');
      return await page.evaluate(
        (windowMs) =>
          new Promise<ColdLoad>((resolve) => {
            const frames: LongFrame[] = [];
            const longTasks: number[] = [];
            new PerformanceObserver((list) => {
              for (const e of list.getEntries())
                if (e.startTime < windowMs) longTasks.push(Math.round(e.duration));
            }).observe({ type: 'longtask', buffered: true });
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as LoafEntry[])
                if (e.startTime < windowMs)
                  frames.push({
                    start: Math.round(e.startTime),
                    duration: Math.round(e.duration),
                    blocking: Math.round(e.blockingDuration),
                    scripts: e.scripts.map((s) => ({
                      invoker: s.invoker.replace(/^.*\/assets\//, ''),
                      duration: Math.round(s.duration),
                    })),
                  });
            }).observe({ type: 'long-animation-frame', buffered: true });
            // Buffered entries arrive in the observer's first callback.
            setTimeout(() => {
              longTasks.sort((a, b) => b - a);
              resolve({ longTasks, frames });
            }, 100);
          }),
        windowMs,
      );
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    proc.kill();
    await new Promise((r) => setTimeout(r, 300));
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
