/**
 * The fuzz targets: the four ways text from outside reaches the lab (the scenario parser, the
 * JSON loader, the link decoder, and the whole "open a link" path the app runs before the
 * worker), each wrapped so that one call runs the target on one input and checks everything
 * the issue asks of it:
 *
 * - nothing escapes: no exception, whatever the input;
 * - a rejection says what and where: text errors at a line and column inside the text, JSON
 *   errors at a path (and a line and column), link errors a known kind and a sentence, and a
 *   limit error names the limit and its value;
 * - an acceptance round-trips (format/parse, toJson/fromJson, encodeLink/decodeLink).
 *
 * A broken property throws a FuzzFailure naming the target and the input; the outcome (and
 * the rejection's kind, for the tally) comes back otherwise.
 */
import { LIMITS, type LimitName } from '../engine/limits';
import type { ScenarioError } from '../scenario/errors';
import { format, stripLines } from '../scenario/format';
import { fromJson, toJson } from '../scenario/json';
import { parse } from '../scenario/parse';
import { decodeLink, encodeLink, type LinkErrorKind } from '../share/link';
import { initialLab } from '../store/startup';

export type TargetName = 'parse' | 'fromJson' | 'decodeLink' | 'openLink';
export const TARGETS: readonly TargetName[] = ['parse', 'fromJson', 'decodeLink', 'openLink'];

export type Outcome = { ok: true } | { ok: false; kind: string };

export class FuzzFailure extends Error {
  constructor(target: TargetName, input: string, why: string) {
    const shown = input.length > 400 ? `${input.slice(0, 400)}… (${input.length} chars)` : input;
    super(`${target}: ${why}\ninput: ${JSON.stringify(shown)}`);
  }
}

const LINK_KINDS: readonly LinkErrorKind[] = [
  'truncated',
  'corrupt',
  'future-version',
  'unknown-format',
  'too-large',
  'invalid-scenario',
  'absurd-machine',
];

const LIMIT_IN = /over the limit (\w+) = (\d+)/;

/** A limit named in a message must be a real one, with its real value. */
function limitProblem(message: string): string | null {
  const m = LIMIT_IN.exec(message);
  if (!m) return null;
  const name = m[1] as LimitName;
  if (!(name in LIMITS)) return `names an unknown limit ${name}`;
  if (Number(m[2]) !== LIMITS[name]) return `gives ${name} as ${m[2]}, not ${LIMITS[name]}`;
  return null;
}

/**
 * A short, stable category for an error's detail: the limit it names, or its first words
 * with names, numbers and quoted text taken out ("expected a page count", "unknown field").
 */
export function category(detail: string): string {
  const limit = LIMIT_IN.exec(detail);
  if (limit) return `limit ${limit[1]}`;
  if (detail.startsWith('invalid JSON')) return 'invalid JSON';
  const words = detail
    .replace(/"(?:[^"\\]|\\.)*"?/g, 'Q')
    .split(/[(,:;]| found | but | must | is not | here\b/)[0]!
    .replace(/`[^`]*`/g, 'Q')
    .replace(/-?\b(?:0x[0-9a-f]+|\d+)\b/gi, 'N')
    .trim()
    .split(/\s+/)
    .slice(0, 5)
    .join(' ');
  return words === '' ? '(empty)' : words;
}

/** Lines as parse counts them (\r\n, \r and \n each end one). */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** An error's line and column point inside `text` (the column may be one past the end). */
function positionProblem(text: string, e: ScenarioError, lines: string[]): string | null {
  if (!Number.isInteger(e.line) || e.line < 1 || e.line > lines.length)
    return `line ${e.line} is outside 1..${lines.length}`;
  const width = (lines[e.line - 1] ?? '').length + 1;
  if (!Number.isInteger(e.column) || e.column < 1 || e.column > width)
    return `column ${e.column} is outside 1..${width} on line ${e.line}`;
  return text.length === 0 && e.line !== 1 ? 'an empty text has only line 1' : null;
}

function errorsProblem(
  target: TargetName,
  text: string,
  errors: ScenarioError[],
): { kind: string } | string {
  if (errors.length === 0) return 'rejected without an error';
  const lines = linesOf(text);
  let kind = '';
  for (const e of errors) {
    const where = positionProblem(text, e, lines);
    if (where) return `${where}: ${e.message}`;
    if (/internal error/.test(e.message)) return `an internal error: ${e.message}`;
    const limit = limitProblem(e.message);
    if (limit) return `${e.message}: ${limit}`;
    let detail: string;
    if (target === 'parse') {
      const prefix = `line ${e.line}, column ${e.column}: `;
      if (!e.message.startsWith(prefix)) return `"${e.message}" does not start with "${prefix}"`;
      detail = e.message.slice(prefix.length);
    } else {
      // JSON: the path of the value (or "(top level)"), then what is wrong with it.
      const path = e.path ?? '';
      const prefix = `${path === '' ? '(top level)' : path}: `;
      if (e.path === undefined || !e.message.startsWith(prefix))
        return `"${e.message}" does not start with its path`;
      detail = e.message.slice(prefix.length);
    }
    if (detail.trim().split(/\s+/).length < 2) return `"${e.message}" does not say what is wrong`;
    if (kind === '') kind = category(detail);
  }
  return { kind };
}

export function runParse(text: string): Outcome {
  const r = parse(text);
  if (r.ok) {
    const again = parse(format(r.scenario));
    if (!again.ok)
      throw new FuzzFailure(
        'parse',
        text,
        `its format does not parse: ${again.errors[0]?.message}`,
      );
    if (!sameJson(stripLines(again.scenario), stripLines(r.scenario)))
      throw new FuzzFailure('parse', text, 'format then parse gives another scenario');
    return { ok: true };
  }
  const p = errorsProblem('parse', text, r.errors);
  if (typeof p === 'string') throw new FuzzFailure('parse', text, p);
  return { ok: false, kind: p.kind };
}

export function runFromJson(text: string): Outcome {
  const r = fromJson(text);
  if (r.ok) {
    const again = fromJson(toJson(r.scenario));
    if (!again.ok || !sameJson(again.scenario, r.scenario))
      throw new FuzzFailure('fromJson', text, 'toJson then fromJson gives another scenario');
    return { ok: true };
  }
  const p = errorsProblem('fromJson', text, r.errors);
  if (typeof p === 'string') throw new FuzzFailure('fromJson', text, p);
  return { ok: false, kind: p.kind };
}

function linkMessageProblem(kind: string, message: string): string | null {
  if (!(LINK_KINDS as readonly string[]).includes(kind)) return `an unknown kind ${kind}`;
  if (message.length < 20 || !/[.)]$/.test(message.trim())) return `"${message}" is no sentence`;
  return limitProblem(message);
}

export function runDecodeLink(fragment: string): Outcome {
  const r = decodeLink(fragment);
  if (!r.ok) {
    const why = linkMessageProblem(r.error.kind, r.error.message);
    if (why) throw new FuzzFailure('decodeLink', fragment, why);
    // The scenario's own error (its position is inside the link's text, not the fragment).
    const inner = /\((line \d+, column \d+: )?(.*)\)\.$/s.exec(r.error.message);
    const limit = LIMIT_IN.exec(r.error.message);
    const detail = limit
      ? `: limit ${limit[1]}`
      : (r.error.kind === 'invalid-scenario' || r.error.kind === 'absurd-machine') && inner
        ? `: ${category(inner[2] ?? '')}`
        : '';
    return { ok: false, kind: `${r.error.kind}${detail}` };
  }
  // Accepted: what it holds makes the same link again, which opens to the same state.
  if (!parse(r.state.text).ok)
    throw new FuzzFailure('decodeLink', fragment, 'it opened a scenario that does not parse');
  const again = decodeLink(encodeLink(r.state));
  if (!again.ok || !sameJson(again.state, r.state))
    throw new FuzzFailure('decodeLink', fragment, 'encodeLink then decodeLink gives another state');
  return { ok: true };
}

const DEFAULT_TEXT = 'kernel modern\nplatform pcie4\nram 8\n';

/** The app's startup with a link and no storage (initialLab, as main.tsx runs it). */
export function runOpenLink(fragment: string): Outcome {
  const lab = initialLab(`#${fragment}`, null, DEFAULT_TEXT, () => {});
  const banner = lab.banner;
  if (fragment === '') {
    if (lab.text !== DEFAULT_TEXT)
      throw new FuzzFailure('openLink', fragment, 'no link, no default');
    return { ok: true };
  }
  if (banner?.kind === 'link') {
    if (lab.text !== DEFAULT_TEXT)
      throw new FuzzFailure('openLink', fragment, 'a refused link replaced the scenario');
    if (!/could not be opened: .{20,}/s.test(banner.message))
      throw new FuzzFailure('openLink', fragment, `the banner "${banner.message}" says nothing`);
    const kind = decodeLink(fragment);
    return { ok: false, kind: kind.ok ? '?' : kind.error.kind };
  }
  if (!parse(lab.text).ok)
    throw new FuzzFailure('openLink', fragment, 'it opened a scenario that does not parse');
  return { ok: true };
}

export const RUN: Record<TargetName, (input: string) => Outcome> = {
  parse: runParse,
  fromJson: runFromJson,
  decodeLink: runDecodeLink,
  openLink: runOpenLink,
};

/** Deep equality of plain data (what JSON can hold, and undefined-free). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
