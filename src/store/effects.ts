/**
 * What the slices may do to the world besides updating the store: call the worker (through the
 * request queue, which heals crashes), seek, and run timers. Built once per store by
 * createLabStore and handed to the slices, which keep their state updates apart from these
 * (nand2tetris web-ide's stores get their file system and status line the same way); a slice's
 * test hands it fakes.
 */
import type { LabConnection } from '../worker/client';
import type { SetLab } from './bridge';
import { createCrashReplay, type CrashReplay } from './crashReplay';
import { createRequests, type Request } from './requests';
import { createSeeks, type Seeks } from './seeks';
import { oneShot, pageTimers, type OneShot, type Timers } from './timers';
import type { LabState } from './types';

export interface LabEffects {
  /** The worker. Calls that change what the lab shows go through `request`. */
  client: LabConnection;
  request: Request;
  seeks: Seeks;
  crashes: Pick<CrashReplay, 'initText'>;
  /** The pause after the last keystroke before an edit runs. */
  editPause: OneShot;
  /** The next playback step (stopping it pauses playback, `playing` aside). */
  playTimer: OneShot;
  timers: Timers;
}

/**
 * The effects of a store with `set` and `get`, talking to `client`.
 * WARNING: `client` must tell its crash listeners synchronously, before pending calls'
 * rejections are seen (LabClient does), or a crash would be replayed twice.
 */
export function labEffects(
  client: LabConnection,
  set: SetLab,
  get: () => LabState,
  timers: Timers = pageTimers,
): LabEffects {
  const crashes = createCrashReplay(client, set, get);
  const requests = createRequests(set, get, crashes, () => timers.now());
  // A crash between requests (fail(true), a worker dying on its own) has no call to reject:
  // queue the replay. During a request, that request's catch does it.
  client.onCrash((reason, op) => {
    crashes.note({ reason, op });
    if (requests.size === 0) void requests.request(null);
  });
  return {
    client,
    request: requests.request,
    seeks: createSeeks(requests, client, get),
    crashes,
    editPause: oneShot(timers),
    playTimer: oneShot(timers),
    timers,
  };
}
