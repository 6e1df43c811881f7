/**
 * base64url (RFC 4648 §5) without padding: A–Z a–z 0–9 - _, every one of them allowed
 * unescaped in a URL fragment. The decoder is strict: a character outside the alphabet is an
 * error, and `exact` says whether the text is the one and only encoding of the bytes it gave
 * (a length that is not 1 more than a multiple of 4, and zero bits after the last byte).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk += ALPHABET[n >>> 18];
    chunk += ALPHABET[(n >>> 12) & 63];
    if (b !== undefined) chunk += ALPHABET[(n >>> 6) & 63];
    if (c !== undefined) chunk += ALPHABET[n & 63];
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

export interface Base64Decoded {
  bytes: Uint8Array;
  /** False when the text is cut inside a byte or has stray bits after the last one. */
  exact: boolean;
}

/** The bytes `s` encodes, or null when `s` holds a character outside the alphabet. */
export function fromBase64url(s: string): Base64Decoded | null {
  const full = Math.floor(s.length / 4);
  const tail = s.length % 4;
  const out = new Uint8Array(full * 3 + (tail === 3 ? 2 : tail === 2 ? 1 : 0));
  const v = (i: number): number => {
    const code = s.charCodeAt(i);
    return code < 128 ? (VALUE[code] as number) : -1;
  };
  let o = 0;
  for (let i = 0; i + 4 <= s.length; i += 4) {
    const a = v(i);
    const b = v(i + 1);
    const c = v(i + 2);
    const d = v(i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  const at = full * 4;
  const rest: number[] = [];
  for (let i = at; i < s.length; i++) {
    const x = v(i);
    if (x < 0) return null;
    rest.push(x);
  }
  const [a = 0, b = 0, c = 0] = rest;
  let exact = tail !== 1;
  if (tail === 2) {
    out[o] = (a << 2) | (b >>> 4);
    exact = (b & 0x0f) === 0;
  } else if (tail === 3) {
    out[o] = (a << 2) | (b >>> 4);
    out[o + 1] = ((b & 0x0f) << 4) | (c >>> 2);
    exact = (c & 0x03) === 0;
  }
  return { bytes: out, exact };
}
