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

/** A file name from the scenario's title. */
export function fileName(title: string | null, ext: 'hmm' | 'json'): string {
  const base = (title ?? 'scenario')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'scenario'}.${ext}`;
}
