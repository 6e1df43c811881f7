import { describe, expect, it } from 'vitest';
import { parse } from '../scenario/parse';
import type { Step } from '../scenario/ast';
import { editLanding } from './landing';

const HEADER = 'ram 8\ndevice gpu0 private 4\nprocess app\n';

function steps(lines: string): Step[] {
  const r = parse(HEADER + lines);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.scenario.steps;
}

const AT = { op: 0, step: 1 };
const A = 'app mmap buf 2\n';
const B = 'app write buf 1\n';
const C = 'app open gpu0\n';
const D = 'gpu0 migrate buf\n';

describe('where an edit lands', () => {
  it('stays put when no command changed (comments, blank lines, expectations, moved lines)', () => {
    expect(editLanding(steps(A + B), steps(A + '# note\n\n' + B), AT)).toBe(AT);
    expect(editLanding(steps(A + B), steps(A + B + '  expect ret 0\n'), AT)).toBe(AT);
  });

  it('lands at the end of commands typed at the end, however many', () => {
    expect(editLanding([], steps(A + B + C + D), AT)).toEqual({ endOf: 3 });
    expect(editLanding(steps(A), steps(A + B), AT)).toEqual({ endOf: 1 });
  });

  it('lands at the end of a command changed or inserted in the middle', () => {
    expect(editLanding(steps(A + B + C), steps(A + 'app write buf 7\n' + C), AT)).toEqual({
      endOf: 1,
    });
    expect(editLanding(steps(A + C), steps(A + B + C), AT)).toEqual({ endOf: 1 });
  });

  it('after a removal, lands at the end of the command before it (boot before the first)', () => {
    expect(editLanding(steps(A + B + C), steps(A + C), AT)).toEqual({ endOf: 0 });
    expect(editLanding(steps(A + B), steps(B), AT)).toEqual({ endOf: -1 });
  });
});
