/**
 * The WebM muxer (mediabunny over WebCodecs), in a module of its own so that only the parts used
 * are bundled, into a chunk loaded with the first WebM export. animation.ts drives it.
 */
import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
} from 'mediabunny';

export type WebmCodec = 'vp9' | 'vp8';

/** VP9 where the browser can encode it at this size, else VP8, else null. */
export async function encodableCodec(width: number, height: number): Promise<WebmCodec | null> {
  for (const codec of ['vp9', 'vp8'] as const)
    if (await canEncodeVideo(codec, { width, height })) return codec;
  return null;
}

export interface WebmWriter {
  /** Encode the canvas as it is now, shown from `t` for `duration` seconds. */
  add(t: number, duration: number): Promise<void>;
  finish(): Promise<ArrayBuffer>;
  cancel(): Promise<void>;
}

export async function createWebmWriter(
  canvas: HTMLCanvasElement,
  codec: WebmCodec,
  fps: number,
): Promise<WebmWriter> {
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, {
    codec,
    quality: QUALITY_HIGH,
    // Frames change little from step to step: a key frame every 5 s keeps seeking usable.
    keyFrameInterval: 5,
  });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  return {
    add: (t, duration) => source.add(t, duration),
    async finish() {
      await output.finalize();
      if (!target.buffer) throw new Error('The WebM muxer produced no file.');
      return target.buffer;
    },
    async cancel() {
      if (output.state === 'started' || output.state === 'pending') await output.cancel();
    },
  };
}
