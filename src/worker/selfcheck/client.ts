import * as Comlink from 'comlink';
import type { SelfCheckApi } from './selfcheck.worker';

/** The self-check worker, started on first use. Vite finds it through this literal shape. */
let remote: Comlink.Remote<SelfCheckApi> | null = null;
export function selfCheckWorker(): Comlink.Remote<SelfCheckApi> {
  remote ??= Comlink.wrap<SelfCheckApi>(
    new Worker(new URL('./selfcheck.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}
