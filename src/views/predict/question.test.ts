import { describe, expect, it } from 'vitest';
import { parse } from '../../scenario/parse';
import { STORYBOARD } from '../../scenario/examples';
import { LabHost } from '../../worker/host';
import { refAnswer, whereAnswer, whereChoices } from './question';

function run() {
  const r = parse(STORYBOARD);
  if (!r.ok) throw new Error('storyboard');
  const h = new LabHost();
  const steps = r.scenario.steps.map(({ command, expects, line }) => ({ command, expects, line }));
  const rep = h.init(r.scenario.machine, steps, null, null);
  const end = (op: number) => h.seek(op, (rep.ops[op]?.steps.length ?? 1) - 1, null).snapshot;
  return { end };
}

describe('predict-then-reveal answers', () => {
  const sel = { proc: 'app', buf: 'buf', first: 0, count: 1 };
  it('follows the page through the storyboard', () => {
    const { end } = run();
    expect(whereAnswer(end(0), sel)).toBe('none'); // mmap
    expect(whereAnswer(end(1), sel)).toBe('ram'); // CPU write
    expect(whereAnswer(end(4), sel)).toBe('dev:gpu0'); // migrated
    expect(whereAnswer(end(5), sel)).toBe('ram'); // faulted back
    expect(whereAnswer(end(6), sel)).toBe('none'); // munmap: no entry left
    expect(whereAnswer(end(1), null)).toBeNull();
    const ids = whereChoices(end(4)).map((c) => c.id);
    expect(ids).toContain('dev:gpu0');
    for (const a of ['none', 'ram', 'dev:gpu0']) expect(ids).toContain(a);
  });

  it('reads the watched frame refcount', () => {
    const { end } = run();
    const s = end(1);
    expect(refAnswer(s, 1)).toBe(s.frames.ref[1]);
    expect(refAnswer(s, null)).toBeNull();
    expect(refAnswer(s, 1e9)).toBeNull();
  });
});
