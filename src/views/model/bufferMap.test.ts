/**
 * The whole-buffer codes of large buffers say, page by page, what pageLook (the per-cell view
 * model) says: checked on real engine snapshots of random runs with several processes, devices
 * of every type, forks, munmaps and swaps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { takeSnapshot } from '../../engine/snapshot';
import { machineArb, sequenceArb } from '../../engine/testing/arbitrary';
import { bufferCodes, codeBins, codeCounts, packCode, unpackCode } from './bufferMap';
import { pageLook } from './residence';

describe('bufferCodes', () => {
  it('agrees with pageLook on every page of every buffer', () => {
    fc.assert(
      fc.property(machineArb(), sequenceArb, (spec, cmds) => {
        const c = Engine.create(spec);
        if (!c.ok) return;
        for (const cmd of cmds) c.engine.run(cmd);
        const s = takeSnapshot(c.engine.machine, 0);
        for (const p of s.procs)
          for (const b of p.buffers) {
            const codes = bufferCodes(s, p, b.start, b.pages);
            for (let i = 0; i < b.pages; i++) {
              const mapped = p.vmas.some((v) => v.start <= b.start + i && b.start + i < v.end);
              const look = pageLook(s, p, b.start + i);
              const want = mapped ? packCode(look.residence, look.dev) : packCode('unmapped', -1);
              expect(unpackCode(codes[i] ?? 0), `${p.name} ${b.name}[${i}]`).toEqual(
                unpackCode(want),
              );
            }
            // The counts add up to the buffer.
            expect(codeCounts(codes).reduce((n, c) => n + c.pages, 0)).toBe(b.pages);
          }
      }),
      { numRuns: 150 },
    );
  });
});

describe('codeBins', () => {
  it('gives each bin the code most of its pages have', () => {
    const codes = Uint8Array.from([1, 1, 2, 3, 3, 3, 5, 5]);
    expect([...codeBins(codes, 2)]).toEqual([1, 3]);
    expect([...codeBins(codes, 8)]).toEqual([...codes]);
    expect([...codeBins(new Uint8Array(0), 4)]).toEqual([0, 0, 0, 0]);
  });
});
