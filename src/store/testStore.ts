/** Test support: a store of one slice, and effects that act at once, with no worker behind them. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { BOOT, type Position } from '../timeline/position';
import type { Request } from './requests';
import type { Seeks } from './seeks';
import type { Slice } from './slice';

/** A store of `slice` alone, plus `others`: the fields of other slices it reads or writes. */
export function sliceStore<Own, S extends Own>(
  slice: Slice<Own, S>,
  others: Omit<S, keyof Own>,
): StoreApi<S> {
  return createStore<S>()((set, get) => ({ ...others, ...slice(set, get) }) as S);
}

/** Seeks that land at once (as a reply would: `position` moves), each one logged in `log`. */
export function instantSeeks(
  set: (patch: { position: Position }) => void,
  get: () => { position: Position | null },
  log: Position[],
): Seeks {
  return {
    to: (p) => {
      log.push(p);
      set({ position: p });
      return Promise.resolve();
    },
    from: () => get().position ?? BOOT,
  };
}

/** A request that only keeps what it was asked (`kept`), for a test to run or look at. */
export function keptRequests(): { request: Request; kept: Parameters<Request>[] } {
  const kept: Parameters<Request>[] = [];
  return {
    kept,
    request: (...args) => {
      kept.push(args);
      return Promise.resolve();
    },
  };
}
