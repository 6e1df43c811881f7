import { describe, expect, it } from 'vitest';
import { placeCard } from './placeCard';

const vp = { width: 390, height: 844 };
const card = { width: 300, height: 200 };

describe('placeCard', () => {
  it('puts the card below its anchor when it fits', () => {
    expect(placeCard({ left: 20, top: 100, width: 50, height: 16 }, card, vp)).toEqual({
      side: 'below',
      left: 20,
      top: 120,
    });
  });

  it('flips above near the bottom of the viewport', () => {
    const p = placeCard({ left: 20, top: 800, width: 50, height: 16 }, card, vp);
    expect(p.side).toBe('above');
    expect(p.top).toBe(800 - 4 - 200);
  });

  it('stays inside the viewport at the right edge and when the card is taller than both sides', () => {
    const p = placeCard(
      { left: 370, top: 400, width: 20, height: 16 },
      { width: 300, height: 900 },
      vp,
    );
    expect(p.left).toBe(390 - 8 - 300);
    expect(p.top).toBe(8);
  });
});
