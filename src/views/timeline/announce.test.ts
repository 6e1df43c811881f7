import { describe, expect, it } from 'vitest';
import type { OpView } from '../../timeline/operations';
import { announcement } from './announce';

const op = (over: Partial<OpView>): OpView =>
  ({
    index: 0,
    command: {
      op: 'cpu-write',
      proc: 'app',
      range: { kind: 'buf', buf: 'buf0', first: 0, count: 1 },
    },
    ret: 0,
    problem: null,
    steps: [
      { fn: 'handle_mm_fault', text: 'the CPU faults' },
      { fn: 'do_anonymous_page', text: 'a zeroed page' },
    ],
    ...over,
  }) as unknown as OpView;

describe('the step announcement', () => {
  it('says the operation, the step, the function and the narration', () => {
    const ops = [op({})];
    expect(announcement(ops, { op: 0, step: 0 })).toMatch(
      /^op 1 of 1, .*step 1 of 2: handle_mm_fault — the CPU faults$/,
    );
  });

  it('adds the result on the last step, and says boot before the first operation', () => {
    const ops = [op({ ret: -2 })];
    expect(announcement(ops, { op: 0, step: 1 })).toMatch(/a zeroed page\. returned -ENOENT$/);
    expect(announcement(ops, { op: -1, step: -1 })).toMatch(/^boot/);
    expect(announcement(ops, null)).toBe('');
  });

  it('an operation that did not run says why', () => {
    const ops = [op({ steps: [], problem: 'no such buffer' })];
    expect(announcement(ops, { op: 0, step: -1 })).toMatch(/not run: no such buffer$/);
  });
});
