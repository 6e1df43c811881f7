import { describe, expect, it } from 'vitest';
import {
  createGifWriter,
  frameDelays,
  frameSizeProblem,
  HOLD_LAST_MS,
  MAX_FRAME_HEIGHT,
  MAX_FRAME_WIDTH,
  type Rgba,
} from './animation';
import { readGif } from './gifInfo';

/** A w×h frame of one colour with a square of another at (i, i): frames differ. */
function frame(w: number, h: number, i: number): Rgba {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const inSquare = x >= i && x < i + 4 && y >= i && y < i + 4;
      data.set(inSquare ? [86, 180, 233, 255] : [2, 6, 23, 255], o);
    }
  return { width: w, height: h, data };
}

describe('GIF', () => {
  it('has one frame per step, each with its delay, looping forever', async () => {
    const gif = await createGifWriter();
    const delays = frameDelays(5, 4);
    delays.forEach((d, i) => gif.add(frame(40, 30, i), d));
    const bytes = gif.finish();
    expect(String.fromCharCode(...bytes.subarray(0, 6))).toBe('GIF89a');
    expect(bytes.at(-1)).toBe(0x3b);
    const info = readGif(bytes);
    expect(info).toMatchObject({ width: 40, height: 30, loops: 0 });
    expect(info.frames).toHaveLength(5);
    expect(info.frames.map((f) => f.delayMs)).toEqual([250, 250, 250, 250, HOLD_LAST_MS]);
    expect(info.frames.every((f) => f.width === 40 && f.height === 30)).toBe(true);
    // The first frame's palette is the global table; every later frame has its own.
    expect(info.frames.map((f) => f.localPalette)).toEqual([false, true, true, true, true]);
  });

  it('refuses frames of another size, and an empty GIF', async () => {
    const gif = await createGifWriter();
    gif.add(frame(8, 8, 0), 100);
    expect(() => gif.add(frame(9, 8, 0), 100)).toThrow('frame 2 is 9×8, the first was 8×8');
    await expect(createGifWriter().then((g) => g.finish())).rejects.toThrow(/at least one frame/);
  });

  it('reads only GIFs', () => {
    expect(() => readGif(new TextEncoder().encode('PNG.........xx'))).toThrow(/not a GIF/);
    expect(() => readGif(new TextEncoder().encode('GIF89a'))).toThrow(/truncated/);
  });
});

describe('frame timing and size', () => {
  it('gives each frame 1000 / fps ms and holds the last one', () => {
    expect(frameDelays(3, 2)).toEqual([500, 500, HOLD_LAST_MS]);
    expect(frameDelays(2, 0.5)).toEqual([2000, 2000]);
    expect(frameDelays(1, 30, 0)).toEqual([1000 / 30]);
    expect(() => frameDelays(2, 0)).toThrow('0 frames per second: choose 0.5 to 60');
    expect(() => frameDelays(2, 61)).toThrow(/61 frames per second/);
  });

  it('caps the frame size with a reason', () => {
    expect(frameSizeProblem(1280, 720)).toBeNull();
    expect(frameSizeProblem(MAX_FRAME_WIDTH, MAX_FRAME_HEIGHT)).toBeNull();
    expect(frameSizeProblem(MAX_FRAME_WIDTH + 1, 10)).toBe(
      `Frames would be ${MAX_FRAME_WIDTH + 1}×10 pixels, over the limit of ${MAX_FRAME_WIDTH}×${MAX_FRAME_HEIGHT}: capture one view, or at 1×.`,
    );
    expect(frameSizeProblem(0, 10)).toMatch(/nothing to capture/);
  });
});
