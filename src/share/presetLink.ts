/**
 * Short preset links, for a slide: `#preset=NAME` or `#preset=NAME&step=S`.
 *
 *   NAME  a preset's id: its file name without `.hmm` (`storyboard`, `anon_read.private`)
 *   S     where to open, counted as the timeline shows it (from 1):
 *           0     the machine as booted (the same as no step)
 *           N     the end of operation N (where step over lands)
 *           N.M   micro-step M of operation N ("op N · step M" in the timeline; the
 *                 "step N.M" of the lab's messages)
 *
 * The fragment reads like a query (`&`-separated `key=value`, percent-encoding allowed) but is
 * strict: each key once, no other key, no empty value. A preset link and a scenario link
 * (`hmm2.…`, link.ts) never look alike, so one fragment is never read as the other.
 *
 * Parsing never throws. Whether NAME names a preset is the caller's question (the presets are
 * the views' data, not this room's): `unknownPreset` words the answer.
 */
import { distance } from 'fastest-levenshtein';
import type { Landing, Position } from '../timeline/position';

/** How every preset link starts. */
export const PRESET_LINK_PREFIX = 'preset=';

/** Longer fragments are refused unread: a name and a step fit in a few dozen characters. */
export const MAX_PRESET_LINK_LENGTH = 256;

/** The largest operation or step number a link may name (far past any scenario's). */
const MAX_NUMBER = 9_999_999;

export type PresetLinkErrorKind = 'bad-link' | 'bad-name' | 'bad-step' | 'unknown-preset';

export interface PresetLinkError {
  kind: PresetLinkErrorKind;
  /** A sentence for whoever opened the link: what is wrong with it. */
  message: string;
}

export type PresetLink =
  | {
      ok: true;
      /** The preset's id, as the link spells it. */
      name: string;
      /** Where to open: null for the start (boot). */
      at: Landing | null;
      /** The step as the link wrote it (`4.2`), for messages; null when it named none. */
      step: string | null;
    }
  | { ok: false; error: PresetLinkError };

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const STEP = /^(0|[1-9][0-9]{0,6})(?:\.([1-9][0-9]{0,6}))?$/;

/** Whether `fragment` (the URL's part after '#', without it) is a preset link, good or bad. */
export function isPresetFragment(fragment: string): boolean {
  return fragment.startsWith(PRESET_LINK_PREFIX);
}

/** `s`, quoted for a message: at most 40 characters, control characters shown as `?`. */
export function quoted(s: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return `“${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}”`;
}

function failure(kind: PresetLinkErrorKind, message: string): PresetLink {
  return { ok: false, error: { kind, message } };
}

/** Percent-decoding that never throws (null for a malformed escape). */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Where `step` lands (the link's text, e.g. `4.2`), or why it is not a step. 0 is boot, `N` the
 * end of operation N, `N.M` micro-step M of operation N; both counted from 1.
 */
export function parseStep(step: string): { ok: true; at: Landing } | { ok: false; why: string } {
  const m = STEP.exec(step);
  const op = m ? Number(m[1]) : NaN;
  const micro = m?.[2] === undefined ? null : Number(m[2]);
  if (!m || op > MAX_NUMBER || (micro !== null && micro > MAX_NUMBER) || (op === 0 && micro))
    return {
      ok: false,
      why:
        `${quoted(step)} is not a step: write the operation's number (step=4, its end), ` +
        `or the operation and the micro-step as the timeline shows them (step=4.2), or 0 for the start`,
    };
  if (op === 0) return { ok: true, at: { op: -1, step: -1 } };
  return { ok: true, at: micro === null ? { endOf: op - 1 } : { op: op - 1, step: micro - 1 } };
}

/** Read a preset link's fragment (without '#'). Never throws. */
export function parsePresetLink(fragment: string): PresetLink {
  if (typeof fragment !== 'string' || !isPresetFragment(fragment))
    return failure('bad-link', 'This is not a preset link (it does not start with preset=).');
  if (fragment.length > MAX_PRESET_LINK_LENGTH)
    return failure(
      'bad-link',
      `This preset link is ${fragment.length} characters long; a preset link is at most ${MAX_PRESET_LINK_LENGTH} (a name and a step).`,
    );
  const fields = new Map<string, string>();
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    const key = decoded(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? null : decoded(part.slice(eq + 1));
    if (key === null || (eq >= 0 && value === null))
      return failure('bad-link', `This preset link has a broken %-escape in ${quoted(part)}.`);
    if (key !== 'preset' && key !== 'step')
      return failure(
        'bad-link',
        `This preset link has ${quoted(key)} in it; a preset link has only preset=NAME and step=S.`,
      );
    if (fields.has(key)) return failure('bad-link', `This preset link names its ${key} twice.`);
    if (value === null || value === '')
      return failure('bad-link', `This preset link's ${key} is empty.`);
    fields.set(key, value);
  }
  const name = fields.get('preset') ?? '';
  if (!NAME.test(name))
    return failure(
      'bad-name',
      `This preset link names ${quoted(name)}, which is not a preset's name (lower-case letters, digits, '.', '_' and '-', as in preset=storyboard).`,
    );
  const step = fields.get('step') ?? null;
  if (step === null) return { ok: true, name, at: null, step: null };
  const at = parseStep(step);
  if (!at.ok) return failure('bad-step', `This preset link's step is wrong: ${at.why}.`);
  return { ok: true, name, at: at.at, step };
}

/** `step` for a link: `4.2`, `4` (the end of operation 4) or null (the start). */
export function formatStep(at: Landing | null): string | null {
  if (at === null) return null;
  if ('endOf' in at) return at.endOf < 0 ? null : String(at.endOf + 1);
  if (at.op < 0) return null;
  // Before an operation's first micro-step: the machine the operation before it left.
  if (at.step < 0) return at.op === 0 ? null : String(at.op);
  return `${at.op + 1}.${at.step + 1}`;
}

/** The fragment (without '#') of the link to preset `name` at `at`. */
export function presetFragment(name: string, at: Landing | null): string {
  const step = formatStep(at);
  return `${PRESET_LINK_PREFIX}${encodeURIComponent(name)}${step === null ? '' : `&step=${step}`}`;
}

/**
 * The landing to write for the lab at `position`, given its operations' micro-step counts: the
 * end of an operation is written as the operation alone (`step=4`).
 */
export function linkLanding(
  position: Position | null,
  stepCounts: (op: number) => number | undefined,
): Landing | null {
  if (!position || position.op < 0) return null;
  const n = stepCounts(position.op);
  if (n !== undefined && position.step === n - 1) return { endOf: position.op };
  return position;
}

/** The names closest to `name` (a few edits away: a typo), nearest first, at most three. */
export function nearNames(name: string, names: readonly string[]): string[] {
  const tolerance = Math.max(2, Math.floor(name.length / 4));
  return names
    .map((n) => ({ n, d: distance(name.slice(0, 80), n) }))
    .filter((x) => x.d <= tolerance)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
}

/** The error for a link naming no preset there is: what it named, and what it might have meant. */
export function unknownPreset(name: string, names: readonly string[]): PresetLinkError {
  const near = nearNames(name, names);
  const hint =
    near.length > 0
      ? ` Did you mean ${near.map((n) => `preset=${n}`).join(' or ')}?`
      : ' The gallery (presets…) lists every preset; the address bar shows its link once it is open.';
  return {
    kind: 'unknown-preset',
    message: `There is no preset named ${quoted(name)} in this HMM Lab.${hint}`,
  };
}
