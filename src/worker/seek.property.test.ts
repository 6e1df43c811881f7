/**
 * Property test of seeking: for random scenarios (the engine's own command generators), built
 * in random ways (one init, init then appends, an init that keeps the prefix of an earlier
 * one), with the checkpoint interval forced small or the budget forced tight, every position
 * the host is sent to in a random walk (jumps anywhere, single steps back and forth) shows
 * exactly the state a fresh engine reaches by stepping from boot. A stale or shared-mutable
 * checkpoint or cache would show up as a wrong snapshot somewhere in the walk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { Snapshot } from '../engine/snapshot';
import { commandArb, machineArb, sequenceArb } from '../engine/testing/arbitrary';
import { LabHost, type LabHostOptions } from './host';
import type { Position } from '../timeline/position';
import { reference, sameData, stepsOf, type Reference } from './testFixtures';

/** Every position of a timeline, in order, with the state a fresh engine has there. */
function positions(ref: Reference): { at: Position; state: Snapshot }[] {
  const out = [{ at: { op: -1, step: -1 }, state: ref.boot }];
  ref.ops.forEach((states, op) =>
    states.forEach((state, i) => out.push({ at: { op, step: i - 1 }, state })),
  );
  return out;
}

/** A number in [0, 1), spread evenly (fast-check's doubles crowd around 0). */
const fraction = fc.integer({ min: 0, max: 9_999 }).map((n) => n / 10_000);

/** How the host gets the scenario: it must not matter. */
type Build =
  | { kind: 'init' }
  | { kind: 'appends'; split: number[] }
  /** keep: a fraction of the scenario; visit: of the other commands. */
  | { kind: 'reuse'; keep: number; other: Command[]; visit: number };

const buildArb: fc.Arbitrary<Build> = fc.oneof(
  fc.constant<Build>({ kind: 'init' }),
  fc.record({
    kind: fc.constant<'appends'>('appends'),
    split: fc.array(fc.nat({ max: 70 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant<'reuse'>('reuse'),
    keep: fraction,
    other: fc.array(commandArb, { minLength: 1, maxLength: 8 }),
    visit: fraction,
  }),
);

const optionsArb: fc.Arbitrary<LabHostOptions> = fc.oneof(
  fc.record({ checkpointEvery: fc.integer({ min: 1, max: 4 }) }),
  // Room for two to six machines of this size: K starts small and doubles as they fill it.
  fc.record({ checkpointBudget: fc.integer({ min: 8_000, max: 30_000 }) }),
);

/** A walk: a jump to anywhere (a fraction of the timeline), or a step back or forth. */
type Move = { jump: number } | { by: -1 | 1 };
const moveArb: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ jump: fraction }),
  },
  { weight: 3, arbitrary: fc.record({ by: fc.constantFrom<-1 | 1>(-1, 1) }) },
);

function build(host: LabHost, spec: MachineSpec, cmds: Command[], how: Build): void {
  if (how.kind === 'init') {
    host.init(spec, stepsOf(cmds), null, null);
  } else if (how.kind === 'appends') {
    const ends = [
      ...how.split.map((c) => Math.min(c, cmds.length)).sort((a, b) => a - b),
      cmds.length,
    ];
    host.init(spec, stepsOf(cmds.slice(0, ends[0])), null, null);
    for (let i = 1; i < ends.length; i++)
      host.append(stepsOf(cmds.slice(ends[i - 1], ends[i])), null);
  } else {
    // An earlier scenario sharing a prefix, then this one: the prefix is kept, not re-run.
    const keep = Math.floor(how.keep * cmds.length);
    const first = host.init(spec, stepsOf([...cmds.slice(0, keep), ...how.other]), null, null);
    // Leave a cached machine behind, often past the prefix (where it must not survive).
    const visit = keep + Math.floor(how.visit * (how.other.length + 1));
    host.seek(Math.min(visit, first.opCount - 1), -1, null);
    host.init(spec, stepsOf(cmds), null, null);
  }
}

describe('seek', () => {
  it('shows, wherever it goes, the state a fresh engine reaches there', () => {
    fc.assert(
      fc.property(
        machineArb(),
        sequenceArb,
        buildArb,
        optionsArb,
        fc.array(moveArb, { minLength: 10, maxLength: 60 }),
        (spec, cmds, how, opts, moves) => {
          const all = positions(reference(spec, cmds));
          const host = new LabHost(opts);
          build(host, spec, cmds, how);
          let i = all.length - 1;
          for (const m of moves) {
            i =
              'jump' in m
                ? Math.floor(m.jump * all.length)
                : Math.max(0, Math.min(all.length - 1, i + m.by));
            const want = all[i]!;
            const r = host.seek(want.at.op, want.at.step, null);
            expect(r.position).toEqual(want.at);
            if (!sameData(r.snapshot, want.state)) expect(r.snapshot).toEqual(want.state);
          }
          // And the end is still the live machine, untouched by all that replaying.
          const end = all[all.length - 1]!;
          const r = host.seek(end.at.op, end.at.step, null);
          if (!sameData(r.snapshot, end.state)) expect(r.snapshot).toEqual(end.state);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the oracle tells states apart', () => {
    const spec: MachineSpec = {
      kernel: 'modern',
      platform: 'pcie4',
      ramPages: 16,
      devices: [],
      processes: ['p0'],
    };
    const ref = reference(spec, [
      {
        op: 'mmap',
        proc: 'p0',
        buf: 'a',
        pages: 1,
        backing: 'anon',
        file: null,
        shared: false,
        prot: 'rw',
      },
      {
        op: 'cpu-write',
        proc: 'p0',
        range: { kind: 'buf', buf: 'a', first: 0, count: null },
        value: { scale: 0, offset: 5 },
      },
    ]);
    const [a, b] = [ref.ops[1]![0]!, ref.ops[1]![ref.ops[1]!.length - 1]!];
    expect(sameData(a, structuredClone(a))).toBe(true);
    expect(sameData(a, b)).toBe(false);
    const c = structuredClone(b);
    const last = c.frames.count - 1;
    c.frames.value[last] = (c.frames.value[last] ?? 0) ^ 1;
    expect(sameData(b, c)).toBe(false);
  });
});
