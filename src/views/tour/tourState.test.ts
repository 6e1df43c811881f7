import { describe, expect, it } from 'vitest';
import { LAB_MODE } from '../modes/mode';
import { TOUR_KEY, markTourSeen, shouldOfferTour } from './tourState';

function store(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

describe('the first-visit tour', () => {
  it('is offered on a first visit to the plain lab only', () => {
    expect(shouldOfferTour(store(), LAB_MODE, false, ['draft'])).toBe(true);
    expect(shouldOfferTour(store(), LAB_MODE, true, ['draft'])).toBe(false);
    expect(shouldOfferTour(store({ draft: '{}' }), LAB_MODE, false, ['draft'])).toBe(false);
    expect(shouldOfferTour(store(), { ...LAB_MODE, kind: 'present' }, false, [])).toBe(false);
    expect(shouldOfferTour(store(), { ...LAB_MODE, kind: 'embed' }, false, [])).toBe(false);
    expect(shouldOfferTour(store(), { ...LAB_MODE, predict: true }, false, [])).toBe(false);
    expect(shouldOfferTour(null, LAB_MODE, false, [])).toBe(false);
  });

  it('is not offered again once dismissed', () => {
    const s = store();
    markTourSeen(s);
    expect(s.getItem(TOUR_KEY)).toBe('seen');
    expect(shouldOfferTour(s, LAB_MODE, false, [])).toBe(false);
  });
});
