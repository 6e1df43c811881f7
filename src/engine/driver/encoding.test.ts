import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, encodingFor, type EntryMeaning } from './encoding';

const meaning = (devicePrivateFlag: boolean): fc.Arbitrary<EntryMeaning> =>
  fc.oneof(
    fc.constantFrom<EntryMeaning>(
      { kind: 'none', write: false, devicePrivate: false, pfn: 0 },
      { kind: 'error', write: false, devicePrivate: false, pfn: 0 },
    ),
    fc.record({
      kind: fc.constant<'valid'>('valid'),
      write: fc.boolean(),
      devicePrivate: devicePrivateFlag ? fc.boolean() : fc.constant(false),
      pfn: fc.integer({ min: 0, max: 2 ** 36 }),
    }),
  );

describe('driver pfn encodings (seed hmm-pfn-driver-encoding)', () => {
  it.each([
    ['seeds', 0],
    ['seeds', 1],
    ['modern', 0],
  ] as const)('%s driver %i: decode(encode(x)) = x', (model, dev) => {
    const enc = encodingFor(model, dev);
    fc.assert(
      fc.property(meaning(enc.flags.devicePrivate !== 0n), (m) => {
        expect(decode(enc, encode(enc, m))).toEqual(m);
      }),
    );
  });

  it('each driver puts the flags where its own page-table format has them', () => {
    const v = { kind: 'valid' as const, write: true, devicePrivate: true, pfn: 5 };
    expect(encode(encodingFor('seeds', 0), v)).toBe((5n << 5n) | 0b10011n);
    expect(encode(encodingFor('seeds', 1), v)).toBe((5n << 12n) | 0x13n);
    expect(encode(encodingFor('modern', 0), { ...v, devicePrivate: false })).toBe(
      (1n << 63n) | (1n << 62n) | 5n,
    );
  });

  it('never aliases none with error or special', () => {
    for (const [model, dev] of [
      ['seeds', 0],
      ['seeds', 1],
      ['modern', 0],
    ] as const) {
      const enc = encodingFor(model, dev);
      expect(enc.values.none).not.toBe(enc.values.error);
      expect(enc.values.none).not.toBe(enc.values.special);
    }
  });
});
