/**
 * Predict-then-reveal: with it on, a step forward first asks (the lab stays where it is and the
 * audience guesses where the selected page will live and its frame's refcount), and the next
 * step forward moves and reveals. The moves themselves are the navigation slice's; this slice
 * holds the question, and the pure rules for what a step does to it.
 */
import type { Slice } from './slice';
import type { PredictSlice, PredictState } from './types';

const noGuess = (): PredictState['guess'] => ({ where: null, ref: null });

/** A step asks instead of moving: predicting, forward, not at the end, not already asking. */
export function asksFirst(p: PredictState, forward: boolean, atEnd: boolean): boolean {
  return p.on && forward && !atEnd && p.phase !== 'asking';
}

/** The question put: fresh guesses, about `frame` (the frame struct page shows now). */
export function asking(p: PredictState, frame: number | null): PredictState {
  return { ...p, phase: 'asking', guess: noGuess(), frame };
}

/**
 * The move a step makes while predicting: a question about the next operation is answered at its
 * end, so a micro-step forward that reveals goes over the operation instead.
 */
export function revealMove<K extends string>(p: PredictState, kind: K): K | 'over' {
  return p.on && p.phase === 'asking' && p.unit === 'operation' && kind === 'into' ? 'over' : kind;
}

/**
 * After a step that moves: forward reveals the answer (the guesses stay, to compare), back
 * drops the question. The same state when there is no question.
 */
export function afterMove(p: PredictState, forward: boolean): PredictState {
  return p.on && p.phase !== 'idle' ? { ...p, phase: forward ? 'revealed' : 'idle' } : p;
}

export const predictSlice: Slice<PredictSlice, PredictSlice> = (set, get) => ({
  predict: { on: false, phase: 'idle', unit: 'operation', guess: noGuess(), frame: null },
  setPredict: (on) =>
    set({
      predict: { on, phase: 'idle', unit: get().predict.unit, guess: noGuess(), frame: null },
    }),
  setPredictUnit: (unit) => set({ predict: { ...get().predict, unit } }),
  guess: (g) => {
    const p = get().predict;
    set({ predict: { ...p, guess: { ...p.guess, ...g } } });
  },
});
