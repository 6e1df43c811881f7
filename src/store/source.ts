/**
 * The scenario text is the source of truth for what the lab runs: the editor edits it, a
 * clicked action appends its line to it, links and files replace it. This module turns text
 * into what the worker runs, and a clicked command into its line of text.
 */
import type { Command } from '../engine/commands/table';
import type { Scenario, Step } from '../scenario/ast';
import { format } from '../scenario/format';
import { parse } from '../scenario/parse';
import type { ParseResult } from '../scenario/errors';

export function parseSource(text: string): ParseResult {
  return parse(text);
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
