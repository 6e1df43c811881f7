/**
 * A slice of the lab store (zustand's slices pattern): its own state and actions, made from the
 * store's `set` and `get`. `S` is the part of the store the slice reads and writes (the whole
 * store by default), so a test can build the slice on a store of just that part.
 */
import type { LabState } from './types';

export type Slice<Own, S = LabState> = (set: (patch: Partial<S>) => void, get: () => S) => Own;
