import { describe, expect, it } from 'vitest';
import { COMMAND_OPS, specOf } from '../engine/commands/table';
import { parse } from './parse';
import readme from './README.md?raw';
import { REFERENCE_BEGIN, REFERENCE_END, referenceRows, withReference } from './reference';

describe('the command reference', () => {
  it('in README.md is the one the table generates (npm run docs)', () => {
    // Prettier pads the table's cells; the content is what must match.
    expect(tableOf(readme)).toEqual(tableOf(withReference(readme)));
    expect(tableOf(readme).length).toBe(COMMAND_OPS.length + 2);
  });

  it('lists every command with every verb, in a syntax the parser reads', () => {
    const rows = referenceRows();
    expect(rows.map((r) => r.op).sort()).toEqual([...COMMAND_OPS].sort());
    for (const r of rows) expect(r.syntax).toHaveLength(specOf(r.op).verbs.length);
    // The reference's own example of each form parses once its placeholders are filled in.
    const fill = (s: string) =>
      s
        .replace('<p>', 'app')
        .replace('<m>', 'gpu0')
        .replace(/<range>/g, 'buf')
        .replace(/<value>/g, '7')
        .replace(/<(pages)>/g, '4')
        .replace(/<(buf|child|device)>/g, (_, f: string) => (f === 'device' ? 'gpu1' : `${f}2`))
        .replace(/<([a-z]+)\|[^>]*>/g, '$1')
        .replace(/\[[^\]]*\]/g, '')
        .trim();
    for (const r of rows) {
      for (const s of r.syntax) {
        const line = fill(s).replace('machine hotplug gpu1', 'machine hotplug gpu9');
        const text = `device gpu0 private 8\ndevice gpu1 private 8\nprocess app\napp mmap buf 4\napp open gpu0\n${line}\n`;
        const p = parse(text);
        expect(p.ok, `${line}: ${p.ok ? '' : p.errors[0]?.message}`).toBe(true);
      }
    }
  });
});

/** The generated table's rows, cell by cell (whitespace and dash runs as Prettier leaves them
 * do not count). */
function tableOf(text: string): string[][] {
  const a = text.indexOf(REFERENCE_BEGIN);
  const b = text.indexOf(REFERENCE_END);
  return text
    .slice(a, b)
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/^-+$/, '---')),
    );
}
