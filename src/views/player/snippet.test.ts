import { describe, expect, it } from 'vitest';
import { LAB_MODE, parseMode } from '../modes/mode';
import { embedSnippet, embedUrl } from './snippet';

describe('the embed snippet', () => {
  const mode = {
    ...LAB_MODE,
    views: ['page-tables' as const],
    range: { first: 1, last: 3 },
    autoplay: 4,
    loop: true,
  };
  it('is an iframe with a title whose URL opens the player as configured', () => {
    const html = embedSnippet('https://lab.example/hmm/', {
      mode,
      fragment: 'hmm2.AbC-_x',
      title: 'Pinned "page" <demo>',
      width: 800,
      height: 450,
    });
    expect(html).toMatch(
      /^<iframe src="https:\/\/lab\.example\/hmm\/\?embed&amp;views=page-tables&amp;range=2-4&amp;autoplay=4&amp;loop#hmm2\.AbC-_x" /,
    );
    expect(html).toContain('title="Pinned &quot;page&quot; &lt;demo&gt;"');
    expect(html).toContain('width="800" height="450"');
    const url = new URL(embedUrl('https://lab.example/hmm/', { mode, fragment: 'hmm2.x' }));
    const back = parseMode(url.search);
    expect(back.problems).toEqual([]);
    expect(back.mode).toEqual({ ...mode, kind: 'embed' });
    expect(url.hash).toBe('#hmm2.x');
  });
});
