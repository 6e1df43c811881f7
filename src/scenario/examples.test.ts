import { describe, expect, it } from 'vitest';
import readme from './README.md?raw';
import { STORYBOARD } from './examples';
import { parse } from './parse';

describe('examples', () => {
  it('README.md shows the storyboard of examples.ts', () => {
    const section = readme.slice(readme.indexOf('## Example'));
    const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(STORYBOARD);
  });

  it('the storyboard parses', () => {
    expect(parse(STORYBOARD).ok).toBe(true);
  });
});
