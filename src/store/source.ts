/**
 * The scenario text is the source of truth for what the lab runs: the editor edits it, a
 * clicked action appends its line to it, links and files replace it. This module turns text
 * into what the worker runs, and a clicked command into its line of text.
 */
import type { Command } from '../engine/commands/table';
import type { Scenario, Step } from '../scenario/ast';
import { format } from '../scenario/format';
import { parse } from '../scenario/parse';
import type { ParseResult, ScenarioError } from '../scenario/errors';
import { HEADER_WORDS } from '../scenario/values';

export function parseSource(text: string): ParseResult {
  return parse(text);
}

/** Where 1-based `line` of `text` starts (the text's length past its last line). */
function lineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/**
 * The part of `text` the lab can still run while it has `errors`: the lines before the first
 * error. `headerLine` says that error's line is a header line: when the part before it has no
 * command, the header itself is broken (it would change the machine), and nothing should run.
 */
export function runnablePrefix(
  text: string,
  errors: readonly ScenarioError[],
): { text: string; headerLine: boolean } | null {
  if (errors.length === 0) return null;
  const line = Math.min(...errors.map((e) => e.line));
  const start = lineStart(text, line);
  const first = /^[ \t]*([^\s#]*)/.exec(text.slice(start, start + 64))?.[1] ?? '';
  return {
    text: text.slice(0, start),
    headerLine: (HEADER_WORDS as readonly string[]).includes(first),
  };
}

/** Whether `prefix` (of runnablePrefix), parsed as `scenario`, is worth running. */
export function prefixRuns(prefix: { headerLine: boolean }, scenario: Scenario): boolean {
  return scenario.steps.length > 0 || !prefix.headerLine;
}

/**
 * What the worker runs for a parsed scenario, and the store keeps: a step's notes ride along
 * (the views show them at its operation; the worker's prefix reuse ignores them, stepKey).
 */
export function stepsOf(s: Scenario): Step[] {
  return s.steps.map(({ command, expects, notes, line }) => ({ command, expects, notes, line }));
}

/** Lines in `text` (a text ending in a newline does not start another line). */
function lineCount(text: string): number {
  if (text === '') return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

/**
 * `text` with `command` appended on its own line, as the canonical format writes it at that
 * point of scenario `s` (the parse of `text`), and the 1-based number of that line.
 */
export function appendCommand(
  text: string,
  s: Scenario,
  command: Command,
): { text: string; line: number } {
  const full = format({
    ...s,
    steps: [...s.steps, { command, expects: [], notes: [], line: 0 }],
  });
  const lines = full.trimEnd().split('\n');
  const added = lines[lines.length - 1] ?? '';
  const base = text.replace(/\s+$/, '');
  const next = base === '' ? `${added}\n` : `${base}\n${added}\n`;
  return { text: next, line: lineCount(base) + 1 };
}

/** A fresh scenario's text for a machine (the "new machine" dialog). */
export function machineText(s: Pick<Scenario, 'machine' | 'title'>): string {
  return format({ title: s.title, focus: null, machine: s.machine, steps: [] });
}
