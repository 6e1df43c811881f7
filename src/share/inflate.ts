/**
 * Deflate (raw, no zlib or gzip wrapper) for links, with a decompressor that cannot be made
 * to allocate or work without bound: a few kilobytes of deflate can claim gigabytes of output
 * (a "zip bomb"). The input goes in by small chunks and decompression stops as soon as the
 * output passes the size the link declared, so the work is bounded by that size plus what one
 * chunk can expand to (deflate's ratio is at most about 1032:1).
 */
import { Inflate, deflateSync } from 'fflate';

const CHUNK = 1024;

export function deflateRaw(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9 });
}

export type InflateResult =
  { ok: true; bytes: Uint8Array } | { ok: false; why: 'over' | 'short' | 'invalid' };

/**
 * Inflates `data`, which must give exactly `size` bytes: 'over' when it gives more (stopped
 * there), 'short' when less, 'invalid' when it is not deflate data.
 */
export function inflateExactly(data: Uint8Array, size: number): InflateResult {
  const out = new Uint8Array(size);
  let got = 0;
  let over = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (over) return;
    if (got + chunk.length > size) {
      over = true;
      return;
    }
    out.set(chunk, got);
    got += chunk.length;
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length && !over; at += CHUNK) {
      const end = Math.min(at + CHUNK, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) return { ok: false, why: 'invalid' };
  } catch {
    return { ok: false, why: over ? 'over' : 'invalid' };
  }
  if (over) return { ok: false, why: 'over' };
  if (!done) return { ok: false, why: 'invalid' };
  if (got !== size) return { ok: false, why: 'short' };
  return { ok: true, bytes: out };
}
