import { describe, expect, it } from 'vitest';
import type { OpView } from '../../timeline/operations';
import { presetAddress } from './presetAddress';

const ops = [{ steps: [1, 2, 3] }, { steps: [] }] as unknown as OpView[];
const shown = { id: 'storyboard', text: 'T' };

describe('the address bar of a preset shown as it came', () => {
  it('is its short link at the step on screen', () => {
    const at = (op: number, step: number) =>
      presetAddress(shown, { text: 'T', position: { op, step }, ops, playing: false });
    expect(at(-1, -1)).toBe('preset=storyboard');
    expect(at(0, 1)).toBe('preset=storyboard&step=1.2');
    expect(at(0, 2)).toBe('preset=storyboard&step=1');
    expect(at(1, -1)).toBe('preset=storyboard&step=2');
  });

  it('is nothing once the text is another, or no preset is shown', () => {
    const s = { text: 'T2', position: null, ops: [], playing: false };
    expect(presetAddress(shown, s)).toBeNull();
    expect(presetAddress(null, { ...s, text: 'T' })).toBeNull();
  });
});
