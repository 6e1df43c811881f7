import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitmap } from './bitmap';
import { SysAlloc } from './sysalloc';

describe('the device bitmap', () => {
  it('is first fit: find_first_zero_bit returns the lowest clear bit, nbits when full', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 300 }),
        (n, ops) => {
          const b = new Bitmap(n);
          const ref = new Array<boolean>(n).fill(false);
          for (const [alloc, x] of ops) {
            if (alloc) {
              const bit = b.findFirstZero();
              const want = ref.indexOf(false);
              expect(bit).toBe(want < 0 ? n : want);
              if (bit < n) {
                b.set(bit);
                ref[bit] = true;
              }
            } else {
              const bit = x % n;
              b.clear(bit);
              ref[bit] = false;
            }
            expect(b.allocated).toBe(ref.filter(Boolean).length);
          }
        },
      ),
    );
  });

  it('clones independently', () => {
    const a = new Bitmap(40);
    a.set(3);
    const c = a.clone();
    c.set(4);
    expect([a.test(4), c.test(3), c.test(4)]).toEqual([false, true, true]);
  });
});

describe('the system page allocator', () => {
  it('hands out the lowest pfn first at boot, then the most recently freed (LIFO)', () => {
    const s = new SysAlloc(10, 4);
    expect([s.take(), s.take()]).toEqual([10, 11]);
    s.give(10);
    expect(s.take()).toBe(10);
    expect([s.take(), s.take(), s.take()]).toEqual([12, 13, -1]);
    expect(s.free).toBe(0);
  });
});
