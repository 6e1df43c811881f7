/**
 * Byte-level helpers for the link codec: a writer and a reader of unsigned varints (LEB128,
 * up to 2^53 - 1), length-prefixed UTF-8 strings and raw bytes, and CRC-32 (IEEE 802.3, the
 * polynomial of zip and PNG). The reader never reads past its end: it throws a ReadError that
 * says whether the bytes ran out (a cut link) or make no sense (a damaged one).
 */

export class ReadError extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

/** The string `bytes` encode, or null when they are not well-formed UTF-8. */
export function utf8String(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export class ByteWriter {
  private parts: Uint8Array[] = [];
  private small: number[] = [];
  private size = 0;

  get length(): number {
    return this.size + this.small.length;
  }

  byte(b: number): this {
    this.small.push(b & 0xff);
    return this;
  }

  /** An unsigned integer, 7 bits per byte, low bits first (minimal: no trailing 0x80 0x00). */
  varint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a varint: ${n}`);
    let v = n;
    while (v >= 0x80) {
      this.small.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.small.push(v);
    return this;
  }

  bytes(b: Uint8Array): this {
    this.flush();
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  /** A varint byte length, then the bytes. */
  lengthPrefixed(b: Uint8Array): this {
    return this.varint(b.length).bytes(b);
  }

  /** CRC-32 of everything written so far, big-endian. */
  crc32(seed: Uint8Array = new Uint8Array(0)): this {
    const body = this.finish();
    const c = crc32(body, crc32(seed));
    return this.byte(c >>> 24)
      .byte(c >>> 16)
      .byte(c >>> 8)
      .byte(c);
  }

  finish(): Uint8Array {
    this.flush();
    if (this.parts.length === 1) return this.parts[0] as Uint8Array;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [out];
    return out;
  }

  private flush(): void {
    if (this.small.length === 0) return;
    this.parts.push(Uint8Array.from(this.small));
    this.size += this.small.length;
    this.small = [];
  }
}

export class ByteReader {
  pos = 0;

  constructor(readonly buf: Uint8Array) {}

  get left(): number {
    return this.buf.length - this.pos;
  }

  byte(what: string): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw new ReadError('truncated', `it ends inside ${what}`);
    this.pos += 1;
    return b;
  }

  /** A minimal varint of at most 2^53 - 1. */
  varint(what: string): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const b = this.byte(what);
      n += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (b === 0 && i > 0) throw new ReadError('corrupt', `${what} is not written minimally`);
        if (!Number.isSafeInteger(n)) throw new ReadError('corrupt', `${what} is too large`);
        return n;
      }
      scale *= 0x80;
      if (i >= 7) throw new ReadError('corrupt', `${what} is too large`);
    }
  }

  bytes(n: number, what: string): Uint8Array {
    if (n > this.left) throw new ReadError('truncated', `it ends inside ${what}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A varint length (at most `max`), then that many bytes of UTF-8. */
  string(max: number, what: string): string {
    const n = this.varint(`the length of ${what}`);
    if (n > max) throw new ReadError('corrupt', `${what} is longer than ${max} bytes`);
    const s = utf8String(this.bytes(n, what));
    if (s === null) throw new ReadError('corrupt', `${what} is not text`);
    return s;
  }

  rest(): Uint8Array {
    return this.bytes(this.left, 'the rest');
  }
}

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * CRC-32 (IEEE): `crc32(ab) === crc32(b, crc32(a))`, so a checksum can run over several
 * pieces. `crc32(utf8Bytes('123456789')) === 0xcbf43926`.
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = crcTable();
  let c = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++)
    c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** The big-endian 32-bit number at the end of `bytes`. */
export function trailingU32(bytes: Uint8Array): number {
  const n = bytes.length;
  return (
    (((bytes[n - 4] ?? 0) << 24) |
      ((bytes[n - 3] ?? 0) << 16) |
      ((bytes[n - 2] ?? 0) << 8) |
      (bytes[n - 1] ?? 0)) >>>
    0
  );
}
