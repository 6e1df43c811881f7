/**
 * How the lab is doing: whether the worker has answered and is busy, the banner (an error or a
 * notice, one at a time), the draft's own notice, and the test hook that makes the worker fail.
 * Crash healing itself runs in the request queue (crashReplay.ts), and sets the banner here.
 */
import type { LabConnection } from '../worker/client';
import type { LabEffects } from './effects';
import { watchTarget } from './inspection';
import type { Slice } from './slice';
import type { HealthSlice, LabState } from './types';

type Reads = HealthSlice & Pick<LabState, 'watched' | 'selection' | 'inspecting'>;

export function healthSlice(
  fx: Pick<LabEffects, 'request'> & { client: Pick<LabConnection, 'fail' | 'watch'> },
): Slice<HealthSlice, Reads> {
  return (set, get) => ({
    status: 'starting',
    error: null,
    draftNotice: null,
    lastLatencyMs: null,
    showError: (error) => set({ error }),
    dismissError: () => set({ error: null }),
    setDraftNotice: (draftNotice) => set({ draftNotice }),
    injectFailure: (fatal) =>
      fx.request(async () => {
        await fx.client.fail(fatal);
        // Still alive (a fatal failure dies just after answering): show the state as it is.
        return fx.client.watch(watchTarget(get()));
      }),
  });
}
