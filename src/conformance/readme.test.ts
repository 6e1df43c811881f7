/** The README's complete example is a real, passing scenario (and the one the scenario tests use). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORYBOARD } from '../scenario/examples';
import { parse } from '../scenario/parse';
import { runScenario } from '../scenario/run';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('shows the storyboard scenario, which passes', () => {
    const block = /```\n(title "One page to the GPU and back"[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(STORYBOARD);
    const p = parse(block ?? '');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const r = runScenario(p.scenario);
    expect(r.ok && r.run.failures).toEqual([]);
  });

  it('names the two quick-start commands', () => {
    expect(readme).toMatch(/npm install && npm start/);
    expect(readme).toMatch(/npm install && npm test/);
  });
});
