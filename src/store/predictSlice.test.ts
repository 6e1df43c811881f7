import { describe, expect, it } from 'vitest';
import { afterMove, asking, asksFirst, predictSlice, revealMove } from './predictSlice';
import { sliceStore } from './testStore';
import type { PredictState } from './types';

const state = (p: Partial<PredictState>): PredictState => ({
  on: true,
  phase: 'idle',
  unit: 'operation',
  guess: { where: 'ram', ref: 2 },
  frame: null,
  ...p,
});

describe('predict-then-reveal', () => {
  it('asks on a step forward, unless off, going back, at the end or already asking', () => {
    expect(asksFirst(state({}), true, false)).toBe(true);
    expect(asksFirst(state({ phase: 'revealed' }), true, false)).toBe(true);
    expect(asksFirst(state({ on: false }), true, false)).toBe(false);
    expect(asksFirst(state({}), false, false)).toBe(false);
    expect(asksFirst(state({}), true, true)).toBe(false);
    expect(asksFirst(state({ phase: 'asking' }), true, false)).toBe(false);
  });

  it('asking clears the guesses and keeps the frame asked about; a move forward reveals them, back drops the question', () => {
    expect(asking(state({ frame: 3 }), 7)).toEqual(
      state({ phase: 'asking', guess: { where: null, ref: null }, frame: 7 }),
    );
    const asked = state({ phase: 'asking' });
    expect(afterMove(asked, true)).toEqual({ ...asked, phase: 'revealed' });
    expect(afterMove(asked, false)).toEqual({ ...asked, phase: 'idle' });
    // No question: the same state, so the store is not touched.
    const idle = state({});
    expect(afterMove(idle, true)).toBe(idle);
    const off = state({ on: false, phase: 'revealed' });
    expect(afterMove(off, true)).toBe(off);
  });

  it('the slice turns it on and off afresh and merges guesses', () => {
    const store = sliceStore(predictSlice, {});
    const s = () => store.getState();
    expect(s().predict).toEqual({
      on: false,
      phase: 'idle',
      unit: 'operation',
      guess: { where: null, ref: null },
      frame: null,
    });
    s().setPredict(true);
    s().guess({ where: 'gpu0' });
    s().guess({ ref: 1 });
    expect(s().predict).toEqual({
      on: true,
      phase: 'idle',
      unit: 'operation',
      guess: { where: 'gpu0', ref: 1 },
      frame: null,
    });
    s().setPredictUnit('step');
    s().setPredict(true);
    expect(s().predict.guess).toEqual({ where: null, ref: null });
    expect(s().predict.unit).toBe('step'); // the unit outlives a question
  });

  it('answers a question about the next operation at its end, about a micro-step after it', () => {
    expect(revealMove(state({ phase: 'asking' }), 'into')).toBe('over');
    expect(revealMove(state({ phase: 'asking', unit: 'step' }), 'into')).toBe('into');
    expect(revealMove(state({ phase: 'asking' }), 'backInto')).toBe('backInto');
    expect(revealMove(state({ phase: 'idle' }), 'into')).toBe('into');
    expect(revealMove(state({ on: false, phase: 'asking' }), 'into')).toBe('into');
  });
});
