import { describe, expect, it } from 'vitest';
import { actionFor } from './keys';

const key = (
  k: string,
  mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('timeline keys', () => {
  it('maps arrows, shift+arrows, space, Home/End and +/-', () => {
    expect(actionFor(key('ArrowRight'))).toEqual({ step: 'into' });
    expect(actionFor(key('ArrowRight', { shiftKey: true }))).toEqual({ step: 'over' });
    expect(actionFor(key('ArrowLeft'))).toEqual({ step: 'backInto' });
    expect(actionFor(key('ArrowLeft', { shiftKey: true }))).toEqual({ step: 'backOver' });
    expect(actionFor(key('Home'))).toEqual({ step: 'start' });
    expect(actionFor(key('End'))).toEqual({ step: 'end' });
    expect(actionFor(key(' '))).toEqual({ play: true });
    expect(actionFor(key('+', { shiftKey: true }))).toEqual({ speed: 1 });
    expect(actionFor(key('='))).toEqual({ speed: 1 });
    expect(actionFor(key('-'))).toEqual({ speed: -1 });
  });

  it('leaves browser and editor shortcuts alone', () => {
    expect(actionFor(key('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(actionFor(key('ArrowLeft', { altKey: true }))).toBeNull();
    expect(actionFor(key('a'))).toBeNull();
  });
});
