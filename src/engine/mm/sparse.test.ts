import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseTable } from './sparse';

describe('the sparse page table', () => {
  it('behaves like a map from page number to (kind, a, b), kind 0 meaning empty', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 5000 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer(),
            fc.integer(),
          ),
        ),
        (ops) => {
          const t = new SparseTable();
          const ref = new Map<number, [number, number, number]>();
          for (const [vpn, kind, a, b] of ops) {
            t.set(vpn, kind, a, b);
            if (kind === 0) ref.delete(vpn);
            else ref.set(vpn, [kind, a, b]);
          }
          expect(t.size).toBe(ref.size);
          for (const [vpn, [kind, a, b]] of ref)
            expect([t.kind(vpn), t.a(vpn), t.b(vpn)]).toEqual([kind, a, b]);
          expect([...t.entries(0, 6000)]).toEqual([...ref.keys()].sort((x, y) => x - y));
          const c = t.clone();
          c.clear([...ref.keys()][0] ?? 0);
          expect(t.size).toBe(ref.size);
        },
      ),
    );
  });
});
