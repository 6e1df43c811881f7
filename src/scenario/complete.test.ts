import { describe, expect, it } from 'vitest';
import { COMMAND_OPS, specOf } from '../engine/commands/table';
import { completionsAt } from './complete';
import { MIRROR_VERBS, PROCESS_VERBS } from './parse-command';
import { parse } from './parse';

const HEAD = 'device gpu0 private 8\nprocess app\napp mmap buf 4\napp mmap other 2\n';

/** The labels offered with the cursor at the end of `text` (or at `|`). */
function labels(text: string): string[] {
  const at = text.indexOf('|');
  const t = at < 0 ? text : text.replace('|', '');
  return completionsAt(t, at < 0 ? t.length : at)?.options.map((o) => o.label) ?? [];
}

describe('completion', () => {
  it('offers the names declared above, machine, expect and the header words at a line start', () => {
    const got = labels(`${HEAD}app open gpu0\napp fork kid\n`);
    expect(got).toEqual(
      expect.arrayContaining(['app', 'kid', 'app/gpu0', 'gpu0', 'machine', 'expect', 'ram']),
    );
    // a closed mirror is no longer a name to use
    expect(labels(`${HEAD}app open gpu0\ngpu0 close\n`)).not.toContain('app/gpu0');
  });

  it("offers each subject's verbs from the table, with the op and what it does", () => {
    expect(labels(`${HEAD}app `)).toEqual([...PROCESS_VERBS]);
    expect(labels(`${HEAD}app open gpu0\ngpu0 mi`)).toEqual([...MIRROR_VERBS]);
    const c = completionsAt(`${HEAD}app `, `${HEAD}app `.length);
    const mig = c?.options.find((o) => o.label === 'migrate-pages');
    expect(mig).toMatchObject({ detail: 'migrate-pages', info: specOf('migrate-pages').summary });
    expect(c?.from).toBe(`${HEAD}app `.length);
  });

  it("offers each argument's words: buffers for a range, a word list, flags not given yet", () => {
    expect(labels(`${HEAD}app mprotect `)).toEqual(['buf', 'other']);
    expect(labels(`${HEAD}app mprotect buf `)).toEqual(['rw', 'r', 'none']);
    expect(labels(`${HEAD}app gup buf pin `)).toEqual(['write', 'longterm', 'fast']);
    expect(labels(`${HEAD}app open `)).toEqual(['gpu0']);
    expect(labels(`${HEAD}app open gpu0 `)).toEqual(['as']);
    expect(labels(`${HEAD}machine hotplug g2 `)).toEqual(['private', 'coherent', 'pmem', 'public']);
    // a mirror named through its device acts on its process's buffers
    expect(labels(`${HEAD}app open gpu0\ngpu0 migrate `)).toEqual(['buf', 'other']);
    // a forked child inherits its parent's buffers
    expect(labels(`${HEAD}app fork kid\nkid read `)).toEqual(['buf', 'other']);
  });

  it('completes a focus line: a header process, then a buffer it maps further down', () => {
    const below = '\napp mmap buf 4\ntool mmap t 1\napp mmap late 2\n';
    const text = `process app\nprocess tool\nfocus |${below}`;
    expect(labels(text)).toEqual(['app', 'tool']);
    expect(labels(text.replace('focus |', 'focus app |'))).toEqual(['buf', 'late']);
    expect(labels(text.replace('focus |', 'focus tool b|'))).toEqual(['t']);
    expect(labels('process app\n|')).toEqual(expect.arrayContaining(['focus', 'note']));
    const r = parse(`process app\nprocess tool\nfocus app late${below}`);
    expect(r.ok).toBe(true);
  });

  it('offers the word being typed from its start, and nothing in a comment, a value or an unknown line', () => {
    const text = `${HEAD}app migr|ate buf`;
    const at = text.indexOf('|');
    expect(completionsAt(text.replace('|', ''), at)?.from).toBe(at - 'migr'.length);
    expect(labels(`${HEAD}app write buf `)).toEqual([]);
    expect(labels(`${HEAD}# app `)).toEqual([]);
    expect(labels(`${HEAD}nobody `)).toEqual([]);
    expect(labels(`${HEAD}expect `)).toContain('pte');
  });

  it('completes every command of the table, word by word, into a line the parser accepts', () => {
    const head =
      'device gpu0 private 8\ndevice gpu1 private 8\nprocess app\napp mmap buf 4\napp open gpu0 as m\n';
    /** What a user types where completion has nothing to offer (values, sizes, new names). */
    const FILL: Record<string, string> = { value: '7', int: '2', name: 'n2' };
    for (const op of COMMAND_OPS) {
      const spec = specOf(op);
      let line = `${{ process: 'app', mirror: 'm', machine: 'machine' }[spec.subject]} `;
      expect(labels(`${head}${line}`)).toEqual(expect.arrayContaining([...spec.verbs]));
      line += `${spec.verbs[0]} `;
      for (const arg of spec.args) {
        if (arg.kind === 'flags' || arg.kind === 'mmap-options' || arg.kind === 'mirror-as') break;
        const offered = labels(`${head}${line}`).filter((w) => w !== 'gpu0' || op !== 'open');
        const word =
          arg.kind === 'name' && arg.role === 'device' && op === 'open'
            ? 'gpu1'
            : (offered[0] ?? FILL[arg.kind] ?? '');
        expect(word, `${op}: nothing to type for a ${arg.kind}`).not.toBe('');
        line += `${word} `;
      }
      const r = parse(`${head}${line}\n`);
      expect(r.ok, `${line}: ${r.ok ? '' : r.errors[0]?.message}`).toBe(true);
    }
  });
});
