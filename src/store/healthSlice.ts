/**
 * How the lab is doing: whether the worker has answered and is busy, the banner (an error or a
 * notice, one at a time), the draft's own notice, and the test hook that makes the worker fail.
 * Crash healing itself runs in the request queue (crashReplay.ts), and sets the banner here.
 */
import type { LabConnection } from '../worker/client';
import type { LabEffects } from './effects';
import type { Slice } from './slice';
import type { DraftNotice, LabError, LabState } from './types';

export interface HealthSlice {
  /** starting: no worker answer yet; busy: a request is in flight. */
  status: 'starting' | 'ready' | 'busy';
  error: LabError | null;
  /** The draft could not be saved, or another tab saved another one (null: all is well). */
  draftNotice: DraftNotice | null;
  /** Milliseconds from the last request to its reply (for the click-to-view benchmark). */
  lastLatencyMs: number | null;
  showError: (error: LabError) => void;
  dismissError: () => void;
  setDraftNotice: (notice: DraftNotice | null) => void;
  /** Test hook: make the worker throw (recoverable) or die (fatal). */
  injectFailure: (fatal: boolean) => Promise<void>;
}

type Reads = HealthSlice & Pick<LabState, 'watched'>;

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
        return fx.client.watch(get().watched);
      }),
  });
}
