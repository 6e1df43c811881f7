/**
 * Version 1 of the link format (legacy: links made before micro-steps, selections and
 * compression; they still open). Layout, after "hmm1.":
 *
 *   base64url of:  textLength varint | opsDone varint | text (UTF-8) | CRC-32 (4 bytes, BE)
 *
 * opsDone is how many operations had run at the moment shown (0: the machine as booted). The
 * CRC covers the ASCII prefix "hmm1." and every byte before it. There is no compression.
 *
 * The upgrade to version 2 (upgradeV1): version 2 positions are micro-steps, {op, step}, and
 * "after the last micro-step of operation n - 1" needs that operation's step count, which
 * only running the scenario can tell. The same machine is "before operation n starts",
 * {op: n, step: -1}, so that is what a version-1 position becomes; 0 becomes the boot
 * position {op: -1, step: -1}. When n is the whole scenario, op n does not exist: the lab
 * lands at the end, which is again the machine after n operations.
 */
import { LIMITS } from '../engine/limits';
import { ByteReader, crc32, trailingU32, utf8String } from './bytes';
import { corrupt, truncated } from './failure';
import { textTooLarge, type LinkState } from './record';

export interface LinkStateV1 {
  text: string;
  /** Operations run at the moment shown. */
  opsDone: number;
}

/** The version-1 state in `bytes` (the body after "hmm1.", base64url-decoded). */
export function readV1(bytes: Uint8Array, exact: boolean, prefix: Uint8Array): LinkStateV1 {
  const r = new ByteReader(bytes);
  const textLength = r.varint('the header');
  const opsDone = r.varint('the header');
  const need = r.pos + textLength + 4;
  if (bytes.length < need) throw truncated(`${bytes.length} of its ${need} bytes arrived`);
  if (bytes.length > need) throw corrupt(`it has ${bytes.length - need} bytes more than it says`);
  if (!exact) throw corrupt('its last character is not one this format writes');
  if (crc32(bytes.subarray(0, need - 4), crc32(prefix)) !== trailingU32(bytes))
    throw corrupt('its checksum does not match');
  if (textLength > LIMITS.textLength) throw textTooLarge(textLength);
  const text = utf8String(r.bytes(textLength, 'the scenario'));
  if (text === null) throw corrupt('its scenario is not text');
  if (opsDone > LIMITS.commands)
    throw corrupt(`it shows operation ${opsDone}, which no scenario has`);
  return { text, opsDone };
}

export function upgradeV1(s: LinkStateV1): LinkState {
  return {
    text: s.text,
    at: s.opsDone === 0 ? { op: -1, step: -1 } : { op: s.opsDone, step: -1 },
    selection: null,
    watched: null,
  };
}
