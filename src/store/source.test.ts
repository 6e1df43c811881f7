import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands/table';
import { STORYBOARD } from '../scenario/examples';
import { appendCommand, machineText, parseSource, stepsOf } from './source';

const read: Command = {
  op: 'cpu-read',
  proc: 'app',
  range: { kind: 'buf', buf: 'buf', first: 0, count: 1 },
};

function parsed(text: string) {
  const r = parseSource(text);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.scenario;
}

describe('the scenario text as the source', () => {
  it('appends a clicked command as the next line, keeping comments', () => {
    const text = `${STORYBOARD}\n# my note\n\n`;
    const s = parsed(text);
    const { text: next, line } = appendCommand(text, s, read);
    expect(next.startsWith(`${STORYBOARD}\n# my note\n`)).toBe(true);
    const lines = next.split('\n');
    expect(lines[line - 1]).toMatch(/read/);
    const again = parsed(next);
    expect(again.steps).toHaveLength(s.steps.length + 1);
    expect(again.steps.at(-1)?.command).toEqual(read);
    expect(again.steps.at(-1)?.line).toBe(line);
  });

  it('a new machine is a scenario with no commands that parses back to the machine', () => {
    const machine = parsed(STORYBOARD).machine;
    const s = parsed(machineText({ title: null, machine }));
    expect(s.machine).toEqual(machine);
    expect(s.steps).toEqual([]);
    expect(stepsOf(parsed(STORYBOARD)).map((x) => x.line)).toEqual(
      parsed(STORYBOARD).steps.map((x) => x.line),
    );
  });
});
