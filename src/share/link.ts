/**
 * Scenario links: a whole scenario and where the viewer was in it, in the URL fragment (the
 * part after '#', which browsers never send to a server).
 *
 * LAYOUT (version 2, the current one)
 *
 *   fragment = "hmm" VERSION "." BODY                      e.g.  hmm2.AY0BtgG…
 *   BODY     = base64url (RFC 4648 §5, no padding) of:
 *     mode     1 byte      0: the record is stored as is; 1: it is deflated (raw, RFC 1951)
 *     size     varint      the record's length in bytes (inflated)
 *     stored   varint      how many bytes of data follow
 *     data     `stored` bytes: the record, or its deflate
 *     crc      4 bytes     CRC-32 (big-endian) of the ASCII prefix "hmm2." and every byte above
 *   record   =
 *     has      varint      bit 0: position, bit 1: selection, bit 2: watched frame
 *     position             varint op + 1, varint step + 1        (op -1: boot; step -1: before it)
 *     selection            varint length + UTF-8 proc, the same for buf, varint first, varint count
 *     watched              varint pfn
 *     text     the rest    the scenario text, UTF-8
 *   varint   = unsigned LEB128, minimal, at most 2^53 - 1
 *
 * The encoder deflates only when that gives a shorter link (a tie stays stored). The sizes
 * tell a cut link (fewer bytes than the header says) from a damaged one; the CRC catches a
 * changed character; the base64url text must be the one exact encoding of its bytes.
 * Every version from 2 on ends with the same CRC over "hmmN." and the bytes before it, so a
 * link claiming a newer version is told apart from a damaged one ('future-version' only when
 * its checksum holds).
 *
 * VERSIONS. v1 (legacy, v1.ts): the scenario text and a count of operations done, stored,
 * no micro-step, selection or watched frame. Each older version is read by its own reader,
 * then brought up to date by the upgrade chain (v1 → v2 today: upgradeV1). A v3 would add
 * upgradeV2 and run it after both older readers.
 *
 * LIMITS. The fragment is refused past LIMITS.linkLength characters before anything is
 * decoded (no base64, no inflate); a declared size past RECORD_CAP is refused before
 * inflating, and inflating stops as soon as it produces more than the declared size (a zip
 * bomb cannot get further). The scenario's header is read on its own first
 * (parseHeader): a machine over a limit (RAM, device pages, devices, processes) is
 * 'absurd-machine' before a single command is parsed. Then the whole text must parse
 * (src/scenario/parse.ts): over the text or command limit it is 'too-large', any other error
 * 'invalid-scenario'. A position past the scenario's end is not an error here: the lab lands
 * at the end.
 */
import { LIMITS, overLimit } from '../engine/limits';
import { parse, parseHeader } from '../scenario/parse';
import { toBase64url, fromBase64url } from './base64url';
import { ByteReader, ByteWriter, crc32, ReadError, trailingU32, utf8Bytes } from './bytes';
import { LinkFailure, corrupt, truncated, type LinkError, type LinkErrorKind } from './failure';
import { deflateRaw, inflateExactly } from './inflate';
import {
  RECORD_CAP,
  fieldProblem,
  readRecord,
  textTooLarge,
  writeRecord,
  type LinkState,
} from './record';
import { readV1, upgradeV1 } from './v1';

export type { LinkError, LinkErrorKind, LinkState };

/** The format version encodeLink writes. */
export const LINK_VERSION = 2;

/** The longest fragment decodeLink reads (LIMITS.linkLength); encodeLink refuses to make a longer one. */
export const MAX_LINK_LENGTH = LIMITS.linkLength;

export type DecodedLink =
  | {
      ok: true;
      state: LinkState;
      /** The format version the link was made in, when older than LINK_VERSION. */
      upgradedFrom: number | null;
    }
  | { ok: false; error: LinkError };

const STORED = 0;
const DEFLATED = 1;

const prefixOf = (version: number): string => `hmm${version}.`;

/** Both forms of the link for `state`: stored and deflated (encodeLink picks the shorter). */
export function encodeLinkForms(state: LinkState): { stored: string; deflated: string } {
  const why = fieldProblem(state);
  if (why) throw new RangeError(`Cannot make a link: ${why}.`);
  if (typeof state.text !== 'string') throw new RangeError('Cannot make a link: no scenario text.');
  const text = utf8Bytes(state.text);
  if (text.length > LIMITS.textLength)
    throw new RangeError(`Cannot make a link: ${textTooLarge(text.length).message}`);
  const record = writeRecord(state, text);
  return {
    stored: body(STORED, record.length, record),
    deflated: body(DEFLATED, record.length, deflateRaw(record)),
  };
}

function body(mode: number, size: number, data: Uint8Array): string {
  const prefix = prefixOf(LINK_VERSION);
  const bytes = new ByteWriter()
    .byte(mode)
    .varint(size)
    .varint(data.length)
    .bytes(data)
    .crc32(utf8Bytes(prefix))
    .finish();
  return prefix + toBase64url(bytes);
}

/**
 * The fragment (without '#') of a link to `state`: deflated when that is shorter.
 * Throws a RangeError when the state is malformed (a position below -1, a selection that is
 * not a page range, a negative pfn...) or the link would be longer than MAX_LINK_LENGTH, so
 * that it never makes a link decodeLink would refuse for its own fields or size.
 */
export function encodeLink(state: LinkState): string {
  const { stored, deflated } = encodeLinkForms(state);
  const link = deflated.length < stored.length ? deflated : stored;
  if (link.length > MAX_LINK_LENGTH)
    throw new RangeError(
      `Cannot make a link: ${overLimit('its length', link.length, 'linkLength')} characters; share the scenario file instead.`,
    );
  return link;
}

/** What a link holds, or why it cannot be opened. Never throws, whatever the input. */
export function decodeLink(fragment: string): DecodedLink {
  try {
    return decode(fragment);
  } catch (e) {
    if (e instanceof LinkFailure) return fail(e.kind, e.message);
    if (e instanceof ReadError)
      return fail(e.kind, (e.kind === 'truncated' ? truncated : corrupt)(e.message).message);
    return fail('corrupt', corrupt('it could not be read').message);
  }
}

function fail(kind: LinkErrorKind, message: string): DecodedLink {
  return { ok: false, error: { kind, message } };
}

const HEAD = /^hmm([0-9]{1,9})\./;

function decode(input: string): DecodedLink {
  if (typeof input !== 'string') throw notOurs();
  // First of all, before any copy or decoding: a huge fragment costs nothing to refuse.
  if (input.length > MAX_LINK_LENGTH + 1) throw tooLong(input.length);
  const fragment = input.startsWith('#hmm') ? input.slice(1) : input;
  if (fragment.length > MAX_LINK_LENGTH) throw tooLong(fragment.length);
  const head = HEAD.exec(fragment);
  if (!head) throw headProblem(fragment);
  const digits = head[1] as string;
  const version = Number(digits);
  if (version === 0 || digits.startsWith('0'))
    throw corrupt(`its format number "${digits}" is not one HMM Lab writes`);
  const prefix = utf8Bytes(head[0]);
  const decoded = fromBase64url(fragment.slice(head[0].length));
  if (!decoded) throw corrupt('it contains characters that are not in a link');
  const { bytes, exact } = decoded;
  if (version > LINK_VERSION) throw newer(version, bytes, exact, prefix);
  const state =
    version === 1 ? upgradeV1(readV1(bytes, exact, prefix)) : readV2(bytes, exact, prefix);
  checkScenario(state.text);
  return { ok: true, state, upgradedFrom: version === LINK_VERSION ? null : version };
}

export function tooLong(length: number): LinkFailure {
  return new LinkFailure(
    'too-large',
    `This link is too long to open: ${overLimit('its length', length, 'linkLength')} characters.`,
  );
}

function notOurs(): LinkFailure {
  return new LinkFailure(
    'unknown-format',
    'This is not an HMM Lab link: the part after "#" should start with "hmm", a format number and a dot.',
  );
}

/** A fragment without a well-formed "hmmN." head: cut inside it, damaged, or not ours. */
function headProblem(fragment: string): LinkFailure {
  if (/^(h(m(m[0-9]*)?)?)?$/.test(fragment))
    return truncated(
      fragment === '' ? 'nothing is left after "#"' : 'it stops before its scenario',
    );
  // One character away from a head: a damaged link of ours, not someone else's fragment.
  if (/^hmm/.test(fragment) || /^(.mm|h.m|hm.)[0-9]+\./su.test(fragment))
    return corrupt('its first characters are not "hmm", a format number and a dot');
  return notOurs();
}

/** A link from a newer lab (its checksum holds: every version from 2 on ends with one). */
function newer(
  version: number,
  bytes: Uint8Array,
  exact: boolean,
  prefix: Uint8Array,
): LinkFailure {
  if (
    !exact ||
    bytes.length < 5 ||
    crc32(bytes.subarray(0, -4), crc32(prefix)) !== trailingU32(bytes)
  )
    return corrupt(`it claims format v${version}, but its checksum does not match`);
  return new LinkFailure(
    'future-version',
    `This link was made by a newer HMM Lab (format v${version}); this version reads up to v${LINK_VERSION}. Open it with the HMM Lab it came from.`,
  );
}

function readV2(bytes: Uint8Array, exact: boolean, prefix: Uint8Array): LinkState {
  const r = new ByteReader(bytes);
  const mode = r.byte('the header');
  const size = r.varint('the header');
  const stored = r.varint('the header');
  const need = r.pos + stored + 4;
  if (bytes.length < need) throw truncated(`${bytes.length} of its ${need} bytes arrived`);
  if (bytes.length > need) throw corrupt(`it has ${bytes.length - need} bytes more than it says`);
  if (!exact) throw corrupt('its last character is not one this format writes');
  if (crc32(bytes.subarray(0, need - 4), crc32(prefix)) !== trailingU32(bytes))
    throw corrupt('its checksum does not match');
  if (mode !== STORED && mode !== DEFLATED) throw corrupt(`its storage mode ${mode} is unknown`);
  if (size > RECORD_CAP) throw textTooLarge(size);
  const data = r.bytes(stored, 'the data');
  if (mode === STORED) {
    if (size !== stored) throw corrupt('its two sizes disagree');
    return readRecord(data);
  }
  const inflated = inflateExactly(data, size);
  if (!inflated.ok)
    throw corrupt(
      inflated.why === 'over'
        ? `it unpacks to more than the ${size} bytes it declares`
        : inflated.why === 'short'
          ? `it unpacks to fewer than the ${size} bytes it declares`
          : 'its compressed data is not valid',
    );
  return readRecord(inflated.bytes);
}

/** Limits of the machine itself: a scenario over one asks for a machine nobody can simulate. */
const MACHINE_LIMIT = /is over the limit (ramPages|devicePages|devices|processes) =/;
/** Limits of the scenario's size: the link is too large, whatever its machine. */
const SIZE_LIMIT = /is over the limit (textLength|commands) =/;

function checkScenario(text: string): void {
  // The header alone first: a huge machine is refused without reading its commands.
  const absurd = parseHeader(text).find((e) => MACHINE_LIMIT.test(e.message));
  if (absurd)
    throw new LinkFailure(
      'absurd-machine',
      `The machine in this link is larger than HMM Lab can simulate (${absurd.message}).`,
    );
  const parsed = parse(text);
  if (parsed.ok) return;
  const machine = parsed.errors.find((e) => MACHINE_LIMIT.test(e.message));
  if (machine)
    throw new LinkFailure(
      'absurd-machine',
      `The machine in this link is larger than HMM Lab can simulate (${machine.message}).`,
    );
  const size = parsed.errors.find((e) => SIZE_LIMIT.test(e.message));
  if (size)
    throw new LinkFailure(
      'too-large',
      `The scenario in this link is larger than HMM Lab opens (${size.message}).`,
    );
  const first = parsed.errors[0];
  throw new LinkFailure(
    'invalid-scenario',
    `The scenario in this link has an error (${first ? first.message : 'it could not be read'}).`,
  );
}
