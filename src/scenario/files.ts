/**
 * Scenario files: what to load from one (a JSON file is converted to the text form; opening
 * never runs anything by itself), a scenario's JSON for saving, and its file name.
 */
import { LIMITS } from '../engine/limits';
import { format } from './format';
import { fromJson, toJson } from './json';
import { parse } from './parse';

export type Opened =
  { ok: true; text: string; converted: boolean } | { ok: false; message: string };

const looksJson = (text: string): boolean => text.trimStart().startsWith('{');

/** The text to load from a file named `name` with contents `text`. */
export function openScenarioFile(name: string, text: string): Opened {
  if (text.length > LIMITS.textLength)
    return {
      ok: false,
      message: `${name} is ${text.length} characters, over the limit textLength = ${LIMITS.textLength}.`,
    };
  if (!looksJson(text)) return { ok: true, text, converted: false };
  const r = fromJson(text);
  if (!r.ok) {
    const e = r.errors[0];
    return {
      ok: false,
      message: `${name} is not a scenario in JSON: ${e ? e.message : 'unknown error'}${r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''}.`,
    };
  }
  return { ok: true, text: format(r.scenario), converted: true };
}

/** The JSON form of `text`, or why it has none (the text must parse). */
export function scenarioJson(
  text: string,
): { ok: true; json: string } | { ok: false; message: string } {
  const r = parse(text);
  if (!r.ok)
    return { ok: false, message: `fix the text's errors first (${r.errors[0]?.message ?? ''})` };
  return { ok: true, json: toJson(r.scenario) };
}

/** Names Windows reserves for devices, whatever the extension: never a file's name. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A title as a file name's stem, safe on every system: accents dropped (`Ünïcode` → `unicode`),
 * then lower-case ASCII letters and digits joined by single `-`, at most 60 characters, never
 * empty (`fallback`), never a name Windows reserves (`con` → `con-scenario`).
 */
export function slug(title: string | null, fallback = 'scenario'): string {
  const s = (title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  if (s === '') return fallback;
  return RESERVED.test(s) ? `${s}-${fallback}` : s;
}

/** A file name from the scenario's title. */
export function fileName(title: string | null, ext: 'hmm' | 'json'): string {
  return `${slug(title)}.${ext}`;
}
