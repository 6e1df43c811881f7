/** What struct page shows, from real engine snapshots of the storyboard with a second page. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { takeSnapshot } from '../../engine/snapshot';
import { parse } from '../../scenario/parse';
import { inspected } from './inspected';

const TEXT = [
  'device gpu0 private 8',
  'process app',
  'app mmap buf 3',
  'app write buf[0..1] 7',
  'app open gpu0',
  'gpu0 migrate buf[1]',
  'machine reclaim 8', // the accessed bit buys a second chance
  'machine reclaim 8', // now page 0 goes to swap
].join('\n');

/** The snapshot after the first `n` commands. */
function after(n: number) {
  const r = parse(TEXT);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  const c = Engine.create(r.scenario.machine);
  if (!c.ok) throw new Error(c.error);
  for (const s of r.scenario.steps.slice(0, n)) c.engine.run(s.command);
  return takeSnapshot(c.engine.machine, c.engine.k.seq);
}

const sel = { proc: 'app', buf: 'buf', first: 0, count: 3 };
const page = (index: number) => ({ proc: 'app', buf: 'buf', index });

describe('struct page', () => {
  it("shows the first selected page's frame, and offers the others", () => {
    const s = after(4);
    const what = inspected(s, sel, null, null);
    expect(what).toMatchObject({
      kind: 'frame',
      pinned: false,
      choice: { label: 'app buf[0]', n: 1, of: 3, prev: null, next: page(1) },
    });
    const second = inspected(s, sel, page(1), null);
    expect(second).toMatchObject({ kind: 'frame', choice: { n: 2, prev: page(0), next: page(2) } });
    // Page 1 was migrated: its frame is gpu0's.
    expect(second.kind === 'frame' && second.pfn).toBe(s.devices[0]!.start);
  });

  it('says why a page maps no frame: before its mmap, never touched, swapped out', () => {
    expect(inspected(after(0), sel, null, null)).toMatchObject({
      kind: 'no-frame',
      why: 'app has not mapped buf yet at this step.',
    });
    expect(inspected(after(4), sel, page(2), null)).toMatchObject({
      kind: 'no-frame',
      choice: { n: 3, next: null },
      why: 'app buf[2] maps no frame at this step: no page-table entry (not touched yet, or unmapped).',
    });
    const swapped = inspected(after(6), sel, null, null);
    expect(swapped.kind === 'no-frame' && swapped.why).toMatch(
      /^app buf\[0\] is swapped out \(swap slot \d+\): no frame holds it\.$/,
    );
    const gone = { ...sel, proc: 'ghost' };
    expect(inspected(after(4), gone, null, null)).toMatchObject({
      why: 'ghost does not exist at this step.',
    });
  });

  it('shows a clicked frame whatever is selected, with the way back to following a page', () => {
    const s = after(4);
    expect(inspected(s, sel, page(2), 3)).toMatchObject({
      kind: 'frame',
      pfn: 3,
      pinned: true,
      choice: { label: 'app buf[2]' },
    });
    expect(inspected(s, null, null, 3)).toEqual({
      kind: 'frame',
      pfn: 3,
      pinned: true,
      choice: null,
    });
    expect(inspected(s, null, null, null)).toEqual({ kind: 'nothing' });
  });
});
