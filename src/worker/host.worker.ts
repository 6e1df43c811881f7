/**
 * The worker entry: the lab host, exposed with Comlink on the worker's global scope.
 *
 * Typed under the app's DOM lib on purpose: a WebWorker lib reference would merge into the whole
 * program (its conflicts with the DOM lib are only hidden by skipLibCheck), so no reference,
 * only calls valid in both (`self.close`, `setTimeout`, Comlink's default endpoint).
 */
import * as Comlink from 'comlink';
import { LabHost } from './host';
import type { ProgressMessage } from './protocol';
import { workerApi } from './workerApi';

/** Die the way a real crash looks from the page: an uncaught error, then no worker at all. */
function crash(): void {
  setTimeout(() => self.close(), 0);
  throw new Error('Injected crash: the engine worker stopped');
}

/** Before each live command: which one, outside Comlink (see ProgressMessage). */
const progress = (op: number): void =>
  self.postMessage({ hmmLabProgress: op } satisfies ProgressMessage);

Comlink.expose(workerApi(new LabHost({ progress }), crash));
