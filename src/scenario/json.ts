/**
 * The JSON form: `{"format": "hmm-lab/scenario", "version": 1, "scenario": <the AST>}`.
 * fromJson validates the shape with valibot (json-schema.ts), then runs the same semantic
 * checks as the text parser (check.ts: names declared, mirrors open, ranges, limits). Every
 * error names the JSON path of the offending value and points at it in the JSON text.
 * `line` fields are optional in JSON (default 0) and are written by toJson, so
 * fromJson(toJson(s)) deep-equals s.
 */
import * as v from 'valibot';
import { LIMITS, overLimit } from '../engine/limits';
import type { Scenario } from './ast';
import {
  checkCommand,
  checkExpect,
  checkMachine,
  checkNote,
  checkTitle,
  type Report,
} from './check';
import { ErrorList, MAX_ERRORS, type ParseResult } from './errors';
import { checkFocus, checkFocusMapped } from './focus';
import { JSON_FORMAT, JSON_VERSIONS, documentSchema, scenarioSchema } from './json-schema';
import {
  lineColumn,
  lineColumns,
  locatePaths,
  syntaxErrorOffset,
  type PathKey,
} from './json-locate';
import { SymbolTracker } from './symbols';
import { quote } from './values';

export { JSON_FORMAT, JSON_VERSIONS };

/** Pretty JSON (2 spaces), keys in the schema's order. */
export function toJson(s: Scenario): string {
  // Running the scenario through the schema puts every object's keys in the schema's order,
  // so equal scenarios print identically whatever order their objects were built in.
  const canonical = v.safeParse(scenarioSchema, s);
  const scenario = canonical.success ? canonical.output : s;
  return `${JSON.stringify({ format: JSON_FORMAT, version: 1, scenario }, null, 2)}\n`;
}

export function fromJson(text: string): ParseResult {
  try {
    return fromJsonText(text);
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ line: 1, column: 1, message: `internal error: ${what}` }] };
  }
}

/** `scenario.steps[3].command.pages` */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k)) out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}

function fromJsonText(text: string): ParseResult {
  const errors = new ErrorList();
  // Problems are collected first and placed in the text together at the end: one scan for
  // all of them, not one each (up to MAX_ERRORS scans of a document of up to 4 MiB).
  const pending: Array<{ path: PathKey[]; detail: string }> = [];
  const at = (path: PathKey[], detail: string): void => {
    if (pending.length < MAX_ERRORS) pending.push({ path, detail });
  };
  const failed = (): ParseResult => {
    const places = lineColumns(
      text,
      locatePaths(
        text,
        pending.map((p) => p.path),
      ),
    );
    pending.forEach((p, i) => {
      const { line, column } = places[i] ?? { line: 1, column: 1 };
      errors.atPath(formatPath(p.path), line, column, p.detail);
    });
    return { ok: false, errors: errors.items };
  };
  if (typeof text !== 'string') {
    errors.atPath('', 1, 1, `expected JSON text, found ${typeof text}`);
    return { ok: false, errors: errors.items };
  }
  if (text.length > LIMITS.textLength) {
    errors.atPath('', 1, 1, overLimit('scenario text length', text.length, 'textLength'));
    return { ok: false, errors: errors.items };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const { line, column } = lineColumn(text, syntaxErrorOffset(text) ?? 0);
    const why = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    errors.atPath('', line, column, `invalid JSON: ${why}`);
    return { ok: false, errors: errors.items };
  }
  if (!envelope(doc, at)) return failed();
  const r = v.safeParse(documentSchema, doc);
  if (!r.success) {
    for (const issue of r.issues) {
      if (pending.length >= MAX_ERRORS) break;
      at(issuePath(issue), issueMessage(issue));
    }
    return failed();
  }
  const scenario = r.output.scenario;
  checkScenario(scenario, at);
  return pending.length > 0 ? failed() : { ok: true, scenario };
}

/** The format and version, checked first so that a newer file gets a clear answer. */
function envelope(doc: unknown, at: (path: PathKey[], detail: string) => void): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const found = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc;
    at([], `expected an object {"format": "${JSON_FORMAT}", "version": 1, ...}, found ${found}`);
    return false;
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== JSON_FORMAT) return true;
  if (typeof d.version === 'number' && !JSON_VERSIONS.includes(d.version)) {
    at(
      ['version'],
      `unsupported version ${d.version}; supported versions: ${JSON_VERSIONS.join(', ')}`,
    );
    return false;
  }
  return true;
}

function issuePath(issue: v.BaseIssue<unknown>): PathKey[] {
  return (issue.path ?? []).map((p) => {
    const k: unknown = p.key;
    return typeof k === 'number' ? k : String(k);
  });
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.[issue.path.length - 1]?.key;
  const shown = typeof key === 'string' ? quote(key) : String(key);
  if (issue.expected === 'never') return `unknown field ${shown}`;
  if (issue.kind === 'schema' && issue.received === 'undefined' && issue.type.endsWith('object')) {
    return `missing field ${shown}`;
  }
  return issue.message;
}

/** The semantic checks, step by step, with problems at JSON paths. */
function checkScenario(s: Scenario, report: (path: PathKey[], detail: string) => void): void {
  let problems = 0;
  const at = (path: PathKey[], detail: string): void => {
    problems += 1;
    report(path, detail);
  };
  const under =
    (base: PathKey[]): Report =>
    (field, problem) =>
      at([...base, ...splitField(field)], problem);
  checkTitle(s.title, under(['scenario']));
  const tracker = new SymbolTracker();
  checkMachine(s.machine, tracker, under(['scenario', 'machine']));
  // As in the text, the focus names a header process; its buffer is checked after the steps.
  if (s.focus) checkFocus(s.focus, tracker, under(['scenario', 'focus']));
  if (s.steps.length > LIMITS.commands) {
    at(['scenario', 'steps'], overLimit('command count', s.steps.length, 'commands'));
    return;
  }
  s.steps.forEach((step, i) => {
    checkCommand(step.command, tracker, under(['scenario', 'steps', i, 'command']));
    step.expects.forEach((e, j) => {
      checkExpect(e, tracker, under(['scenario', 'steps', i, 'expects', j]));
    });
    step.notes.forEach((n, j) => checkNote(n, j, under(['scenario', 'steps', i, 'notes', j])));
  });
  if (s.focus && problems === 0) checkFocusMapped(s.focus, s.steps, under(['scenario', 'focus']));
}

/** `range.first` → ['range', 'first']; `flags[2].flag` → ['flags', 2, 'flag']; '' → []. */
function splitField(field: string): PathKey[] {
  const out: PathKey[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(Number(m[2]));
  }
  return out;
}
