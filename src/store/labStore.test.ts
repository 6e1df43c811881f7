import { describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import { STORYBOARD } from '../scenario/examples';
import { parse } from '../scenario/parse';
import { LabCrashError, type LabConnection } from '../worker/client';
import { LabHost } from '../worker/host';
import type { RunStep } from '../scenario/ast';
import { endPosition, stepInto, stepOver } from '../timeline/navigation';
import type { Landing } from '../timeline/position';
import type { WatchTarget } from '../timeline/selection';
import type { StateReply } from '../worker/protocol';
import { storyboard } from '../worker/testFixtures';
import { createLabStore } from './labStore';
import { EDIT_PAUSE_MS, PARSE_IN_WORKER_CHARS } from './scenarioSlice';
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
  inits: RunStep[][] = [];
  delay: Partial<Record<string, number>> = {};
  /** The next call of this name crashes the "worker". */
  crashOn: string | null = null;
  private listeners = new Set<(reason: string, op: number | null) => void>();

  init(spec: MachineSpec, steps: RunStep[], at: Landing | null, watch: WatchTarget) {
    this.inits.push(steps);
    return this.answer('init', () => this.host.init(spec, steps, at, watch));
  }
  append(steps: RunStep[], watch: WatchTarget) {
    return this.answer('append', () => this.host.append(steps, watch));
  }
  seek(op: number, step: number, watch: WatchTarget) {
    return this.answer('seek', () => this.host.seek(op, step, watch));
  }
  watch(pfn: WatchTarget) {
    return this.answer('watch', () => this.host.watch(pfn));
  }
  fail(fatal: boolean) {
    return this.answer('fail', () => this.host.fail(fatal));
  }
  parse(text: string) {
    return this.answer('parse', () => parse(text));
  }
  onCrash(listener: (reason: string, op: number | null) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** The worker dies: a fresh, empty host takes its place. */
  crash(reason: string, op: number | null = null): void {
    this.host = new LabHost();
    this.listeners.forEach((l) => l(reason, op));
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

/** The storyboard's text with only its first `n` commands. */
function firstCommands(n: number): string {
  const lines = STORYBOARD.split('\n');
  let seen = 0;
  const out: string[] = [];
  for (const l of lines) {
    const isCommand =
      /^[a-z]\S* \S/.test(l) && !/^(title|kernel|platform|ram|device|process) /.test(l);
    if (isCommand) seen++;
    if (seen > n) break;
    out.push(l);
  }
  return `${out.join('\n')}\n`;
}

async function lab(text = STORYBOARD) {
  const f = storyboard();
  const client = new FakeClient();
  const store = createLabStore(client, { text });
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
  it('runs the initial text and lands at its end', async () => {
    const { s, f } = await lab();
    expect(s().status).toBe('ready');
    expect(s().spec).toEqual(f.spec);
    expect(s().steps).toEqual(f.steps);
    expect(s().title).toBe('One page to the GPU and back');
    expect(s().ops).toHaveLength(f.commands.length);
    expect(s().snapshot).not.toBeNull();
    const last = s().ops[s().ops.length - 1]!;
    expect(s().position).toEqual({ op: last.index, step: last.steps.length - 1 });
    expect(selectCurrentOp(s())).toBe(last);
    expect(selectCurrentStep(s())).toBe(last.steps[last.steps.length - 1]);
    expect(s().lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(s().error).toBeNull();
    expect(s().textErrors).toEqual([]);
  });

  it('a clicked command appends its line to the text and one operation to the timeline', async () => {
    const f = storyboard();
    const { s, store, client } = await lab(firstCommands(3));
    const before = s().ops;
    await store.getState().run(f.commands[3]!);
    expect(client.log).toEqual(['append>', '<append']);
    expect(s().ops).toHaveLength(4);
    before.forEach((op, i) => expect(s().ops[i]).toBe(op));
    expect(s().ops[3]!.command).toEqual(f.commands[3]);
    expect(s().position!.op).toBe(3);
    // The text now holds the command, at the line the operation says.
    const line = s().ops[3]!.line;
    expect(s().text.split('\n')[line - 1]).toMatch(/^gpu0 read buf/);
    expect(s().steps.map((x) => x.command)).toEqual(f.commands.slice(0, 4));
  });

  it('a kernel error is a result: the line is still appended, with no error banner', async () => {
    const { s, store, f } = await lab();
    await store.getState().run(badRead);
    expect(s().steps.map((x) => x.command)).toEqual([...f.commands, badRead]);
    expect(s().ops[s().ops.length - 1]!.problem).toMatch(/nobody/);
    expect(s().text).toMatch(/nobody read buf\n$/);
    expect(s().error).toBeNull();
  });

  it('an edit runs after a pause, keeping the unchanged prefix, and lands at the end of what changed', async () => {
    const { s, store, client } = await lab();
    await store.getState().seek(1, 1);
    expect(s().error).toBeNull();
    const ops = s().ops;
    const text = s().text.replace(/^app read buf(.*)$/m, 'app read buf$1\napp read buf');
    const inserted = s().steps.findIndex((x) => x.command.op === 'cpu-read') + 1;
    store.getState().setText(text);
    expect(s().textPending).toBe(true);
    expect(client.log).toEqual(['seek>', '<seek']);
    await sleep(EDIT_PAUSE_MS + 20);
    await idle(store);
    expect(s().textPending).toBe(false);
    expect(s().ops).toHaveLength(ops.length + 1);
    expect(s().position).toEqual(endPosition(s().ops.slice(0, inserted + 1)));
    expect(s().ops[0]).toBe(ops[0]); // kept, not re-run
    expect(client.log.filter((l) => l === 'init>')).toHaveLength(1);
    // An edit that changes no command (a comment) leaves the views where they are.
    await store.getState().seek(1, 0);
    store.getState().setText(`# a comment\n${s().text}`);
    await store.getState().flushText();
    await idle(store);
    expect(s().position).toEqual({ op: 1, step: 0 });
  });

  it('a text with errors runs the commands above the first one, says where, and refuses clicks until fixed', async () => {
    const { s, store, client } = await lab();
    const { ops, snapshot } = s();
    const inits = () => client.log.filter((l) => l === 'init>').length;
    const before = inits();
    store.getState().setText(`${s().text}app frobnicate buf\n`);
    await store.getState().flushText();
    expect(s().textErrors).toHaveLength(1);
    const line = s().text.trimEnd().split('\n').length;
    expect(s().textErrors[0]!.line).toBe(line);
    expect(s().error?.kind).toBe('scenario');
    expect(s().error?.message).toMatch(
      new RegExp(`line ${line}.*runs the ${ops.length} commands above line ${line}\\.$`),
    );
    // What runs is what ran: the worker is not asked again.
    expect(inits()).toBe(before);
    expect(s().ops).toBe(ops);
    expect(s().snapshot).toBe(snapshot);
    await store.getState().run(badRead);
    expect(s().ops).toBe(ops);
    // Fixed: the banner goes and the text runs.
    store.getState().setText(s().text.replace('frobnicate', 'read'));
    await store.getState().flushText();
    await idle(store);
    expect(s().textErrors).toEqual([]);
    expect(s().error).toBeNull();
    expect(s().ops).toHaveLength(ops.length + 1);
  });

  it('load lands where it is told, with the selection, watched frame and banner', async () => {
    const { s, store } = await lab(firstCommands(1));
    const banner = { kind: 'notice' as const, message: 'Opened it.' };
    const selection = { proc: 'app', buf: 'buf', first: 0, count: 1 };
    await store
      .getState()
      .load(STORYBOARD, { at: { op: 2, step: 0 }, selection, watched: 1, banner });
    expect(s().position).toEqual({ op: 2, step: 0 });
    expect(s().selection).toEqual(selection);
    expect(s().watched).toBe(1);
    expect(s().history?.pfn).toBe(1);
    expect(s().error).toEqual(banner);
    // A step that does not exist lands at the end and says so.
    await store.getState().load(firstCommands(2), { at: { op: 9, step: 3 } });
    expect(s().position).toEqual(endPosition(s().ops));
    expect(s().error?.message).toMatch(/no step 10\.4.*end/);
  });

  it('load lands at the end of an operation, and says when a preset link asked for no step', async () => {
    const { s, store } = await lab(firstCommands(1));
    const banner = { kind: 'notice' as const, message: 'Opened the preset.' };
    const missingStep = { kind: 'link' as const, message: 'The preset has no step 9.4.' };
    await store.getState().load(STORYBOARD, { at: { endOf: 1 }, banner, missingStep });
    expect(s().position).toEqual({ op: 1, step: s().ops[1]!.steps.length - 1 });
    expect(s().error).toEqual(banner);
    await store.getState().load(STORYBOARD, { at: { op: 8, step: 3 }, banner, missingStep });
    expect(s().position).toEqual(endPosition(s().ops));
    expect(s().error).toEqual(missingStep);
    // A step past the end of an operation that exists is missing too.
    await store.getState().load(STORYBOARD, { at: { op: 1, step: 999 }, banner, missingStep });
    expect(s().error).toEqual(missingStep);
    await store.getState().load(STORYBOARD, { at: { endOf: 99 }, banner, missingStep });
    expect(s().error).toEqual(missingStep);
    // Without one, an operation past the end says so in the lab's own words.
    await store.getState().load(STORYBOARD, { at: { endOf: 99 } });
    expect(s().error?.message).toBe('The scenario has no operation 100: showing its end.');
  });

  it('steps move from the last requested position, and queued seeks coalesce', async () => {
    const { s, store, client } = await lab();
    await store.getState().step('start');
    client.log = [];
    client.delay = { seek: 20 };
    const moves = Array.from({ length: 6 }, () => store.getState().step('into'));
    await Promise.all(moves);
    let want = { op: -1, step: -1 };
    for (let i = 0; i < 6; i++) want = stepInto(s().ops, want);
    expect(s().position).toEqual(want);
    // Seeks queued behind one another fold into one: at most the first and the last run.
    expect(client.log.filter((l) => l === 'seek>').length).toBeLessThanOrEqual(2);
    await store.getState().step('end');
    expect(s().position).toEqual(endPosition(s().ops));
    await store.getState().step('backOver');
    expect(s().position).toEqual(endPosition(s().ops.slice(0, -1)));
  });

  it('run to a line shows the end of the command on or before it', async () => {
    const { s, store } = await lab();
    const op = s().ops[1]!; // app write, with expectations under it
    await store.getState().runToLine(op.line + 2);
    expect(s().position).toEqual({ op: 1, step: op.steps.length - 1 });
    await store.getState().runToLine(1);
    expect(s().position).toEqual({ op: -1, step: -1 });
  });

  it('predict-then-reveal: a step forward asks first, the next one moves and reveals', async () => {
    const { s, store } = await lab();
    await store.getState().step('start');
    store.getState().setPredict(true);
    await store.getState().step('into');
    expect(s().position).toEqual({ op: -1, step: -1 }); // asked, not moved
    expect(s().predict.phase).toBe('asking');
    store.getState().guess({ where: 'ram', ref: 1 });
    expect(s().predict.guess).toEqual({ where: 'ram', ref: 1 });
    // The question is about the next operation: the reveal lands at its end.
    await store.getState().step('into');
    expect(s().position).toEqual(stepOver(s().ops, { op: -1, step: -1 }));
    expect(s().predict.phase).toBe('revealed');
    expect(s().predict.guess).toEqual({ where: 'ram', ref: 1 }); // kept to compare with the answer
    await store.getState().step('over');
    expect(s().predict.phase).toBe('asking');
    const asked = s().position;
    // Stepping back cancels the question and moves.
    await store.getState().step('backInto');
    expect(s().predict.phase).toBe('idle');
    expect(s().position).not.toEqual(asked);
    store.getState().setPredict(false);
    await store.getState().step('into');
    expect(s().predict.phase).toBe('idle');
    expect(s().position).toEqual(asked);
    // Asking about micro-steps instead: the reveal moves one micro-step.
    store.getState().setPredictUnit('step');
    store.getState().setPredict(true);
    const at = s().position ?? { op: -1, step: -1 };
    await store.getState().step('into');
    await store.getState().step('into');
    expect(s().position).toEqual(stepInto(s().ops, at));
    expect(s().predict.unit).toBe('step');
  });

  it('plays to the end and stops', async () => {
    const { s, store } = await lab();
    const ops = s().ops;
    const nearEnd = ops[ops.length - 1]!;
    await store.getState().seek(nearEnd.index, Math.max(0, nearEnd.steps.length - 3));
    for (let i = 0; i < 10; i++) store.getState().changeSpeed(1);
    store.getState().setPlaying(true);
    await new Promise<void>((resolve) => {
      const off = store.subscribe((st) => {
        if (!st.playing) {
          off();
          resolve();
        }
      });
    });
    await idle(store);
    expect(s().position).toEqual(endPosition(ops));
  });

  it('plays at its speed even when each reply takes part of a period', async () => {
    const { s, store, client } = await lab();
    await store.getState().step('start');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      while (s().speed !== 8) store.getState().changeSpeed(s().speed < 8 ? 1 : -1);
      // 125 ms a step at 8/s; each seek answers after 50 ms.
      client.delay = { seek: 50 };
      let moves = 0;
      const off = store.subscribe((st, prev) => {
        if (st.position !== prev.position) moves++;
      });
      store.getState().setPlaying(true);
      await vi.advanceTimersByTimeAsync(1000);
      store.getState().setPlaying(false);
      off();
      // Steps due at 0, 125, ..., 875 ms: 8 shown in the first second (waiting a period after
      // each reply would show 6: one every 175 ms).
      expect(moves).toBeGreaterThanOrEqual(8);
      expect(moves).toBeLessThanOrEqual(9);
      await vi.advanceTimersByTimeAsync(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('serializes requests: each starts after the previous reply was applied', async () => {
    const f = storyboard();
    const { client, s, store } = await lab(firstCommands(4));
    client.delay = { seek: 30 };
    const seen: string[] = [];
    store.subscribe((st, prev) => {
      if (st.position !== prev.position) seen.push(`${st.position!.op}.${st.position!.step}`);
    });
    const a = store.getState().seek(1, 0);
    const b = store.getState().run(f.commands[4]!);
    expect(s().status).toBe('busy');
    await Promise.all([a, b]);
    expect(client.log).toEqual(['seek>', '<seek', 'append>', '<append']);
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
    const { ops, steps, snapshot, position } = s();
    await store.getState().injectFailure(false);
    expect(s().error).toEqual({
      kind: 'worker',
      message: 'Injected failure: the engine threw inside the worker. The lab is unchanged.',
    });
    expect(s()).toMatchObject({ ops, steps, snapshot, position, status: 'ready' });
    store.getState().dismissError();
    expect(s().error).toBeNull();
  });

  it('a machine the format refuses keeps the old one running', async () => {
    const { s, store, f } = await lab();
    const ops = s().ops;
    await store.getState().newMachine({ ...f.spec, ramPages: 0 });
    expect(s().textErrors.length).toBeGreaterThan(0);
    expect(s().error?.kind).toBe('scenario');
    expect(s().spec).toEqual(f.spec);
    expect(s().ops).toBe(ops);
  });

  it('newMachine replaces everything', async () => {
    const { s, store, f } = await lab();
    store.getState().select({ proc: 'app', buf: 'buf', first: 0, count: 1 });
    const spec = { ...f.spec, kernel: 'seeds' as const };
    await store.getState().newMachine(spec);
    expect(s()).toMatchObject({ spec, steps: [], selection: null, watched: null, ops: [] });
    expect(s().text).toMatch(/^kernel seeds\n/);
    expect(s().snapshot!.kernel).toBe('seeds');
  });

  it('a crash during a run replays the scenario into the fresh worker', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'append';
    const text = s().text;
    await store.getState().run(badRead);
    expect(client.inits[client.inits.length - 1]).toEqual(f.steps);
    expect(s().steps).toEqual(f.steps);
    expect(s().text).toBe(text);
    expect(s().ops).toHaveLength(f.commands.length);
    expect(s().error?.kind).toBe('crash');
    expect(s().error?.message).toMatch(
      new RegExp(
        `^The engine worker stopped \\(boom\\)\\. It was restarted at op \\d+, step \\d+ and your ${f.commands.length} commands were replayed\\.$`,
      ),
    );
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
    expect(client.inits[client.inits.length - 1]).toEqual(f.steps);
    expect(s().position).toEqual({ op: 2, step: 0 });
    expect(s().snapshot).toEqual(snapshot);
    expect(s().error?.kind).toBe('crash');
    expect(s().error?.message).toMatch(/^The engine worker stopped \(killed\)\. It was restarted/);
  });

  it('a fatal injected failure is a crash the store recovers from', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'watch'; // the worker dies right after answering fail(true)
    await store.getState().injectFailure(true);
    expect(client.inits[client.inits.length - 1]).toEqual(f.steps);
    expect(s().error?.kind).toBe('crash');
    expect(s().ops).toHaveLength(f.commands.length);
  });

  it('a crash while replaying is reported, and the next action tries the replay again', async () => {
    const { client, s, store, f } = await lab();
    client.crashOn = 'append';
    const run = store.getState().run(badRead);
    await sleep(0);
    // The replay itself dies too.
    const origInit = client.init.bind(client);
    let failInit = true;
    client.init = (spec, steps, at, watch): Promise<StateReply> => {
      if (!failInit) return origInit(spec, steps, at, watch);
      failInit = false;
      client.crashOn = 'init';
      return origInit(spec, steps, at, watch);
    };
    await run;
    expect(s().error?.message).toMatch(/replaying your \d+ commands failed/);
    await store.getState().seek(0, -1);
    expect(client.inits[client.inits.length - 1]).toEqual(f.steps);
    expect(s().position).toEqual({ op: 0, step: -1 });
    expect(s().error?.message).toMatch(
      /It was restarted at op \d+, step \d+ and your \d+ commands were replayed/,
    );
  });

  it('a command that kills the engine on every replay is not replayed in a loop: the lab stops before it', async () => {
    const { client, s, store, f } = await lab();
    await store.getState().seek(4, 0);
    // From now on, any init that reaches command 3 dies there (a runaway engine on that command).
    const origInit = client.init.bind(client);
    client.init = (spec, steps, at, watch): Promise<StateReply> => {
      if (steps.length <= 2) return origInit(spec, steps, at, watch);
      client.inits.push(steps);
      client.crash('it stopped answering', 2);
      return Promise.reject(new LabCrashError('it stopped answering', 2));
    };
    client.crash('killed');
    await idle(store);
    const inits = client.inits.slice(-2).map((x) => x.length);
    expect(inits).toEqual([f.steps.length, 2]);
    expect(s().steps).toEqual(f.steps.slice(0, 2));
    expect(s().ops).toHaveLength(2);
    expect(s().error?.kind).toBe('crash');
    const cmd = f.steps[2]!;
    expect(s().error?.message).toContain(
      `stopped it again (it stopped answering) on command 3 (${cmd.command.op}, line ${cmd.line})`,
    );
    expect(s().error?.message).toMatch(/stopped before it, at op 2, step \d+/);
    // The text keeps the line: nothing the user wrote is lost.
    expect(s().text).toBe(STORYBOARD);
    // No replay is pending: the next action just runs.
    const n = client.inits.length;
    await store.getState().seek(0, -1);
    expect(client.inits).toHaveLength(n);
    expect(s().position).toEqual({ op: 0, step: -1 });
  });

  it('a crash names the command the worker was running and where the lab was restarted', async () => {
    const { client, s, store } = await lab();
    await store.getState().seek(1, 0);
    client.crash('it stopped answering: no answer to seek within 10 s', 1);
    await idle(store);
    expect(s().error?.message).toMatch(
      /^The engine worker stopped \(it stopped answering: no answer to seek within 10 s\) on command 2 \([a-z-]+, line \d+\)\. It was restarted at op 2, step 1 and your \d+ commands were replayed\.$/,
    );
  });

  it('a large text is parsed in the worker; a small one here; a worker that cannot parse falls back', async () => {
    const { client, s, store, f } = await lab();
    // Padding comments make the storyboard large without more commands.
    const big = `${STORYBOARD}${'# padding\n'.repeat(PARSE_IN_WORKER_CHARS / 10)}`;
    await store.getState().load(big);
    expect(client.log[0]).toBe('parse>');
    expect(s().steps).toEqual(f.steps);
    expect(s().text).toBe(big);
    client.log = [];
    await store.getState().load(STORYBOARD);
    expect(client.log).not.toContain('parse>');
    client.crashOn = 'parse';
    await store.getState().load(`${big}app read buf\n`);
    await idle(store);
    expect(s().steps).toHaveLength(f.steps.length + 1);
  });

  it('a text whose command stops the engine runs up to that command, says which, and keeps the text', async () => {
    const { client, s, store, f } = await lab();
    const origInit = client.init.bind(client);
    client.init = (spec, steps, at, watch): Promise<StateReply> => {
      if (steps.length <= 3) return origInit(spec, steps, at, watch);
      client.inits.push(steps);
      client.crash('it stopped answering', 3);
      return Promise.reject(new LabCrashError('it stopped answering', 3));
    };
    const edited = `${STORYBOARD}app read buf\n`;
    await store.getState().load(edited);
    await idle(store);
    expect(s().text).toBe(edited);
    expect(s().steps).toEqual(f.steps.slice(0, 3));
    expect(s().ops).toHaveLength(3);
    const cmd = f.steps[3]!;
    expect(s().error?.kind).toBe('crash');
    expect(s().error?.message).toContain(
      `on command 4 (${cmd.command.op}, line ${cmd.line}): that command stops the engine`,
    );
    expect(s().error?.message).toMatch(
      /stopped before it, at op 3, step \d+ \(your 3 commands were replayed\)/,
    );
    // Healthy again: nothing pending, the next action just runs.
    const n = client.inits.length;
    await store.getState().seek(0, -1);
    expect(client.inits).toHaveLength(n);
  });
});
