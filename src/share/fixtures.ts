/**
 * Test helpers (not part of the app): the version-1 encoder, kept only to make the links the
 * first HMM Lab made, and a maker of version-2 and future links from raw parts, with a valid
 * checksum, to build links encodeLink would never make (zip bombs, malformed records).
 */
import { ByteWriter, utf8Bytes } from './bytes';
import { toBase64url } from './base64url';
import type { LinkStateV1 } from './v1';

/** LEGACY: the version-1 encoder (see v1.ts for the layout). */
export function encodeV1(s: LinkStateV1): string {
  const text = utf8Bytes(s.text);
  const prefix = 'hmm1.';
  const bytes = new ByteWriter()
    .varint(text.length)
    .varint(s.opsDone)
    .bytes(text)
    .crc32(utf8Bytes(prefix))
    .finish();
  return prefix + toBase64url(bytes);
}

/** A version-2 link from its parts (mode, declared size, data), with a valid checksum. */
export function craftV2(mode: number, size: number, data: Uint8Array): string {
  const prefix = 'hmm2.';
  const bytes = new ByteWriter()
    .byte(mode)
    .varint(size)
    .varint(data.length)
    .bytes(data)
    .crc32(utf8Bytes(prefix))
    .finish();
  return prefix + toBase64url(bytes);
}

/** A link of a future version: any bytes, then the CRC every version from 2 on ends with. */
export function craftFuture(version: number, payload: Uint8Array): string {
  const prefix = `hmm${version}.`;
  return prefix + toBase64url(new ByteWriter().bytes(payload).crc32(utf8Bytes(prefix)).finish());
}

/** A version-2 record from raw fields (no checks), for links with malformed fields. */
export function rawRecord(fields: number[] | Uint8Array, text: string): Uint8Array {
  return new ByteWriter().bytes(Uint8Array.from(fields)).bytes(utf8Bytes(text)).finish();
}
