import { describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { Command, MachineSpec } from '../engine/command';
import { LabCrashError, type LabConnection } from '../worker/client';
import { LabHost } from '../worker/host';
import type { StateReply } from '../worker/protocol';
import { storyboard } from '../worker/testFixtures';
import { createLabStore } from './labStore';
import { selectCurrentOp, selectCurrentStep } from './selectors';
import type { LabState } from './types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A client that runs a real LabHost in-process, with a delay per call and crashes on demand.
 * Like LabClient, it tells crash listeners before the pending call's rejection is seen.
 */
class FakeClient implements LabConnection {
  host = new LabHost();
  log: string[] = [];
  inits: Command[][] = [];
  delay: Partial<Record<string, number>> = {};
  /** The next call of this name crashes the "worker". */
  crashOn: string | null = null;
  private listeners = new Set<(reason: string) => void>();

  init(spec: MachineSpec, commands: Command[], watch: number | null) {
    this.inits.push(commands);
    return this.answer('init', () => this.host.init(spec, commands, watch));
  }
  run(command: Command, watch: number | null) {
    return this.answer('run', () => this.host.run(command, watch));
  }
  seek(op: number, step: number, watch: number | null) {
    return this.answer('seek', () => this.host.seek(op, step, watch));
  }
  watch(pfn: number | null) {
    return this.answer('watch', () => this.host.watch(pfn));
  }
  fail(fatal: boolean) {
    return this.answer('fail', () => this.host.fail(fatal));
  }
  onCrash(listener: (reason: string) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** The worker dies: a fresh, empty host takes its place. */
  crash(reason: string): void {
    this.host = new LabHost();
    this.listeners.forEach((l) => l(reason));
  }

  private async answer<T>(name: string, fn: () => T): Promise<T> {
    this.log.push(`${name}>`);
    await sleep(this.delay[name] ?? 0);
    if (this.crashOn === name) {
      this.crashOn = null;
      this.crash('boom');
      throw new LabCrashError('boom');
    }
    try {
      return fn();
    } finally {
      this.log.push(`<${name}`);
    }
  }
}

/** Resolves once the store has no request queued or running. */
function idle(store: StoreApi<LabState>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => store.getState().status === 'ready';
    if (done()) return resolve();
    const off = store.subscribe(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

async function lab(commands = storyboard().commands) {
  const f = storyboard();
  const client = new FakeClient();
  const store = createLabStore(client, f.spec, commands);
  expect(store.getState().status).toBe('starting');
  await idle(store);
  client.log = [];
  return { client, store, s: () => store.getState(), f };
}

const badRead: Command = {
  op: 'cpu-read',
  proc: 'nobody',
  range: { kind: 'buf', buf: 'buf', first: 0, count: null },
};

describe('the lab store', () => {
  it('boots the initial machine and its commands', async () => {
    const { s, f } = await lab();
    expect(s().status).toBe('ready');
    expect(s().spec).toEqual(f.spec);
    expect(s().commands).toEqual(f.commands);
    expect(s().ops).toHaveLength(f.commands.length);
    expect(s().snapshot).not.toBeNull();
    const last = s().ops[s().ops.length - 1]!;
    expect(s().position).toEqual({ op: last.index, step: last.steps.length - 1 });
    expect(selectCurrentOp(s())).toBe(last);
    expect(selectCurrentStep(s())).toBe(last.steps[last.steps.length - 1]);
    expect(s().lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(s().error).toBeNull();
  });

  it('run appends the command and merges the new operation after the kept ones', async () => {
    const f = storyboard();
    const { s, store } = await lab(f.commands.slice(0, 3));
    const before = s().ops;
    await store.getState().run(f.commands[3]!);
    expect(s().commands).toEqual(f.commands.slice(0, 4));
    expect(s().ops).toHaveLength(4);
    before.forEach((op, i) => expect(s().ops[i]).toBe(op));
    expect(s().ops[3]!.command).toEqual(f.commands[3]);
    expect(s().position!.op).toBe(3);
  });

  it('a kernel error is a result: the command is still appended, with no error banner', async () => {
    const { s, store, f } = await lab();
    await store.getState().run(badRead);
    expect(s().commands).toEqual([...f.commands, badRead]);
    expect(s().ops[s().ops.length - 1]!.ret).toBe(-22);
    expect(s().error).toBeNull();
  });

  it('serializes requests: each starts after the previous reply was applied', async () => {
    const { client, s, store, f } = await lab(storyboard().commands.slice(0, 4));
    client.delay = { seek: 30, run: 0 };
    const seen: string[] = [];
    store.subscribe((st, prev) => {
      if (st.position !== prev.position) seen.push(`${st.position!.op}.${st.position!.step}`);
    });
    const a = store.getState().seek(1, 0);
    const b = store.getState().run(f.commands[4]!);
    expect(s().status).toBe('busy');
    await Promise.all([a, b]);
    expect(client.log).toEqual(['seek>', '<seek', 'run>', '<run']);
    expect(seen[0]).toBe('1.0');
    expect(seen[seen.length - 1]).toBe(`4.${s().ops[4]!.steps.length - 1}`);
    expect(s().status).toBe('ready');
  });

  it('seek keeps the operations and moves the position; watch brings the history', async () => {
    const { s, store } = await lab();
    const ops = s().ops;
    await store.getState().seek(2, 0);
    expect(s().ops).toBe(ops);
    expect(s().position).toEqual({ op: 2, step: 0 });
    expect(selectCurrentStep(s())).toBe(ops[2]!.steps[0]);
    const pfn = s().snapshot!.devices[0]!.start;
    await store.getState().watch(pfn);
    expect(s().watched).toBe(pfn);
    expect(s().history?.pfn).toBe(pfn);
  });

  it('a worker-side error leaves the lab as it was and says so', async () => {
    const { s, store } = await lab();
    const { ops, commands, snapshot, position } = s();
    await store.getState().injectFailure(false);
    expect(s().error).toEqual({
      kind: 'worker',
      message: 'Injected failure: the engine threw inside the worker. The lab is unchanged.',
    });
    expect(s()).toMatchObject({ ops, commands, snapshot, position, status: 'ready' });
    store.getState().dismissError();
    expect(s().error).toBeNull();
  });

  it('a machine the engine refuses keeps the old one', async () => {
    const { s, store, f } = await lab();
    await store.getState().newMachine({ ...f.spec, ramPages: 0 });
    expect(s().error?.kind).toBe('worker');
    expect(s().error?.message).toMatch(
      /ram 0 is over the limit ramPages .*The lab is unchanged\.$/,
    );
    expect(s().spec).toEqual(f.spec);
    expect(s().commands).toEqual(f.commands);
  });

  it('newMachine replaces everything', async () => {
    const { s, store, f } = await lab();
    store.getState().select({ proc: 'app', buf: 'buf', first: 0, count: 1 });
    const spec = { ...f.spec, kernel: 'seeds' as const };
    await store.getState().newMachine(spec, f.commands.slice(0, 2));
    expect(s()).toMatchObject({
      spec,
      commands: f.commands.slice(0, 2),
      selection: null,
      watched: null,
    });
    expect(s().ops).toHaveLength(2);
    expect(s().snapshot!.kernel).toBe('seeds');
  });

  it('a crash during a run replays the accepted commands into the fresh worker', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'run';
    await store.getState().run(badRead);
    expect(client.inits[client.inits.length - 1]).toEqual(f.commands);
    expect(s().commands).toEqual(f.commands);
    expect(s().ops).toHaveLength(f.commands.length);
    expect(s().error).toEqual({
      kind: 'crash',
      message: `The engine worker stopped (boom). It was restarted and your ${f.commands.length} commands were replayed.`,
    });
    expect(s().status).toBe('ready');
    // The lab works on: the next run lands after the replayed operations.
    await store.getState().run(badRead);
    expect(s().ops).toHaveLength(f.commands.length + 1);
  });

  it('a crash between requests is healed on its own, back at the same position', async () => {
    const { client, s, store, f } = await lab();
    await store.getState().seek(2, 0);
    const snapshot = s().snapshot;
    client.crash('killed');
    expect(s().status).toBe('busy');
    await idle(store);
    expect(client.inits[client.inits.length - 1]).toEqual(f.commands);
    expect(s().position).toEqual({ op: 2, step: 0 });
    expect(s().snapshot).toEqual(snapshot);
    expect(s().error?.kind).toBe('crash');
    expect(s().error?.message).toMatch(/^The engine worker stopped \(killed\)\. It was restarted/);
  });

  it('a fatal injected failure is a crash the store recovers from', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'watch'; // the worker dies right after answering fail(true)
    await store.getState().injectFailure(true);
    expect(client.inits[client.inits.length - 1]).toEqual(f.commands);
    expect(s().error?.kind).toBe('crash');
    expect(s().ops).toHaveLength(f.commands.length);
  });

  it('a crash while replaying is reported, and the next action tries the replay again', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'run';
    client.delay = {};
    const run = store.getState().run(badRead);
    await sleep(0);
    // The replay itself dies too.
    const origInit = client.init.bind(client);
    let failInit = true;
    client.init = (spec, commands, watch): Promise<StateReply> => {
      if (!failInit) return origInit(spec, commands, watch);
      failInit = false;
      client.crashOn = 'init';
      return origInit(spec, commands, watch);
    };
    await run;
    expect(s().error?.message).toMatch(/replaying your \d+ commands failed/);
    await store.getState().seek(0, -1);
    expect(client.inits[client.inits.length - 1]).toEqual(f.commands);
    expect(s().position).toEqual({ op: 0, step: -1 });
    expect(s().error?.message).toMatch(/It was restarted and your \d+ commands were replayed/);
  });
});
