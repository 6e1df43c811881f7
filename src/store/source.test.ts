import { describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands/table';
import { STORYBOARD } from '../scenario/examples';
import {
  appendCommand,
  machineText,
  parseSource,
  prefixRuns,
  runnablePrefix,
  stepsOf,
} from './source';

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

  it('runs the lines before the first error, unless that error is in the header', () => {
    const lines = STORYBOARD.split('\n');
    const at = lines.findIndex((l) => l.startsWith('gpu0 migrate'));
    const broken = [...lines.slice(0, at), 'gpu0 migrat buf', ...lines.slice(at + 1)].join('\n');
    const r = parseSource(broken);
    if (r.ok) throw new Error('a typo parsed');
    const prefix = runnablePrefix(broken, r.errors);
    expect(prefix?.text).toBe(`${lines.slice(0, at).join('\n')}\n`);
    const p = parsed(prefix?.text ?? '');
    expect(prefix && prefixRuns(prefix, p)).toBe(true);
    expect(p.steps.map((x) => x.command.op)).toEqual(
      parsed(STORYBOARD)
        .steps.slice(0, p.steps.length)
        .map((x) => x.command.op),
    );
    expect(p.steps.length).toBeGreaterThan(3);
    // An error in the header changes the machine: nothing runs.
    const header = STORYBOARD.replace('device gpu0 private 8', 'device gpu0 privat 8');
    const h = parseSource(header);
    if (h.ok) throw new Error('a typo parsed');
    const hp = runnablePrefix(header, h.errors);
    expect(hp?.headerLine).toBe(true);
    expect(hp && prefixRuns(hp, parsed(hp.text))).toBe(false);
    // A header line below the commands is an error there: the commands above it run.
    const late = `${STORYBOARD}\ndevice gpu1 private 4\n`;
    const l = parseSource(late);
    if (l.ok) throw new Error('a late header line parsed');
    const lp = runnablePrefix(late, l.errors);
    expect(lp && prefixRuns(lp, parsed(lp.text))).toBe(true);
    expect(runnablePrefix(STORYBOARD, [])).toBeNull();
  });
});
