/**
 * Types for gifenc 1.0.3 (it ships none): the parts HMM Lab uses, as its README documents them.
 * https://github.com/mattdesl/gifenc
 */
declare module 'gifenc' {
  /** A colour table: [r, g, b] (or [r, g, b, a] with an rgba4444 format) per entry. */
  export type Palette = number[][];
  export type PixelFormat = 'rgb565' | 'rgb444' | 'rgba4444';

  export interface QuantizeOptions {
    format?: PixelFormat;
    oneBitAlpha?: boolean | number;
    clearAlpha?: boolean;
    clearAlphaThreshold?: number;
    clearAlphaColor?: number;
  }

  /** Reduce RGBA pixels to at most `maxColors` colours. */
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: QuantizeOptions,
  ): Palette;

  /** Each pixel's nearest palette index (one byte per pixel). */
  export function applyPalette(
    rgba: Uint8Array | Uint8ClampedArray,
    palette: Palette,
    format?: PixelFormat,
  ): Uint8Array;

  export interface FrameOptions {
    /** Required for the first frame (the global colour table); a local table after it. */
    palette?: Palette;
    first?: boolean;
    transparent?: boolean;
    transparentIndex?: number;
    /** Milliseconds (written in hundredths of a second). */
    delay?: number;
    /** -1: once, 0: forever, n: n times. */
    repeat?: number;
    colorDepth?: number;
    dispose?: number;
  }

  export interface GifEncoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    /** A copy of the bytes written so far. */
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
    reset(): void;
    writeHeader(): void;
    readonly buffer: ArrayBuffer;
  }

  export function GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): GifEncoder;
  export default GIFEncoder;
}
