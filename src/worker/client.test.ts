import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabClient, LabCrashError, isCrash, type WorkerLike } from './client';
import { LabHost } from './host';
import { BENCH_MACHINE, benchScenario } from '../bench/seek';
import type { FaultPlan } from '../engine/testing/faults';
import { OPS_PART, type LabHostApi } from './protocol';
import { storyboard } from './testFixtures';
import { workerApi } from './workerApi';

/**
 * A Worker stand-in for Node: Comlink over a MessageChannel to an API object, plus the
 * 'error' event a real worker fires when it dies.
 */
/** The worker's API as the fake serves it: a method may also answer late, or never. */
type FakeApi = { [K in keyof LabHostApi]?: (...args: Parameters<LabHostApi[K]>) => unknown };

class FakeWorker implements WorkerLike {
  private readonly channel = new MessageChannel();
  private readonly events = new EventTarget();
  terminated = false;

  constructor(api: FakeApi) {
    Comlink.expose(api, this.channel.port2);
  }
  postMessage(msg: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.channel.port1.postMessage(msg, transfer);
  }
  addEventListener(type: string, l: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.channel.port1.addEventListener(type, l);
    else this.events.addEventListener(type, l);
  }
  removeEventListener(type: string, l: EventListenerOrEventListenerObject): void {
    if (type === 'message') this.channel.port1.removeEventListener(type, l);
    else this.events.removeEventListener(type, l);
  }
  start(): void {
    this.channel.port1.start();
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
    this.channel.port2.close();
  }
  /** A message from the worker's side outside Comlink (a progress message). */
  post(data: unknown): void {
    this.channel.port2.postMessage(data);
  }
  /** What the browser does when the worker throws an uncaught error. */
  die(message: string): void {
    this.events.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** A factory that records its workers; `make` builds the API of the n-th one. */
function factory(make: (n: number) => FakeApi) {
  const workers: FakeWorker[] = [];
  const start = (): FakeWorker => {
    const w = new FakeWorker(make(workers.length));
    workers.push(w);
    return w;
  };
  return { workers, start };
}

const realApi = (): LabHostApi => workerApi(new LabHost(), () => {});

let clients: LabClient[] = [];
function client(...args: ConstructorParameters<typeof LabClient>): LabClient {
  const c = new LabClient(...args);
  clients.push(c);
  return c;
}
afterEach(() => {
  clients.forEach((c) => c.close());
  clients = [];
});

describe('LabClient', () => {
  it('checks the protocol version, then answers with replies and transferred snapshots', async () => {
    const f = factory(realApi);
    const c = client(f.start);
    await c.ready();
    const s = storyboard();
    const r = await c.init(s.spec, s.steps, null, null);
    expect(r.opCount).toBe(s.steps.length);
    expect(r.v).toBe(3);
    expect(r.snapshot.frames.ref).toBeInstanceOf(Int32Array);
    const seek = await c.seek(0, -1, null);
    expect(seek.position).toEqual({ op: 0, step: -1 });
    const more = await c.append(s.steps.slice(0, 2), null);
    expect([more.opsFrom, more.opCount, more.ops.length]).toEqual([
      s.steps.length,
      s.steps.length + 2,
      2,
    ]);
    // The scenario again (without the two appended steps), landing on a step: nothing re-runs.
    const again = await c.init(s.spec, s.steps, { op: 1, step: 0 }, null);
    expect([again.opsFrom, again.opCount, again.ops.length]).toEqual([
      s.steps.length,
      s.steps.length,
      0,
    ]);
    expect(again.position).toEqual({ op: 1, step: 0 });
    expect(f.workers).toHaveLength(1);
  });

  it('refuses a worker that speaks another protocol version', async () => {
    const f = factory(() => ({ ...realApi(), version: () => 1 }));
    const c = client(f.start);
    const err: unknown = await c.init(storyboard().spec, [], null, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/protocol v1 but this page expects v3/);
    expect(isCrash(err)).toBe(false);
  });

  it('passes a worker-side Error through as it is, without a restart', async () => {
    const f = factory(realApi);
    const c = client(f.start);
    await expect(c.fail(false)).rejects.toThrow(
      'Injected failure: the engine threw inside the worker',
    );
    await expect(c.append(storyboard().steps.slice(0, 1), null)).rejects.toThrow(/no machine yet/);
    expect(f.workers).toHaveLength(1);
  });

  it("a worker's 'error' event rejects pending calls as a crash and starts a fresh worker", async () => {
    // The first worker never finishes an append or a seek; the second is healthy.
    const f = factory((n) => (n === 0 ? { ...realApi(), append: never, seek: never } : realApi()));
    const c = client(f.start);
    const heard: string[] = [];
    c.onCrash((reason) => heard.push(reason));
    const s = storyboard();
    await c.init(s.spec, [], null, null);
    const a = c.append(s.steps.slice(0, 1), null).catch((e: unknown) => e);
    const b = c.seek(-1, -1, null).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    f.workers[0]!.die('out of memory');
    for (const err of [await a, await b]) {
      expect(err).toBeInstanceOf(LabCrashError);
      expect(isCrash(err)).toBe(true);
      expect((err as LabCrashError).reason).toBe('out of memory');
    }
    expect(heard).toEqual(['out of memory']);
    expect(f.workers[0]!.terminated).toBe(true);
    expect(f.workers).toHaveLength(2);
    // The fresh worker is empty until the caller replays into it.
    await expect(c.watch(null)).rejects.toThrow(/no machine yet/);
    expect((await c.init(s.spec, s.steps, null, null)).opCount).toBe(s.steps.length);
    // The dead worker's late events change nothing.
    f.workers[0]!.die('again');
    expect(heard).toHaveLength(1);
    expect(f.workers).toHaveLength(2);
  });

  it('a call with no answer within the watchdog time counts as a crash', async () => {
    const f = factory((n) => (n === 0 ? { ...realApi(), init: never } : realApi()));
    const c = client(f.start, 50);
    const heard: string[] = [];
    c.onCrash((reason) => heard.push(reason));
    const err: unknown = await c.init(storyboard().spec, [], null, null).catch((e: unknown) => e);
    expect(isCrash(err)).toBe(true);
    expect((err as Error).message).toBe(
      'The engine worker stopped (it stopped answering: no answer to init within 0.05 s)',
    );
    expect(heard).toHaveLength(1);
    expect(f.workers).toHaveLength(2);
    expect(f.workers[0]!.terminated).toBe(true);
    expect((await c.init(storyboard().spec, [], null, null)).opCount).toBe(0);
  });

  it('a worker that dies before it ever answered is not restarted in a loop', async () => {
    const f = factory(() => ({ ...realApi(), version: never }));
    const c = client(f.start);
    const heard: string[] = [];
    c.onCrash((reason) => heard.push(reason));
    const p = c.init(storyboard().spec, [], null, null).catch((e: unknown) => e);
    f.workers[0]!.die('SyntaxError in host.worker.ts');
    const err = await p;
    expect(isCrash(err)).toBe(false);
    expect((err as Error).message).toMatch(/could not start \(SyntaxError in host.worker.ts\)/);
    expect(f.workers).toHaveLength(1);
    expect(heard).toEqual([]);
    await expect(c.watch(null)).rejects.toThrow(/could not start/);
  });

  it('fail(true) answers first, then the worker dies', async () => {
    let died = false;
    const f = factory(() => workerApi(new LabHost(), () => (died = true)));
    const c = client(f.start);
    // It answers (a worker that died first would reject the call as a crash) ...
    await expect(c.fail(true)).resolves.toBeUndefined();
    // ... and then dies (whether before or after the answer reached us is up to the scheduler).
    await vi.waitFor(() => expect(died).toBe(true));
  });

  it('a runaway engine: the watchdog (settable) names the command the worker had started', async () => {
    // The first worker starts command 3 of an append (its progress message), then never answers.
    const f = factory((n) =>
      n === 0
        ? {
            ...realApi(),
            append: () => {
              f.workers[0]!.post({ hmmLabProgress: 3 });
              return never();
            },
          }
        : realApi(),
    );
    const c = client(f.start);
    c.setWatchdog(100);
    expect(c.watchdog).toBe(100);
    expect(() => c.setWatchdog(Number.NaN)).toThrow(/not a time/);
    const heard: [string, number | null][] = [];
    c.onCrash((reason, op) => heard.push([reason, op]));
    const s = storyboard();
    await c.init(s.spec, s.steps.slice(0, 3), null, null);
    const err: unknown = await c.append(s.steps.slice(3, 4), null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabCrashError);
    expect((err as LabCrashError).op).toBe(3);
    expect(heard).toEqual([
      [`it stopped answering: no answer to append ${s.steps[3]!.command.op} within 0.1 s`, 3],
    ]);
    expect(f.workers[0]!.terminated).toBe(true);
    expect(f.workers).toHaveLength(2);
  });

  it('an armed fault goes to every fresh worker, so a restarted worker meets it again', async () => {
    const plans: [number, FaultPlan | null][] = [];
    const f = factory((n) => ({
      ...realApi(),
      fault: (p: FaultPlan | null) => void plans.push([n, p]),
    }));
    const c = client(f.start);
    const plan: FaultPlan = { kind: 'hang', op: 'cpu-inc' };
    await c.fault(plan);
    f.workers[0]!.die('killed');
    await c.ready();
    // The last plan each worker heard (the first may hear it twice: at start and from fault()).
    const last = (n: number) => plans.filter(([w]) => w === n).at(-1)?.[1];
    expect([last(0), last(1)]).toEqual([plan, plan]);
    await c.fault(null);
    f.workers[1]!.die('killed');
    await c.ready();
    expect([last(1), last(2)]).toEqual([null, undefined]);
  });

  it('an injected throw on a command is an Error, not a crash; the host is as it was', async () => {
    const f = factory(realApi);
    const c = client(f.start);
    const s = storyboard();
    await c.init(s.spec, s.steps.slice(0, 3), null, null);
    await c.fault({ kind: 'throw', op: s.steps[3]!.command.op });
    await expect(c.append(s.steps.slice(3, 4), null)).rejects.toThrow(
      /Injected fault: the engine threw on/,
    );
    await c.fault(null);
    expect((await c.append(s.steps.slice(3, 4), null)).opCount).toBe(4);
    expect(f.workers).toHaveLength(1);
  });

  it('a large reply comes in parts, put back together before anyone sees it', async () => {
    const f = factory(realApi);
    const c = client(f.start);
    const steps = benchScenario(OPS_PART * 2 + 7).map((command) => ({
      command,
      expects: [],
      line: 0,
    }));
    const host = new LabHost();
    const direct = host.init(BENCH_MACHINE, steps, { op: 3, step: 0 }, null);
    const r = await c.init(BENCH_MACHINE, steps, { op: 3, step: 0 }, null);
    expect(r.opsMore).toBeUndefined();
    expect(r.ops).toHaveLength(steps.length);
    expect(r.ops).toEqual(direct.ops);
    expect(r.position).toEqual({ op: 3, step: 0 });
    // A small reply after it is whole at once.
    const more = await c.append(steps.slice(0, 2), null);
    expect([more.opsFrom, more.ops.length, more.opsMore]).toEqual([steps.length, 2, undefined]);
  });

  it('parses a scenario text in the worker', async () => {
    const c = client(factory(realApi).start);
    const r = await c.parse('kernel modern\nram 4\nprocess app\napp mmap b 1\n');
    expect(r.ok && r.scenario.steps.length).toBe(1);
    const bad = await c.parse('ram x\n');
    expect(bad.ok).toBe(false);
  });

  it('a long call that keeps starting commands is working, not hung: the watchdog waits', async () => {
    // Starts a command every 30 ms for 300 ms, then answers: three times the watchdog in all.
    const f = factory(() => ({
      ...realApi(),
      init: async () => {
        for (let op = 0; op < 10; op++) {
          f.workers[0]!.post({ hmmLabProgress: op });
          await new Promise((r) => setTimeout(r, 30));
        }
        return host.init(s.spec, [], null, null);
      },
    }));
    const host = new LabHost();
    const s = storyboard();
    const c = client(f.start, 100);
    const r = await c.init(s.spec, [], null, null);
    expect(r.opCount).toBe(0);
    expect(f.workers).toHaveLength(1);
  });
});
