/** The sim CLI: the narrated trace, JSON, exit codes, and errors named with file, line and column. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPS, specOf } from '../engine/commands/table';
import { STORYBOARD } from '../scenario/examples';
import { simMain } from './main';

const dir = mkdtempSync(join(tmpdir(), 'hmmlab-'));
function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
function sim(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = simMain(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('npm run sim', () => {
  it('prints the narrated trace and exits 0 when every expectation holds', () => {
    const r = sim(file('ok.hmm', STORYBOARD), '--invariants');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/migrate_vma_collect_pmd/);
    expect(r.stdout).toMatch(/=> ret 0, cpages 1, faults 1/);
    expect(r.stdout).toMatch(
      /7 commands, \d+ micro-steps, 18 expectations: all passed; simulated time .*; trace hash [0-9a-f]{16}/,
    );
    expect(r.stderr).toBe('');
  });

  it('prints JSON with --json', () => {
    const r = sim(file('ok2.hmm', STORYBOARD), '--json');
    const doc = JSON.parse(r.stdout) as {
      passed: boolean;
      commands: { steps: { fn: string }[] }[];
      traceHash: string;
    };
    expect(doc.passed).toBe(true);
    expect(doc.commands).toHaveLength(7);
    expect(doc.commands[4]?.steps.map((s) => s.fn)).toContain('migrate_vma_finalize');
    expect(doc.traceHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('exits 1 naming each failed expectation with its line', () => {
    const r = sim(
      file('bad.hmm', STORYBOARD.replace('expect cpages 1 faults 1', 'expect cpages 2 faults 1')),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.hmm:\d+: expect cpages 2 faults 1: got cpages 1 \(expected 2\)/);
    expect(r.stdout).toMatch(/1 FAILED/);
  });

  it('exits 2 on a parse error, naming the line and column', () => {
    const r = sim(file('parse.hmm', 'ram 64\nprocess p\np mmap b abc\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parse\.hmm:3:\d+: expected a page count/);
  });

  it('exits 2 on a file it cannot read, and on bad options', () => {
    expect(sim(join(dir, 'missing.hmm')).code).toBe(2);
    expect(sim(dir).stderr).toMatch(/not a file/);
    expect(sim('--bogus', 'x').code).toBe(2);
    expect(sim().stderr).toMatch(/usage/);
  });

  it('lists every command of the table under --help', () => {
    const r = sim('--help');
    expect(r.code).toBe(0);
    for (const op of COMMAND_OPS) {
      const spec = specOf(op);
      const subject = { process: '<p>', mirror: '<m>', machine: 'machine' }[spec.subject];
      for (const verb of spec.verbs) expect(r.stderr).toContain(`  ${subject} ${verb}`);
      expect(r.stderr).toContain(spec.summary);
    }
  });
});
