/**
 * The record a version-2 link carries (see the layout in link.ts): which optional fields are
 * present, the position, the selection, the watched frame, then the scenario text. Also the
 * rules for those fields, shared by the encoder (which refuses a malformed state) and the
 * decoder (which calls a link holding one damaged).
 */
import { LIMITS, overLimit } from '../engine/limits';
import type { RangeSelection } from '../timeline/selection';
import type { Position } from '../timeline/position';
import { ByteReader, ByteWriter, ReadError, utf8Bytes, utf8String } from './bytes';
import { LinkFailure, corrupt } from './failure';

/** What a link holds: the scenario, and where the viewer was in it. */
export interface LinkState {
  /** The scenario in the text format of src/scenario. */
  text: string;
  /** The micro-step shown (op -1: the machine as booted; step -1: before the op started). */
  at: Position | null;
  /** The pages selected in the address-space view. */
  selection: RangeSelection | null;
  /** The pfn the struct-page inspector shows. */
  watched: number | null;
}

const HAS_AT = 1;
const HAS_SELECTION = 2;
const HAS_WATCHED = 4;

/** Operation and micro-step indices: -1 to this. */
export const MAX_INDEX = 2 ** 31 - 1;
/** No machine has a frame numbered beyond this (all RAM, then every device full). */
export const MAX_PFN = LIMITS.ramPages + LIMITS.devices * LIMITS.devicePages - 1;
/** The record is the text and at most this many bytes of fields. */
export const RECORD_CAP = LIMITS.textLength + 4096;

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function isIndex(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= -1 && (n as number) <= MAX_INDEX;
}

/** Why the fields of `s` (all but the text) are malformed, or null when they are fine. */
export function fieldProblem(s: Omit<LinkState, 'text'>): string | null {
  if (s.at !== null) {
    if (typeof s.at !== 'object') return 'its position is not a position';
    if (!isIndex(s.at.op))
      return `its operation number ${String(s.at.op)} is not a whole number from -1`;
    if (!isIndex(s.at.step))
      return `its step number ${String(s.at.step)} is not a whole number from -1`;
  }
  const sel = s.selection;
  if (sel !== null) {
    if (typeof sel !== 'object') return 'its selection is not a selection';
    if (typeof sel.proc !== 'string' || !NAME.test(sel.proc))
      return 'the process of its selection is not a name';
    if (typeof sel.buf !== 'string' || !NAME.test(sel.buf))
      return 'the buffer of its selection is not a name';
    if (!Number.isInteger(sel.first) || sel.first < 0 || sel.first >= LIMITS.mmapPages)
      return `its selection starts at page ${String(sel.first)}, which no buffer has`;
    if (!Number.isInteger(sel.count) || sel.count < 1 || sel.count > LIMITS.mmapPages - sel.first)
      return `its selection of ${String(sel.count)} pages is not a page range`;
  }
  const w = s.watched;
  if (w !== null && !(Number.isInteger(w) && w >= 0 && w <= MAX_PFN))
    return `its watched frame ${String(w)} is not a frame number`;
  return null;
}

export function writeRecord(s: LinkState, text: Uint8Array): Uint8Array {
  const has =
    (s.at ? HAS_AT : 0) |
    (s.selection ? HAS_SELECTION : 0) |
    (s.watched !== null ? HAS_WATCHED : 0);
  const w = new ByteWriter().varint(has);
  if (s.at) w.varint(s.at.op + 1).varint(s.at.step + 1);
  if (s.selection) {
    const { proc, buf, first, count } = s.selection;
    w.lengthPrefixed(utf8Bytes(proc)).lengthPrefixed(utf8Bytes(buf)).varint(first).varint(count);
  }
  if (s.watched !== null) w.varint(s.watched);
  return w.bytes(text).finish();
}

/** The state in a record whose checksum held. Throws a LinkFailure when it makes no sense. */
export function readRecord(record: Uint8Array): LinkState {
  const r = new ByteReader(record);
  let state: LinkState;
  try {
    const has = r.varint('the list of fields');
    if (has > (HAS_AT | HAS_SELECTION | HAS_WATCHED))
      throw corrupt('it lists fields no version of HMM Lab writes');
    const at =
      has & HAS_AT
        ? { op: r.varint('the position') - 1, step: r.varint('the position') - 1 }
        : null;
    const selection =
      has & HAS_SELECTION
        ? {
            proc: r.string(RECORD_CAP, 'the selected process'),
            buf: r.string(RECORD_CAP, 'the selected buffer'),
            first: r.varint('the selection'),
            count: r.varint('the selection'),
          }
        : null;
    const watched = has & HAS_WATCHED ? r.varint('the watched frame') : null;
    const textBytes = r.rest();
    if (textBytes.length > LIMITS.textLength) throw textTooLarge(textBytes.length);
    const text = utf8String(textBytes);
    if (text === null) throw corrupt('its scenario is not text');
    state = { text, at, selection, watched };
  } catch (e) {
    // The checksum held, so a record that ends early was written wrong, not cut.
    if (e instanceof ReadError) throw corrupt(e.message);
    throw e;
  }
  const why = fieldProblem(state);
  if (why) throw corrupt(why);
  return state;
}

export function textTooLarge(bytes: number): LinkFailure {
  return new LinkFailure(
    'too-large',
    `This link holds a scenario too large to open: ${overLimit('its size', bytes, 'textLength')} ` +
      `(bytes of text; a scenario is at most that many characters).`,
  );
}
