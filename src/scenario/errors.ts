/**
 * Errors of the scenario format and the result type shared by `parse` and `fromJson`.
 * Neither ever throws: every problem becomes a ScenarioError with a 1-based position.
 */
import type { Scenario } from './ast';

export interface ScenarioError {
  /** 1-based line in the text (for JSON: the line of the offending value in the JSON text). */
  line: number;
  /** 1-based column, counted in UTF-16 code units like JavaScript strings and editors. */
  column: number;
  /** Self-contained: `line 4, column 12: expected …, found "abc"`, or for JSON
   * `scenario.steps[3].command.pages: expected …`. */
  message: string;
  /** The words that would have been accepted here, when there is a short list of them. */
  expected?: string[];
  /** The accepted word the text most likely meant (see suggest.ts): "did you mean" it. */
  suggestion?: string;
  /** JSON only: the path of the offending value, e.g. `scenario.steps[3].command.pages`. */
  path?: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** At most this many errors are reported; parsing stops at the 50th. */
export const MAX_ERRORS = 50;

/** Collects errors up to MAX_ERRORS. */
export class ErrorList {
  readonly items: ScenarioError[] = [];

  get full(): boolean {
    return this.items.length >= MAX_ERRORS;
  }

  /** A text error: the message is prefixed with its position. */
  atText(line: number, column: number, detail: string, expected?: readonly string[]): void {
    const l = Math.max(1, line);
    const c = Math.max(1, column);
    this.push({ line: l, column: c, message: `line ${l}, column ${c}: ${detail}` }, expected);
  }

  /** A JSON error: the message is prefixed with the path of the value. */
  atPath(path: string, line: number, column: number, detail: string): void {
    const where = path === '' ? '(top level)' : path;
    this.push({
      line: Math.max(1, line),
      column: Math.max(1, column),
      message: `${where}: ${detail}`,
      path,
    });
  }

  private push(e: ScenarioError, expected?: readonly string[]): void {
    if (this.full) return;
    if (expected && expected.length > 0) e.expected = [...expected];
    this.items.push(e);
  }
}
