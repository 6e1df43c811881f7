/**
 * The JavaScript heap of one of the page's Web Workers, through the DevTools protocol (a page
 * cannot see a worker's heap: performance.memory exists on the main thread only). The page's
 * CDP session attaches to the worker's target and relays Runtime/HeapProfiler calls to it.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface WorkerHeap {
  /** A full garbage collection in the worker, then its heap in use (bytes). */
  usedAfterGc(): Promise<number>;
}

export async function workerHeap(page: Page, urlPart: string): Promise<WorkerHeap> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
  if (!target) throw new Error(`no worker whose URL contains ${urlPart}`);
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let next = 1;
  const call = (method: string): Promise<Record<string, unknown>> => {
    const id = next++;
    return new Promise((resolve, reject) => {
      const onMessage = (e: { message: string }): void => {
        const m = JSON.parse(e.message) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: { message: string };
        };
        if (m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(reject);
    });
  };
  return {
    async usedAfterGc() {
      await call('HeapProfiler.collectGarbage');
      const r = await call('Runtime.getHeapUsage');
      return Number(r.usedSize);
    },
  };
}
