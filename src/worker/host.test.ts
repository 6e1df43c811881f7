import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../engine/commands/table';
import { Engine } from '../engine/engine';
import type { Kernel } from '../engine/kernel';
import type { OpResult } from '../engine/ops/types';
import { takeSnapshot, type Snapshot } from '../engine/snapshot';
import type { Gen } from '../engine/trace/step';
import { STORYBOARD } from '../scenario/examples';
import type { WatchTarget } from '../timeline/selection';
import { LabHost, type LabHostOptions } from './host';
import type { StateReply } from './protocol';
import { fixture, reference, sameData, stepsOf, storyboard, type Fixture } from './testFixtures';

/**
 * Every runCommand the host (or anything else) makes goes through here, so the tests can count
 * how much the engine ran, and make one command throw half-way (an engine bug).
 */
const hooks = vi.hoisted(() => ({
  calls: 0,
  throwOn: null as ((cmd: Command) => boolean) | null,
}));
vi.mock('../engine/ops', async (importOriginal) => {
  const ops = await importOriginal<typeof import('../engine/ops')>();
  return {
    ...ops,
    runCommand: (k: Kernel, cmd: Command): Gen<OpResult> => {
      hooks.calls++;
      const gen = ops.runCommand(k, cmd);
      if (!hooks.throwOn?.(cmd)) return gen;
      hooks.throwOn = null;
      // A bug half-way through: the first step runs (and changes the machine), then a throw.
      return (function* (): Gen<OpResult> {
        const first = gen.next();
        if (!first.done) yield first.value;
        throw new Error('boom');
      })();
    },
  };
});
afterEach(() => {
  hooks.throwOn = null;
});

/** How many commands the engine started while `f` ran. */
function enginesRuns(f: () => void): number {
  const before = hooks.calls;
  f();
  return hooks.calls - before;
}

/** toEqual, but fast when they are equal (big snapshots, every micro-step). */
function expectSnapshot(actual: Snapshot, expected: Snapshot | undefined): void {
  if (!sameData(actual, expected)) expect(actual).toEqual(expected);
}

const CONFORMANCE = import.meta.glob<string>('../conformance/*.hmm', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const conformance = (name: string): Fixture => fixture(CONFORMANCE[`../conformance/${name}`] ?? '');

/** The state after `steps` micro-steps of command `op`, reached by a fresh engine from boot. */
function freshState(f: Fixture, op: number, steps: number, total: number): Snapshot {
  const c = Engine.create(f.spec);
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  f.commands.slice(0, op).forEach((cmd) => e.run(cmd));
  const cmd = f.commands[op];
  if (cmd) {
    const gen = e.execute(cmd);
    for (let i = 0; i < steps; i++) gen.next();
    if (steps === total) gen.next(); // finish the operation, as the live engine did
  }
  return takeSnapshot(e.machine, e.k.seq);
}

function started(
  f: Fixture,
  watch: WatchTarget = null,
  opts: LabHostOptions = {},
): { host: LabHost; reply: StateReply } {
  const host = new LabHost(opts);
  return { host, reply: host.init(f.spec, f.steps, null, watch) };
}

const withCommands = (f: Fixture, commands: Command[]): Fixture => ({
  ...f,
  commands,
  steps: stepsOf(commands),
});

/** The storyboard's text with `from` replaced by `to` (a user's edit). */
const edited = (from: string, to: string): Fixture => {
  if (!STORYBOARD.includes(from)) throw new Error(`the storyboard has no "${from}"`);
  return fixture(STORYBOARD.replace(from, to));
};

const CASES: [string, () => Fixture][] = [
  ['the storyboard (modern)', () => storyboard('modern')],
  ['the storyboard (seeds)', () => storyboard('seeds')],
  ['hmm_cow_in_device (private)', () => conformance('hmm_cow_in_device.private.hmm')],
  ['anon_write_child_shared (coherent)', () => conformance('anon_write_child_shared.coherent.hmm')],
  ['free_on_2_to_1 (seeds)', () => conformance('free_on_2_to_1.seeds.hmm')],
  ['exclusive_cow (private)', () => conformance('exclusive_cow.private.hmm')],
];

describe('LabHost init', () => {
  it('runs every step and shows the last step of the last one', () => {
    const f = storyboard();
    const { reply } = started(f);
    expect(reply.v).toBe(3);
    expect(reply.opsFrom).toBe(0);
    expect(reply.ops.map((o) => o.command)).toEqual(f.commands);
    expect(reply.ops.map((o) => o.line)).toEqual(f.steps.map((s) => s.line));
    expect(reply.ops.every((o) => o.failures.length === 0)).toBe(true);
    expect(reply.opCount).toBe(f.commands.length);
    const last = reply.ops[reply.ops.length - 1]!;
    expect(reply.position).toEqual({ op: last.index, step: last.steps.length - 1 });
    expect(reply.snapshot.seq).toBe(last.firstSeq + last.steps.length);
    expect(reply.snapshot).toEqual(freshState(f, f.commands.length, 0, -1));
    expect(reply.ops.every((o) => o.ret === 0)).toBe(true);
    expect(reply.history).toBeNull();
  });

  it('with no steps shows the booted machine', () => {
    const { reply } = started(withCommands(storyboard(), []));
    expect(reply.position).toEqual({ op: -1, step: -1 });
    expect(reply.ops).toEqual([]);
    expect(reply.snapshot.seq).toBe(0);
  });

  it('reports the expectations that fail, with their lines', () => {
    const f = edited('  expect value app buf 42\napp open', '  expect value app buf 43\napp open');
    const { reply } = started(f);
    const write = reply.ops[1]!;
    expect(write.line).toBe(9);
    expect(write.failures).toEqual([{ line: 12, message: expect.stringMatching(/43/) as string }]);
    expect(reply.ops.filter((o) => o.failures.length > 0)).toEqual([write]);
    // A failing expectation is a result, not an error: the run goes on.
    expect(reply.opCount).toBe(f.commands.length);
  });

  it('lands at `at` when that position exists, else at the end', () => {
    const f = storyboard();
    const host = new LabHost();
    const end = host.init(f.spec, f.steps, null, null).position;
    const at = host.init(f.spec, f.steps, { op: 2, step: 0 }, null);
    expect(at.position).toEqual({ op: 2, step: 0 });
    expect(at.snapshot).toEqual(freshState(f, 2, 1, -1));
    expect(host.init(f.spec, f.steps, { op: -1, step: -1 }, null).position).toEqual({
      op: -1,
      step: -1,
    });
    for (const gone of [
      { op: 99, step: 0 },
      { op: 2, step: 999 },
      { op: 2, step: -2 },
      { op: -1, step: 0 },
    ])
      expect(host.init(f.spec, f.steps, gone, null).position).toEqual(end);
    // The same position in a shorter scenario: gone, so the end of that one.
    const short = withCommands(f, f.commands.slice(0, 2));
    const r = host.init(short.spec, short.steps, { op: 4, step: 0 }, null);
    expect(r.position).toEqual({ op: 1, step: r.ops[1]!.steps.length - 1 });
  });

  it('rejects a bad spec with the limit message', () => {
    const host = new LabHost();
    const f = storyboard();
    expect(() => host.init({ ...f.spec, ramPages: 0 }, [], null, null)).toThrow(
      'ram 0 is over the limit ramPages = 4194304',
    );
    expect(() =>
      host.init(
        { ...f.spec, devices: [{ name: 'gpu0', type: 'private', pages: 1e9 }] },
        [],
        null,
        null,
      ),
    ).toThrow(/devicePages/);
    expect(() => host.append(f.steps.slice(0, 1), null)).toThrow(/no machine yet/);
    expect(() => new LabHost({ checkpointEvery: 0 })).toThrow(/checkpointEvery/);
  });
});

describe('LabHost init keeps the prefix it already ran', () => {
  /** A fresh host's reply for `f`: what a reuse must be indistinguishable from. */
  const full = (f: Fixture): StateReply => started(f).reply;

  it('re-runs only the operations after an edit', () => {
    const host = new LabHost();
    const first = host.init(storyboard().spec, storyboard().steps, null, null);
    const f = edited('app read buf', 'app write buf 7');
    const runs = host.stats().opsRun;
    let r!: StateReply;
    const engine = enginesRuns(() => (r = host.init(f.spec, f.steps, null, null)));
    expect(host.stats().opsRun - runs).toBe(2); // the edited command and the one after it
    expect(engine).toBe(2); // K is 1 here: the machine before the edit is a checkpoint
    expect(r.opsFrom).toBe(5);
    expect(r.ops.map((o) => o.index)).toEqual([5, 6]);
    const fresh = full(f);
    expect(first.ops.slice(0, 5).concat(r.ops)).toEqual(fresh.ops);
    expect(r.snapshot).toEqual(fresh.snapshot);
    // And the kept timeline seeks like a fresh one.
    for (const [op, step] of [
      [0, 0],
      [4, 1],
      [5, 0],
      [6, -1],
    ] as const)
      expect(host.seek(op, step, null).snapshot).toEqual(freshState(f, op, step + 1, -1));
  });

  it('re-runs nothing when only lines moved, and sends the moved operations again', () => {
    const host = new LabHost();
    host.init(storyboard().spec, storyboard().steps, null, null);
    const f = edited('app read buf ', '# a comment\napp read buf ');
    let r!: StateReply;
    expect(enginesRuns(() => (r = host.init(f.spec, f.steps, null, null)))).toBe(0);
    expect(r.opsFrom).toBe(5);
    expect(r.ops.map((o) => o.line)).toEqual([25, 30]);
    expect(r.ops).toEqual(full(f).ops.slice(5));
  });

  it('moves the lines of failed expectations too', () => {
    const bad = (prefix: string): Fixture =>
      fixture(
        prefix +
          STORYBOARD.replace(
            '  expect value app buf 42\napp open',
            '  expect value app buf 9\napp open',
          ),
      );
    const host = new LabHost();
    host.init(bad('').spec, bad('').steps, null, null);
    const f = bad('# one\n# two\n');
    let r!: StateReply;
    expect(enginesRuns(() => (r = host.init(f.spec, f.steps, null, null)))).toBe(0);
    expect(r.opsFrom).toBe(0);
    expect(r.ops[1]!.failures.map((x) => x.line)).toEqual([14]);
    expect(r.ops).toEqual(full(f).ops);
  });

  it('the same scenario again runs nothing and sends no operations', () => {
    const f = storyboard();
    const { host, reply } = started(f);
    host.seek(1, 0, null);
    let r!: StateReply;
    expect(enginesRuns(() => (r = host.init(f.spec, f.steps, null, null)))).toBe(0);
    expect(r.opsFrom).toBe(r.opCount);
    expect(r.ops).toEqual([]);
    expect(r.snapshot).toEqual(reply.snapshot);
  });

  it('a changed expectation re-runs its command; a shorter scenario keeps its prefix', () => {
    const f = storyboard();
    const { host } = started(f);
    const g = edited('  expect cpages 1 faults 1', '  expect cpages 1 faults 2');
    const r = host.init(g.spec, g.steps, null, null);
    expect(r.opsFrom).toBe(3);
    expect(r.ops[0]!.failures).toHaveLength(1);
    const short = withCommands(g, g.commands.slice(0, 4));
    const s = host.init(short.spec, g.steps.slice(0, 4), null, null);
    expect(s.opsFrom).toBe(4);
    expect(s.opCount).toBe(4);
    expect(s.snapshot).toEqual(freshState(f, 4, 0, -1));
    // The live machine is its own: appending goes on from there like a fresh run.
    const a = host.append(f.steps.slice(4), null);
    expect(a.snapshot).toEqual(full(f).snapshot);
  });

  it('another machine runs everything again', () => {
    const f = storyboard();
    const { host } = started(f);
    const spec = { ...f.spec, ramPages: 65 };
    let r!: StateReply;
    expect(enginesRuns(() => (r = host.init(spec, f.steps, null, null)))).toBe(f.steps.length);
    expect(r.opsFrom).toBe(0);
    expect(r.snapshot.ramPages).toBe(65);
  });

  it('keeps the prefix of a long timeline with sparse checkpoints', () => {
    const f = storyboard();
    // mmap/write/read over and over: 40 operations, a checkpoint every 8.
    const loop = f.steps
      .slice(0, 2)
      .concat(Array.from({ length: 19 }, () => f.steps.slice(1, 3)).flat());
    const base = withCommands(
      f,
      loop.map((s) => s.command),
    );
    const host = new LabHost({ checkpointEvery: 8 });
    host.init(base.spec, base.steps, null, null);
    const g = withCommands(base, [...base.commands.slice(0, 21), f.commands[6]!]);
    let r!: StateReply;
    const engine = enginesRuns(() => (r = host.init(g.spec, g.steps, null, null)));
    // Operations 16..20 replayed from the checkpoint before 16, then the new one run.
    expect(engine).toBe(5 + 1);
    expect(r.opsFrom).toBe(21);
    expect(r.snapshot).toEqual(freshState(g, 22, 0, -1));
  });
});

describe('LabHost append', () => {
  it('runs steps at the end and sends only them', () => {
    const f = storyboard();
    const { host } = started(withCommands(f, f.commands.slice(0, 3)));
    const r = host.append(f.steps.slice(3, 5), null);
    expect(r.opsFrom).toBe(3);
    expect(r.opCount).toBe(5);
    expect(r.ops.map((o) => o.index)).toEqual([3, 4]);
    expect(r.ops.map((o) => o.line)).toEqual([f.steps[3]!.line, f.steps[4]!.line]);
    expect(r.position).toEqual({ op: 4, step: r.ops[1]!.steps.length - 1 });
    expect(r.snapshot).toEqual(freshState(f, 5, 0, -1));
    const none = host.append([], null);
    expect(none.opsFrom).toBe(5);
    expect(none.ops).toEqual([]);
    expect(none.snapshot).toEqual(r.snapshot);
  });

  it('lands at the end even after a seek back', () => {
    const f = storyboard();
    const { host } = started(withCommands(f, f.commands.slice(0, 3)));
    host.seek(0, 0, null);
    const r = host.append(f.steps.slice(3, 4), null);
    expect(r.position.op).toBe(3);
    expect(r.opsFrom).toBe(3);
  });

  it('keeps a kernel error as a result, with its errno', () => {
    const f = storyboard();
    const { host } = started(withCommands(f, f.commands.slice(0, 1)));
    const bad: Command = {
      op: 'cpu-read',
      proc: 'nobody',
      range: { kind: 'buf', buf: 'buf', first: 0, count: null },
    };
    const r = host.append(stepsOf([bad]), null);
    expect(r.ops[0]!.ret).toBe(-22);
    expect(r.ops[0]!.problem).toMatch(/nobody/);
    expect(r.opCount).toBe(2);
  });

  it('checks the expectations of appended steps', () => {
    const f = storyboard();
    const { host } = started(withCommands(f, f.commands.slice(0, 1)));
    const step = { ...f.steps[1]!, expects: [{ kind: 'ret' as const, code: -12, line: 0 }] };
    const r = host.append([step], null);
    expect(r.ops[0]!.failures).toEqual([{ line: 0, message: 'expected ret -ENOMEM, got 0' }]);
  });
});

describe('LabHost seek', () => {
  describe.each(CASES)('in %s', (_name, make) => {
    it.each([{}, { checkpointEvery: 2 }])(
      'shows, at every micro-step, the state a fresh run reaches there (%o)',
      (opts) => {
        const f = make();
        const { host, reply } = started(f, null, opts);
        const ref = reference(f.spec, f.commands);
        let checked = 0;
        for (const op of reply.ops) {
          for (let step = -1; step < op.steps.length; step++) {
            const r = host.seek(op.index, step, null);
            expect(r.position).toEqual({ op: op.index, step });
            expect(r.snapshot.seq).toBe(op.firstSeq + step + 1);
            expectSnapshot(r.snapshot, ref.ops[op.index]![step + 1]);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(f.commands.length);
      },
    );
  });

  it('replays at most one operation stepping forward and K stepping back', () => {
    const f = storyboard();
    const loop = Array.from({ length: 10 }, () => f.steps.slice(0, 5)).flat();
    // Fresh buffer names are not needed: a second mmap of `buf` fails, and that is fine too.
    const { host, reply } = started(
      { ...f, steps: loop, commands: loop.map((s) => s.command) },
      null,
      {
        checkpointEvery: 4,
      },
    );
    const replays = (op: number, step: number): number => {
      const before = host.stats().opsReplayed;
      host.seek(op, step, null);
      return host.stats().opsReplayed - before;
    };
    expect(replays(10, 0)).toBe(3); // ops 8 and 9 from the checkpoint before 8, then 10 up to step 0
    // Forward within the operation: the last replay goes on, nothing is replayed again.
    for (let s = 1; s < reply.ops[10]!.steps.length; s++) expect(replays(10, s)).toBe(0);
    expect(replays(11, 0)).toBe(1); // from the machine the finished replay of 10 left, 11 up to 0
    expect(replays(11, -1)).toBe(0);
    expect(replays(10, 0)).toBeLessThanOrEqual(4); // back: from the checkpoint before 8
    expect(replays(7, -1)).toBeLessThanOrEqual(4);
    expect(replays(8, -1)).toBe(0); // a checkpoint
    expect(replays(7, reply.ops[7]!.steps.length - 1)).toBe(0); // the last step of 7 is before 8
  });

  it('never continues a replay of operations an edit replaced', () => {
    const a = storyboard();
    const { host } = started(a);
    // A replay into the migration (op 4), kept running for the next step forward.
    host.seek(4, 0, null);
    // The edit changes op 1: op 4 is the same command on a different machine now.
    const b = edited('app write buf 42', 'app write buf 7');
    host.init(b.spec, b.steps, null, null);
    const ref = reference(b.spec, b.commands);
    const states = ref.ops[4]!;
    for (let step = 0; step + 1 < states.length; step++)
      expectSnapshot(host.seek(4, step, null).snapshot, states[step + 1]);
  });

  it('shows the live state at the end, and the live machine never moves', () => {
    const f = storyboard();
    const { host, reply } = started(f, null, { checkpointEvery: 2 });
    const end = reply.position;
    host.seek(0, -1, null);
    const back = host.seek(end.op, end.step, null);
    expect(back.snapshot).toEqual(reply.snapshot);
    expect(back.opsFrom).toBe(back.opCount);
    expect(back.ops).toEqual([]);
    // Seeking back does not truncate: appended steps still land after the last one.
    host.seek(1, 0, null);
    const r = host.append(f.steps.slice(0, 1), null);
    expect(r.opsFrom).toBe(f.commands.length);
  });

  it('to op -1 shows the booted machine', () => {
    const f = storyboard();
    const { host } = started(f);
    const r = host.seek(-1, -1, null);
    expect(r.position).toEqual({ op: -1, step: -1 });
    expect(r.snapshot).toEqual(freshState(f, 0, 0, -1));
  });
});

describe('LabHost checkpoints', () => {
  it('a small machine gets a checkpoint before every operation', () => {
    const { host } = started(storyboard());
    const s = host.stats();
    expect(s.checkpointEvery).toBe(1);
    expect(s.checkpoints).toBe(storyboard().steps.length - 1);
  });

  it('stay within the budget, K doubling as they fill it', () => {
    const f = storyboard();
    const loop = Array.from({ length: 20 }, () => f.steps.slice(0, 5)).flat();
    const lab = { ...f, steps: loop, commands: loop.map((s) => s.command) };
    const one = started(lab).host.stats();
    const budget = 10 * one.machineBytes;
    const { host, reply } = started(lab, null, { checkpointBudget: budget });
    const s = host.stats();
    expect(s.checkpointEvery).toBeGreaterThan(1);
    expect(s.checkpointBytes).toBeLessThanOrEqual(budget);
    expect(s.checkpoints).toBeGreaterThan(0);
    // Appending one at a time (no size known in advance) keeps it too.
    const h2 = started(withCommands(f, []), null, { checkpointBudget: budget }).host;
    for (const step of loop) h2.append([step], null);
    expect(h2.stats().checkpointBytes).toBeLessThanOrEqual(budget);
    expect(h2.stats().checkpointEvery).toBeGreaterThan(1);
    const last = reply.ops[reply.ops.length - 1]!;
    expect(h2.seek(50, 0, null).snapshot).toEqual(host.seek(50, 0, null).snapshot);
    expect(h2.seek(last.index, -1, null).snapshot).toEqual(
      host.seek(last.index, -1, null).snapshot,
    );
  });
});

describe('LabHost frame history', () => {
  /** The storyboard device's first frame: where the migrated page lands. */
  const devicePfn = (f: Fixture): number => started(f).reply.snapshot.devices[0]!.start;

  it("shows a device page's alloc (0 -> 1) and free (-> 0) in the modern model", () => {
    const f = storyboard('modern');
    const { host, reply } = started(f);
    const dev = reply.snapshot.devices[0]!.start;
    const h = host.watch(dev).history!;
    expect(h.pfn).toBe(dev);
    expect(h.initial).toEqual({ ref: 0, map: 0, pin: 0 });
    const refs = h.points.map((p) => p.ref);
    expect(refs[0]).toBe(1);
    expect(refs[refs.length - 1]).toBe(0);
    const migrate = reply.ops.find((o) => o.command.op === 'migrate-to-dev')!;
    const alloc = h.points[0]!;
    expect(alloc.op).toBe(migrate.index);
    expect(alloc.fn).toBe(migrate.steps[alloc.step]!.fn);
    expect(alloc.seq).toBe(migrate.firstSeq + alloc.step);
    const seqs = h.points.map((p) => p.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it('the seeds model parks a free device page at refcount 1', () => {
    const f = storyboard('seeds');
    const { host, reply } = started(f);
    const h = host.watch(reply.snapshot.devices[0]!.start).history!;
    expect(h.initial.ref).toBe(1);
    expect(h.points[h.points.length - 1]!.ref).toBe(1);
  });

  it('stops at the current position', () => {
    const f = storyboard();
    const watched = devicePfn(f);
    const { host, reply } = started(f, watched);
    const full = reply.history!;
    expect(full.points.length).toBeGreaterThan(1);
    const p = full.points[1]!;
    const r = host.seek(p.op, p.step - 1, watched);
    expect(r.history!.points).toEqual(full.points.slice(0, 1));
    expect(host.seek(p.op, p.step, watched).history!.points).toEqual(full.points.slice(0, 2));
    expect(host.seek(-1, -1, watched).history!.points).toEqual([]);
  });
});

describe('LabHost following a page', () => {
  const page = { proc: 'app', buf: 'buf', index: 0 };

  it("watches the frame the page maps at each position: RAM, the device's, RAM again", () => {
    const f = storyboard();
    const { host, reply } = started(f, page);
    const ops = reply.ops;
    const end = (op: string) => {
      const o = ops.find((x) => x.command.op === op)!;
      return host.seek(o.index, o.steps.length - 1, page);
    };
    const ramFrame = end('cpu-write').history!.pfn;
    expect(ramFrame).toBeLessThan(reply.snapshot.ramStart + reply.snapshot.ramPages);
    const dev = reply.snapshot.devices[0]!.start;
    const migrated = end('migrate-to-dev').history!;
    expect(migrated.pfn).toBe(dev);
    expect(migrated.points.at(-1)!.ref).toBe(1); // the device page, mapped once
    const back = end('cpu-read').history!;
    expect(back.pfn).not.toBe(dev);
    expect(back.pfn).toBeLessThan(dev);
    // Not mapped yet (before the write), and gone after munmap: no frame, no history.
    expect(host.seek(0, 0, page).history).toBeNull();
    expect(host.seek(ops.length - 1, ops.at(-1)!.steps.length - 1, page).history).toBeNull();
    // A page that does not exist here (another buffer, past its end, another process).
    for (const p of [
      { ...page, buf: 'x' },
      { ...page, index: 1 },
      { ...page, proc: 'nobody' },
    ])
      expect(host.watch(p).history).toBeNull();
  });

  it('refuses a page that is not one', () => {
    const { host } = started(storyboard());
    const bad = [
      { ...page, index: -1 },
      { ...page, index: 0.5 },
      { ...page, proc: 3 },
    ];
    for (const p of bad)
      expect(() => host.watch(p as typeof page)).toThrow(/cannot watch that page/);
  });
});

describe('LabHost errors', () => {
  it('a failing call leaves the state unchanged', () => {
    const f = storyboard();
    const { host } = started(f, 3);
    const before = host.seek(2, 0, 3);
    expect(() => host.fail(false)).toThrow('Injected failure: the engine threw inside the worker');
    expect(() => host.seek(99, 0, null)).toThrow(/no operation 99/);
    expect(() => host.seek(2, 999, null)).toThrow(/no step 999/);
    expect(() => host.seek(-1, 0, null)).toThrow(/no operation -1/);
    expect(() => host.watch(-5)).toThrow(/cannot watch/);
    expect(() => host.init(f.spec, f.steps, null, 1.5)).toThrow(/cannot watch/);
    expect(() => host.append(f.steps, -1)).toThrow(/cannot watch/);
    expect(() => host.init({ ...f.spec, ramPages: 0 }, [], null, null)).toThrow(/ramPages/);
    expect(host.watch(3)).toEqual(before);
  });

  it('an init whose engine throws names the command and line, and keeps the previous lab', () => {
    const f = storyboard();
    const { host } = started(f, 3, { checkpointEvery: 2 });
    const before = host.seek(2, 0, 3);
    const g = edited('app read buf', 'app write buf 7');
    hooks.throwOn = (cmd) => cmd.op === 'cpu-write' && cmd.value.offset === 7;
    expect(() => host.init(g.spec, g.steps, null, 3)).toThrow(
      'The engine threw on command 6 (cpu-write, line 24): boom',
    );
    expect(host.watch(3)).toEqual(before);
    expect(host.seek(6, -1, 3).snapshot).toEqual(freshState(f, 6, 0, -1));
    // Steps after the whole current timeline: they must not run on the live machine.
    const lab = host.init(f.spec, f.steps, null, 3);
    const range = { kind: 'buf', buf: 'b2', first: 0, count: null } as const;
    const more = stepsOf([
      {
        op: 'mmap',
        proc: 'app',
        buf: 'b2',
        pages: 2,
        backing: 'anon',
        file: null,
        shared: false,
        prot: 'rw',
      },
      { op: 'cpu-write', proc: 'app', range, value: { scale: 0, offset: 5 } },
      { op: 'cpu-read', proc: 'app', range },
    ]);
    hooks.throwOn = (cmd) => cmd.op === 'cpu-read';
    expect(() => host.init(f.spec, [...f.steps, ...more], null, 3)).toThrow(
      /command 10 \(cpu-read\): boom/,
    );
    expect(host.watch(3)).toEqual(lab);
    host.seek(2, 0, 3);
    // A fresh machine too.
    hooks.throwOn = (cmd) => cmd.op === 'open';
    expect(() => host.init({ ...f.spec, ramPages: 65 }, f.steps, null, 3)).toThrow(
      /command 3 \(open, line 13\): boom/,
    );
    expect(host.seek(2, 0, 3)).toEqual(before);
  });

  it('an append whose engine throws mid-command is undone, and the lab carries on', () => {
    const f = storyboard();
    const { host } = started(withCommands(f, f.commands.slice(0, 4)), 3, { checkpointEvery: 3 });
    const before = host.watch(3);
    hooks.throwOn = (cmd) => cmd.op === 'migrate-to-dev';
    expect(() => host.append(stepsOf(f.commands.slice(4)), 3)).toThrow(
      /command 5 \(migrate-to-dev\): boom; the state before it was restored/,
    );
    expect(host.watch(3)).toEqual(before);
    // And a later step that throws after others ran undoes them all.
    hooks.throwOn = (cmd) => cmd.op === 'munmap';
    expect(() => host.append(stepsOf(f.commands.slice(4)), 3)).toThrow(/command 7 \(munmap\)/);
    expect(host.watch(3)).toEqual(before);
    // The restored machine carries on exactly like one that never failed.
    const rest = f.commands.slice(4).map((cmd) => host.append(stepsOf([cmd]), null).snapshot);
    expect(rest[rest.length - 1]).toEqual(started(f).reply.snapshot);
    expect(host.seek(5, 0, null).snapshot).toEqual(freshState(f, 5, 1, -1));
  });

  it('refuses more commands than the limit, before running any', () => {
    const f = storyboard();
    const { host } = started(f);
    const many = Array.from({ length: 100_001 }, () => f.steps[0]!);
    expect(() => host.init(f.spec, many, null, null)).toThrow(/over the limit commands/);
    const some = Array.from({ length: 100_000 - 6 }, () => f.steps[0]!);
    expect(() => host.append(some, null)).toThrow(/commands 100001 is over the limit/);
  });

  it('every reply carries fresh snapshot buffers', () => {
    const f = storyboard();
    const { host } = started(f);
    const a = host.watch(null).snapshot;
    const b = host.watch(null).snapshot;
    expect(a.frames.ref).not.toBe(b.frames.ref);
    expect(a.frames.ref.buffer).not.toBe(b.frames.ref.buffer);
    expect(a).toEqual(b);
  });
});
