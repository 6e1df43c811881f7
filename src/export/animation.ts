/**
 * A step range as an animation: one frame per micro-step, as a looping GIF (gifenc: quantize
 * and applyPalette per frame, so every frame gets its own 256 colours) or a WebM (mediabunny
 * muxing WebCodecs VP9, or VP8 where VP9 cannot be encoded).
 *
 * This module does not know the store: the caller's `frame(i)` moves the lab to the range's
 * i-th step and returns a capture of it. Frames are drawn on a stage the size of the first one
 * (later frames of another size are cropped or padded with the background, top-left aligned).
 * Each frame is encoded as soon as it is captured, so memory stays at one frame plus the file.
 * Both encoders load on first use (dynamic import): neither is in the page's initial chunk.
 */
import type { WebmWriter } from './webm';

/** Largest frame, in CSS pixels times the scale (the whole 1280x720 lab at 2x fits). */
export const MAX_FRAME_WIDTH = 2560;
export const MAX_FRAME_HEIGHT = 1600;
/** The last frame stays this long before the loop restarts (a pause for the audience). */
export const HOLD_LAST_MS = 1500;
/** Frames per second the dialog offers. */
export const FPS_CHOICES: readonly number[] = [0.5, 1, 2, 4, 8, 15, 30];

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The user cancelled: not an error to show as one. */
export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled.');
    this.name = 'AbortError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** Why frames of this size cannot be exported (null when they can). */
export function frameSizeProblem(width: number, height: number): string | null {
  if (width < 1 || height < 1)
    return `The view is ${width}×${height} pixels: nothing to capture (is it on screen?).`;
  if (width > MAX_FRAME_WIDTH || height > MAX_FRAME_HEIGHT)
    return `Frames would be ${width}×${height} pixels, over the limit of ${MAX_FRAME_WIDTH}×${MAX_FRAME_HEIGHT}: capture one view, or at 1×.`;
  return null;
}

/** Milliseconds each frame shows: 1000 / fps, and the last one held at least `holdLastMs`. */
export function frameDelays(count: number, fps: number, holdLastMs = HOLD_LAST_MS): number[] {
  if (!(fps > 0 && fps <= 60)) throw new Error(`${fps} frames per second: choose 0.5 to 60`);
  const each = 1000 / fps;
  return Array.from({ length: count }, (_, i) =>
    i === count - 1 ? Math.max(each, holdLastMs) : each,
  );
}

/** A GIF being written, one frame at a time (pure: runs in Node for the tests). */
export interface GifWriter {
  add(frame: Rgba, delayMs: number): void;
  /** The finished file (the writer is done after this). */
  finish(): Uint8Array;
}

export async function createGifWriter(): Promise<GifWriter> {
  const { GIFEncoder, applyPalette, quantize } = await import('gifenc');
  const gif = GIFEncoder();
  let frames = 0;
  let size: { width: number; height: number } | null = null;
  return {
    add(frame, delayMs) {
      size ??= { width: frame.width, height: frame.height };
      if (frame.width !== size.width || frame.height !== size.height)
        throw new Error(
          `frame ${frames + 1} is ${frame.width}×${frame.height}, the first was ${size.width}×${size.height}`,
        );
      const palette = quantize(frame.data, 256);
      const index = applyPalette(frame.data, palette);
      // repeat 0: loop forever (written once, with the first frame).
      gif.writeFrame(index, frame.width, frame.height, { palette, delay: delayMs, repeat: 0 });
      frames++;
    },
    finish() {
      if (frames === 0) throw new Error('a GIF needs at least one frame');
      gif.finish();
      return gif.bytes();
    },
  };
}

export interface AnimationJob {
  /** Frames to capture. */
  count: number;
  fps: number;
  /** Move the lab to the range's i-th step, and capture it. */
  frame: (i: number) => Promise<HTMLCanvasElement>;
  /** The colour behind the frames (what a transparent pixel shows). */
  background: string;
  signal?: AbortSignal;
  /** After each frame is captured and encoded. */
  onProgress?: (done: number, total: number) => void;
}

/** The canvas every frame is drawn on, the size of the first frame (even, for video). */
class Stage {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(
    width: number,
    height: number,
    private readonly background: string,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser gave no 2D canvas to draw the frames on.');
    this.ctx = ctx;
  }

  draw(frame: HTMLCanvasElement): void {
    this.ctx.fillStyle = this.background;
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.ctx.drawImage(frame, 0, 0);
  }

  pixels(): Rgba {
    const { width, height } = this.canvas;
    return { width, height, data: this.ctx.getImageData(0, 0, width, height).data };
  }
}

function checkJob(job: AnimationJob): void {
  if (!Number.isInteger(job.count) || job.count < 1)
    throw new Error(`${job.count} frames: the range must have at least one step.`);
  frameDelays(1, job.fps);
}

function stop(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Capture every frame onto a stage sized by the first one; `encode` encodes each. */
async function eachFrame(
  job: AnimationJob,
  even: boolean,
  encode: (stage: Stage, i: number) => Promise<void> | void,
  start?: (stage: Stage) => Promise<void>,
): Promise<void> {
  let stage: Stage | null = null;
  for (let i = 0; i < job.count; i++) {
    stop(job.signal);
    const frame = await job.frame(i);
    stop(job.signal);
    if (!stage) {
      const problem = frameSizeProblem(frame.width, frame.height);
      if (problem) throw new Error(problem);
      const round = (n: number): number => (even ? n + (n % 2) : n);
      stage = new Stage(round(frame.width), round(frame.height), job.background);
      await start?.(stage);
    }
    stage.draw(frame);
    await encode(stage, i);
    job.onProgress?.(i + 1, job.count);
  }
}

/** The range as a looping GIF, one frame per step. */
export async function renderGif(job: AnimationJob): Promise<Blob> {
  checkJob(job);
  const delays = frameDelays(job.count, job.fps);
  const gif = await createGifWriter();
  await eachFrame(job, false, (stage, i) => gif.add(stage.pixels(), delays[i] ?? 0));
  return new Blob([gif.finish() as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}

/** Why this browser has no WebM encoder at all (null when it has WebCodecs). */
export function noWebCodecs(): string | null {
  if (typeof VideoEncoder !== 'undefined') return null;
  return window.isSecureContext
    ? 'WebM needs WebCodecs (VideoEncoder), which this browser does not have: export a GIF instead.'
    : 'WebM needs WebCodecs (VideoEncoder), which browsers only offer on https or localhost: export a GIF instead.';
}

/** The range as a WebM video, one frame per step (VP9, else VP8; mediabunny loads now). */
export async function renderWebm(job: AnimationJob): Promise<Blob> {
  checkJob(job);
  const missing = noWebCodecs();
  if (missing) throw new Error(missing);
  const webm = await import('./webm');
  const delays = frameDelays(job.count, job.fps);
  // Made with the first frame (its size picks the codec); a holder, as closures assign it.
  const made: { writer: WebmWriter | null } = { writer: null };
  let t = 0;
  try {
    await eachFrame(
      job,
      true,
      async (_stage, i) => {
        const d = (delays[i] ?? 0) / 1000;
        await made.writer?.add(t, d);
        t += d;
      },
      async (stage) => {
        const { width, height } = stage.canvas;
        const codec = await webm.encodableCodec(width, height);
        if (!codec)
          throw new Error(
            `This browser cannot encode VP9 or VP8 video at ${width}×${height} (WebCodecs), so no WebM: export a GIF instead.`,
          );
        made.writer = await webm.createWebmWriter(stage.canvas, codec, job.fps);
      },
    );
    stop(job.signal);
    if (!made.writer) throw new Error('No frame was captured.');
    return new Blob([await made.writer.finish()], { type: 'video/webm' });
  } catch (e) {
    await made.writer?.cancel();
    throw e;
  }
}
