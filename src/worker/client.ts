/**
 * The page's side of the worker: starts it, checks the protocol version, and turns a dead or
 * silent worker into one `crash` (pending calls reject, a fresh worker starts, listeners hear
 * about it so the store can replay its scenario).
 *
 * A crash is either the worker's 'error' / 'messageerror' event, or a call with no answer
 * and no progress (a command started) within the watchdog time (an out-of-memory kill or an
 * endless loop says nothing at all). The worker says which command it starts (ProgressMessage),
 * so a crash carries the command it died on.
 */
import * as Comlink from 'comlink';
import type { MachineSpec } from '../engine/commands/terms';
import type { RunStep } from '../scenario/ast';
import type { ParseResult } from '../scenario/errors';
import type { OpView } from '../timeline/operations';
import type { Landing } from '../timeline/position';
import type { WatchTarget } from '../timeline/selection';
import type { FaultPlan } from '../engine/testing/faults';
import { isProgress, PROTOCOL_VERSION, type StateReply, type WorkerApi } from './protocol';

/** The replies the client hands over (the store imports nothing else of the worker). */
export type { StateReply } from './protocol';

/** What the client needs of a Worker; tests pass a fake built on a MessageChannel. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };
export type WorkerFactory = () => WorkerLike;

/** `Api` called across the worker boundary: each method answers through a promise. */
type Promised<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/**
 * What the store needs of the client (the store's tests fake this): the worker's calls it makes
 * (see WorkerApi and LabHostApi in protocol.ts), each answered through a promise, and crashes.
 */
export type LabConnection = Promised<
  Pick<WorkerApi, 'init' | 'append' | 'seek' | 'watch' | 'fail' | 'parse'>
> & {
  /**
   * Hear about every crash (after the fresh worker started); returns an unsubscribe. `op`: the
   * operation the dead worker had started last during the failed call (null: none).
   */
  onCrash(listener: (reason: string, op: number | null) => void): () => void;
};

/** The worker died or stopped answering; the call may or may not have run there. */
export class LabCrashError extends Error {
  readonly kind = 'crash';
  constructor(
    readonly reason: string,
    /** The operation the worker had started last during the call (null: none). */
    readonly op: number | null = null,
  ) {
    super(`The engine worker stopped (${reason})`);
    this.name = 'LabCrashError';
  }
}

/** Duck-typed, so fakes and errors from another realm count too. */
export function isCrash(
  e: unknown,
): e is { kind: 'crash'; reason?: string; op?: number | null; message: string } {
  return typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'crash';
}

export const DEFAULT_WATCHDOG_MS = 10_000;

// Vite finds the worker through this exact `new Worker(new URL(...))` shape: keep it literal.
const startWorker: WorkerFactory = () =>
  new Worker(new URL('./host.worker.ts', import.meta.url), { type: 'module' });

interface Running {
  worker: WorkerLike | null;
  remote: Comlink.Remote<WorkerApi> | null;
  /** Resolves once the worker has passed the version check. */
  ready: Promise<void>;
  /** It answered once: a later death is a crash worth a restart. */
  started: boolean;
  /** The operation it said it started last in the current call (ProgressMessage). */
  lastOp: number | null;
  /** When (performance.now) it last said it started a command: a long run that makes progress is not hung. */
  progressAt: number;
}

/** A worker that cannot be used: every call rejects with `error`. */
function unusable(error: Error): Running {
  const ready = Promise.reject(error);
  ready.catch(() => {}); // reported by each call, not as an unhandled rejection
  return { worker: null, remote: null, ready, started: false, lastOp: null, progressAt: 0 };
}

/** A reply with the operations it left in the worker fetched, part by part (StateReply.opsMore). */
async function whole(remote: Comlink.Remote<WorkerApi>, reply: StateReply): Promise<StateReply> {
  let more = reply.opsMore ?? 0;
  if (more <= 0) return reply;
  const ops: OpView[] = reply.ops.slice();
  while (more > 0) {
    const part = await remote.moreOps();
    if (part.length === 0) throw new Error(`a reply's last ${more} operations never came`);
    for (const op of part) ops.push(op);
    more -= part.length;
  }
  const { opsMore: _, ...rest } = reply;
  return { ...rest, ops };
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function eventReason(ev: Event): string {
  const msg = (ev as { message?: unknown }).message;
  return typeof msg === 'string' && msg !== '' ? msg : 'it reported an error';
}

export class LabClient implements LabConnection {
  private running: Running;
  private readonly pending = new Set<(e: Error) => void>();
  private readonly listeners = new Set<(reason: string, op: number | null) => void>();
  private closed = false;
  /** A test's injected fault: every fresh worker gets it too. */
  private plan: FaultPlan | null = null;

  constructor(
    private readonly factory: WorkerFactory = startWorker,
    private watchdogMs = DEFAULT_WATCHDOG_MS,
  ) {
    this.running = this.spawn();
  }

  /** How long a call may go unanswered before the worker counts as crashed (tests shorten it). */
  get watchdog(): number {
    return this.watchdogMs;
  }
  setWatchdog(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 10)) throw new Error(`watchdog ${ms} ms is not a time`);
    this.watchdogMs = ms;
  }

  /** Test hook: arm a fault in this worker and every later one (null clears it). */
  fault(plan: FaultPlan | null): Promise<void> {
    this.plan = plan;
    return this.call('fault', (r) => r.fault(plan));
  }

  /** Resolves when the worker is up and speaks our protocol. */
  ready(): Promise<void> {
    return this.call('the version check', () => Promise.resolve());
  }

  init(
    spec: MachineSpec,
    steps: RunStep[],
    at: Landing | null,
    watch: WatchTarget,
  ): Promise<StateReply> {
    return this.call('init', (r) => r.init(spec, steps, at, watch).then((x) => whole(r, x)));
  }
  append(steps: RunStep[], watch: WatchTarget): Promise<StateReply> {
    const what = steps.map((s) => s.command.op).join(', ');
    return this.call(`append ${what}`, (r) => r.append(steps, watch).then((x) => whole(r, x)));
  }
  seek(op: number, step: number, watch: WatchTarget): Promise<StateReply> {
    return this.call('seek', (r) => r.seek(op, step, watch));
  }
  watch(target: WatchTarget): Promise<StateReply> {
    return this.call('watch', (r) => r.watch(target));
  }
  fail(fatal: boolean): Promise<void> {
    return this.call('fail', (r) => r.fail(fatal));
  }
  parse(text: string): Promise<ParseResult> {
    // Comlink's Remote spreads the union into a union of promises: it is one promise.
    return this.call('parse', (r) => r.parse(text) as Promise<ParseResult>);
  }

  onCrash(listener: (reason: string, op: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop the worker for good; pending and later calls reject. */
  close(): void {
    this.closed = true;
    this.running.worker?.terminate();
    this.rejectPending(new Error('The lab client was closed'));
  }

  private spawn(): Running {
    let worker: WorkerLike;
    try {
      worker = this.factory();
    } catch (e) {
      return unusable(new Error(`The engine worker could not start: ${asError(e).message}`));
    }
    const remote = Comlink.wrap<WorkerApi>(worker);
    const running: Running = {
      worker,
      remote,
      ready: Promise.resolve(),
      started: false,
      lastOp: null,
      progressAt: 0,
    };
    running.ready = remote.version().then(async (v) => {
      if (v !== PROTOCOL_VERSION)
        throw new Error(
          `The engine worker speaks protocol v${v} but this page expects v${PROTOCOL_VERSION}: reload the page`,
        );
      running.started = true;
      if (this.plan) await remote.fault(this.plan);
    });
    // Comlink ignores messages without an id; these say which command the worker is on.
    worker.addEventListener('message', (ev) => {
      const data: unknown = (ev as MessageEvent).data;
      if (!isProgress(data)) return;
      running.lastOp = data.hmmLabProgress;
      running.progressAt = performance.now();
    });
    running.ready.catch(() => {}); // reported by each call
    worker.addEventListener('error', (ev) => this.crash(running, eventReason(ev)));
    worker.addEventListener('messageerror', () => this.crash(running, 'a reply could not be read'));
    return running;
  }

  /** One request, guarded by the watchdog. Waits for the version check first. */
  private call<T>(
    what: string,
    invoke: (remote: Comlink.Remote<WorkerApi>) => Promise<T>,
  ): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The lab client was closed'));
    const r = this.running;
    return new Promise<T>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        this.pending.delete(fail);
      };
      const fail = (e: Error): void => {
        settle();
        reject(e);
      };
      const ms = this.watchdogMs;
      // Hung: no answer and no new command started for `ms` (a long scenario that keeps
      // starting commands is working, not hung; one command that never ends is).
      const watch = (): void => {
        const quiet = performance.now() - Math.max(r.progressAt, started);
        if (quiet < ms) timer = setTimeout(watch, ms - quiet);
        else this.crash(r, `it stopped answering: no answer to ${what} within ${seconds(ms)}`);
      };
      const started = performance.now();
      let timer = setTimeout(watch, ms);
      this.pending.add(fail);
      r.ready
        .then(() => {
          if (!r.remote) throw new Error('The engine worker is not running');
          r.lastOp = null;
          return invoke(r.remote);
        })
        .then(
          (v) => {
            settle();
            resolve(v);
          },
          (e) => fail(asError(e)),
        );
    });
  }

  private crash(r: Running, reason: string): void {
    // A worker we already replaced may still fire events: only the current one counts.
    if (r !== this.running || this.closed) return;
    r.worker?.terminate();
    if (!r.started) {
      // It never answered (a script that fails to load, say): restarting would only loop.
      const e = new Error(`The engine worker could not start (${reason}): reload the page`);
      this.running = unusable(e);
      this.rejectPending(e);
      return;
    }
    const op = r.lastOp;
    this.running = this.spawn();
    this.rejectPending(new LabCrashError(reason, op));
    for (const l of [...this.listeners]) l(reason, op);
  }

  private rejectPending(e: Error): void {
    const all = [...this.pending];
    this.pending.clear();
    for (const fail of all) fail(e);
  }
}
