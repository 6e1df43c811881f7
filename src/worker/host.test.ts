import { describe, expect, it, vi } from 'vitest';
import type { Command } from '../engine/command';
import { Engine } from '../engine/engine';
import { takeSnapshot, type Snapshot } from '../engine/snapshot';
import { LabHost } from './host';
import type { StateReply } from './protocol';
import { machineAfter } from './replay';
import { fixture, storyboard, type Fixture } from './testFixtures';
import { runOp } from './timeline';

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

function started(f: Fixture, watch: number | null = null): { host: LabHost; reply: StateReply } {
  const host = new LabHost();
  return { host, reply: host.init(f.spec, f.commands, watch) };
}

/** The storyboard device's first frame: where the migrated page lands. */
function devicePfn(f: Fixture): number {
  return started(f).reply.snapshot.devices[0]!.start;
}

const CASES: [string, () => Fixture][] = [
  ['the storyboard (modern)', () => storyboard('modern')],
  ['the storyboard (seeds)', () => storyboard('seeds')],
  ['hmm_cow_in_device (private)', () => conformance('hmm_cow_in_device.private.hmm')],
  ['anon_write_child_shared (coherent)', () => conformance('anon_write_child_shared.coherent.hmm')],
  ['free_on_2_to_1 (seeds)', () => conformance('free_on_2_to_1.seeds.hmm')],
  ['exclusive_cow (private)', () => conformance('exclusive_cow.private.hmm')],
];

describe('LabHost', () => {
  it('init runs every command and shows the last step of the last one', () => {
    const f = storyboard();
    const { reply } = started(f);
    expect(reply.v).toBe(1);
    expect(reply.opsFrom).toBe(0);
    expect(reply.ops.map((o) => o.command)).toEqual(f.commands);
    expect(reply.opCount).toBe(f.commands.length);
    const last = reply.ops[reply.ops.length - 1]!;
    expect(reply.position).toEqual({ op: last.index, step: last.steps.length - 1 });
    expect(reply.snapshot.seq).toBe(last.firstSeq + last.steps.length);
    expect(reply.ops.every((o) => o.ret === 0)).toBe(true);
    expect(reply.history).toBeNull();
  });

  it('init with no commands shows the booted machine', () => {
    const { reply } = started({ ...storyboard(), commands: [] });
    expect(reply.position).toEqual({ op: -1, step: -1 });
    expect(reply.ops).toEqual([]);
    expect(reply.snapshot.seq).toBe(0);
  });

  it('run appends one operation and sends only it', () => {
    const f = storyboard();
    const { host } = started({ ...f, commands: f.commands.slice(0, 3) });
    const r = host.run(f.commands[3]!, null);
    expect(r.opsFrom).toBe(3);
    expect(r.opCount).toBe(4);
    expect(r.ops.map((o) => o.index)).toEqual([3]);
    expect(r.ops[0]!.command).toEqual(f.commands[3]);
    expect(r.position).toEqual({ op: 3, step: r.ops[0]!.steps.length - 1 });
    expect(r.snapshot).toEqual(freshState(f, 4, 0, -1));
  });

  it('a kernel error is a result: the operation is kept with its errno', () => {
    const f = storyboard();
    const { host } = started({ ...f, commands: f.commands.slice(0, 1) });
    const bad: Command = {
      op: 'cpu-read',
      proc: 'nobody',
      range: { kind: 'buf', buf: 'buf', first: 0, count: null },
    };
    const r = host.run(bad, null);
    expect(r.ops[0]!.ret).toBe(-22);
    expect(r.ops[0]!.problem).toMatch(/nobody/);
    expect(r.opCount).toBe(2);
  });

  describe.each(CASES)('seek in %s', (_name, make) => {
    it('shows, at every micro-step, the state a fresh run reaches there', () => {
      const f = make();
      const { host, reply } = started(f);
      let checked = 0;
      for (const op of reply.ops) {
        for (let step = -1; step < op.steps.length; step++) {
          const r = host.seek(op.index, step, null);
          expect(r.position).toEqual({ op: op.index, step });
          expect(r.snapshot.seq).toBe(op.firstSeq + step + 1);
          expect(r.snapshot).toEqual(freshState(f, op.index, step + 1, op.steps.length));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(f.commands.length);
    });

    it('replaying the last step of the last operation gives the live state', () => {
      const f = make();
      const c = Engine.create(f.spec);
      if (!c.ok) throw new Error(c.error);
      const recs = f.commands.map((cmd, i) => runOp(c.engine, cmd, i));
      const last = recs[recs.length - 1]!;
      const replayed = machineAfter(last, last.view.steps.length - 1);
      expect(takeSnapshot(replayed, c.engine.k.seq)).toEqual(
        takeSnapshot(c.engine.machine, c.engine.k.seq),
      );
    });
  });

  it('seek to the last step shows the live state, and the live engine never moves', () => {
    const f = storyboard();
    const { host, reply } = started(f);
    const end = reply.position;
    host.seek(0, -1, null);
    const back = host.seek(end.op, end.step, null);
    expect(back.snapshot).toEqual(reply.snapshot);
    expect(back.opsFrom).toBe(back.opCount);
    expect(back.ops).toEqual([]);
    // Seeking back does not truncate: a new command still lands after the last one.
    host.seek(1, 0, null);
    const r = host.run(f.commands[0]!, null);
    expect(r.opsFrom).toBe(f.commands.length);
  });

  it('seek to op -1 shows the booted machine', () => {
    const f = storyboard();
    const { host } = started(f);
    const r = host.seek(-1, -1, null);
    expect(r.position).toEqual({ op: -1, step: -1 });
    expect(r.snapshot).toEqual(freshState(f, 0, 0, -1));
  });

  it("a device page's history shows alloc (0 -> 1) and free (-> 0) in the modern model", () => {
    const f = storyboard('modern');
    const { host, reply } = started(f);
    const dev = reply.snapshot.devices[0]!.start;
    const h = host.watch(dev).history!;
    expect(h.pfn).toBe(dev);
    expect(h.initial).toEqual({ ref: 0, map: 0, pin: 0 });
    const refs = h.points.map((p) => p.ref);
    expect(refs[0]).toBe(1);
    expect(refs[refs.length - 1]).toBe(0);
    expect(Math.max(...refs)).toBeGreaterThanOrEqual(1);
    const migrate = reply.ops.find((o) => o.command.op === 'migrate-to-dev')!;
    const alloc = h.points[0]!;
    expect(alloc.op).toBe(migrate.index);
    expect(alloc.fn).toBe(migrate.steps[alloc.step]!.fn);
    expect(alloc.seq).toBe(migrate.firstSeq + alloc.step);
    // Points are in time order, one per step.
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

  it('history stops at the current position', () => {
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

  it('a failing call leaves the state unchanged', () => {
    const f = storyboard();
    const { host } = started(f, 3);
    const before = host.seek(2, 0, 3);
    expect(() => host.fail(false)).toThrow('Injected failure: the engine threw inside the worker');
    expect(() => host.seek(99, 0, null)).toThrow(/no operation 99/);
    expect(() => host.seek(2, 999, null)).toThrow(/no step 999/);
    expect(() => host.watch(-5)).toThrow(/cannot watch/);
    expect(() => host.init({ ...f.spec, ramPages: 0 }, [], null)).toThrow(/ramPages/);
    expect(host.watch(3)).toEqual(before);
  });

  it('an engine that throws mid-command is restored and the error names the command', () => {
    const f = storyboard();
    const { host } = started({ ...f, commands: f.commands.slice(0, 4) }, 3);
    const before = host.watch(3);
    // A bug half-way through: the first step runs (and changes the machine), then a throw.
    const spy = vi.spyOn(Engine.prototype, 'run').mockImplementationOnce(function (
      this: Engine,
      cmd,
    ) {
      this.execute(cmd).next();
      throw new Error('boom');
    });
    expect(() => host.run(f.commands[4]!, 3)).toThrow(
      /command 5 \(migrate-to-dev\): boom; the state before it was restored/,
    );
    spy.mockRestore();
    expect(host.watch(3)).toEqual(before);
    // And the restored engine carries on exactly like one that never failed.
    const rest = f.commands.slice(4).map((cmd) => host.run(cmd, null).snapshot);
    expect(rest[rest.length - 1]).toEqual(started(f).reply.snapshot);
  });

  it('init with a bad spec rejects with the limit message', () => {
    const host = new LabHost();
    const f = storyboard();
    expect(() => host.init({ ...f.spec, ramPages: 0 }, [], null)).toThrow(
      'ram 0 is over the limit ramPages = 4194304',
    );
    expect(() =>
      host.init({ ...f.spec, devices: [{ name: 'gpu0', type: 'private', pages: 1e9 }] }, [], null),
    ).toThrow(/devicePages/);
    expect(() => host.run(f.commands[0]!, null)).toThrow(/no machine yet/);
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
