/** Running scenarios: expectations that hold pass, expectations that do not are reported with their line and why. */
import { describe, expect, it } from 'vitest';
import { STORYBOARD } from './examples';
import { parse } from './parse';
import { runScenario } from './run';

function run(text: string) {
  const p = parse(text);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  const r = runScenario(p.scenario);
  if (!r.ok) throw new Error(r.error);
  return r.run;
}

const HEAD =
  'kernel modern\nram 32\ndevice gpu0 private 4\nprocess p\np mmap b 2\np write b i\np open gpu0\n';

describe('runScenario', () => {
  it('passes the storyboard', () => {
    const r = run(STORYBOARD);
    expect(r.failures).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it.each([
    ['expect ret -ENOENT', 'expected ret -ENOENT, got 0'],
    ['expect cpages 3', 'got cpages 2 (expected 3)'],
    [
      'expect pte p b present',
      'page 0 (0x7ffff6ffe000): expected present, found device-private (and 1 more of 2 pages differ)',
    ],
    [
      'expect pte p b device-private !write',
      'page 0 (0x7ffff6ffe000): device-private entry has write bit (and 1 more of 2 pages differ)',
    ],
    ['expect value p b[1] 5', 'page 1 (0x7ffff6fff000): CPU reads 1, expected 5 (value 5)'],
    [
      'expect page p b ref 2',
      'page 0 (0x7ffff6ffe000): refcount 1 (expected 2) (and 1 more of 2 pages differ)',
    ],
    ['expect page p b on ram', 'lives in gpu0 (expected ram)'],
    ['expect bits gpu0 0..3 set', 'gpu0 bits 2, 3 clear, expected set'],
    ['expect allocated gpu0 1', 'gpu0 has 2 pages allocated, expected 1'],
    ['expect frame ram:0 allocated', 'ram:0 is free, expected allocated'],
    ['expect mirror gpu0 b read', 'mirror entry is write, expected read'],
    ['expect rss p 0', 'p has RSS 2 pages (anon 2, file 0, shmem 0), expected 0'],
    ['expect devbuf gpu0 b -i', 'the device buffer holds 1, expected -1'],
    ['expect snapshot 22 22', 'this command took no snapshot'],
  ])('reports a failed "%s" with its line: %s', (line, message) => {
    const r = run(`${HEAD}gpu0 migrate b\n  ${line}\n`);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]?.line).toBe(9);
    expect(r.failures[0]?.message).toContain(message);
  });

  it('reports a command naming a buffer that does not exist as a problem on its line', () => {
    const r = run(`${HEAD}p read nothere\n`);
    expect(r.problems).toEqual([{ line: 8, message: 'process p has no buffer named "nothere"' }]);
  });
});
