/**
 * The lab store: a zustand vanilla store holding the scenario text and mirroring the worker's
 * latest reply. Every worker call goes through one serial queue; replies enter through
 * bridge.ts.
 *
 * The text is the source of truth: an edit is parsed after a short pause and, when it parses,
 * re-run by the worker (which keeps the unchanged prefix and the current step when it still
 * exists); a clicked action appends its line and runs just that command.
 *
 * Failures: a worker-side Error leaves the lab as it was and says so; a crash (the worker died
 * or went silent) is healed by replaying the scenario into the fresh worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario, Step } from '../scenario/ast';
import type { ParseResult } from '../scenario/errors';
import {
  endPosition,
  isEnd,
  opAtLine,
  stepInto,
  stepTarget,
  type StepKind,
} from '../timeline/navigation';
import { BOOT, samePosition, type Position } from '../timeline/position';
import { isCrash, type LabConnection } from '../worker/client';
import type { StateReply } from '../worker/protocol';
import { applyReply } from './bridge';
import { createQueue } from './queue';
import { appendCommand, machineText, parseSource, stepsOf } from './source';
import { DEFAULT_SPEED, SPEEDS, type LabError, type LabState, type LoadOptions } from './types';

/** Texts this long (about 1,000 commands) are parsed in the worker, off the main thread. */
export const PARSE_IN_WORKER_CHARS = 40_000;

/** Pause after the last keystroke before an edit runs. */
export const EDIT_PAUSE_MS = 300;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function workerError(e: unknown): LabError {
  return { kind: 'worker', message: `${message(e).replace(/\.$/, '')}. The lab is unchanged.` };
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const replayed = (n: number): string =>
  `your ${plural(n, 'command')} ${n === 1 ? 'was' : 'were'} replayed`;

/** Where the views are, as the timeline says it. */
function where(p: Position): string {
  return p.op < 0 ? 'the machine as booted' : `op ${p.op + 1}, step ${p.step + 1}`;
}

/** "command 5 (inc, line 9)" for operation `k` of `steps` ("(a new one)" past their end). */
function commandName(k: number, steps: readonly Step[]): string {
  const s = steps[k];
  if (!s) return `command ${k + 1} (a new one)`;
  return `command ${k + 1} (${s.command.op}${s.line > 0 ? `, line ${s.line}` : ''})`;
}

/** " on command 5 (inc, line 9)" when the dead worker said which command it was running. */
function during(op: number | null, steps: readonly Step[]): string {
  return op === null ? '' : ` on ${commandName(op, steps)}`;
}

function textError(n: number, first: string): LabError {
  return {
    kind: 'scenario',
    message: `The scenario text has ${plural(n, 'error')} (${first}); the lab shows the last version that ran.`,
  };
}

/** The initial scenario: its text and where to land (from a link, a draft, or the default). */
export interface InitialLab extends LoadOptions {
  text: string;
  /**
   * A text that ran before, for a draft saved mid-edit with errors: the lab runs this one and
   * the editor shows `text` with its errors.
   */
  ranText?: string;
}

const PLACEHOLDER_SPEC = {
  kernel: 'modern',
  platform: 'pcie4',
  ramPages: 1,
  devices: [],
  processes: [],
} as const;

/**
 * A store for one lab, loaded with `initial` right away.
 * WARNING: `client` must tell its crash listeners synchronously, before pending calls'
 * rejections are seen (LabClient does), or a crash would be replayed twice.
 */
export function createLabStore(client: LabConnection, initial: InitialLab): StoreApi<LabState> {
  const queue = createQueue();
  /**
   * Why the worker died (and the command it had started, when it said), until the replay into
   * its successor has been tried.
   */
  let crashed: { reason: string; op: number | null } | null = null;
  /** Queue a replay alone (set once the store exists). */
  let heal: () => Promise<void> = () => Promise.resolve();
  /** The parse of the text that last parsed (what `steps` came from). */
  let parsed: { text: string; scenario: Scenario } | null = null;
  let editTimer: ReturnType<typeof setTimeout> | null = null;
  let playTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the playback step last taken was due (performance.now() time). */
  let playDue = 0;
  /** Where the last queued seek goes: relative steps start from here, not from the view. */
  let target: Position | null = null;

  const runFirst = initial.ranText ?? initial.text;
  const first = parseSource(runFirst);

  const store = createStore<LabState>()((set, get) => {
    /** Replay the scenario into the fresh worker, and go back to where the user was. */
    async function recover(): Promise<void> {
      const c = crashed ?? { reason: 'it stopped', op: null };
      crashed = null;
      const { spec, steps, watched, position } = get();
      const what = `The engine worker stopped (${c.reason})${during(c.op, steps)}`;
      try {
        const reply = await client.init(spec, steps, position, watched);
        applyReply(set, get, reply, {
          error: {
            kind: 'crash',
            message: `${what}. It was restarted at ${where(reply.position)} and ${replayed(steps.length)}.`,
          },
        });
        return;
      } catch (e) {
        // The replay died on one of the user's own commands: that command kills the engine.
        // Replaying it again would only loop; stop just before it.
        if (isCrash(e) && typeof e.op === 'number' && e.op < steps.length) {
          if (await stopBefore(e.op, what, e.reason ?? e.message)) return;
        }
        // Dead again: leave the crash pending so the next action retries the replay.
        if (isCrash(e)) crashed = { reason: e.reason ?? e.message, op: e.op ?? null };
        set({
          error: {
            kind: 'crash',
            message: `${what}, and replaying your ${plural(steps.length, 'command')} failed: ${message(e)}`,
          },
        });
      }
    }

    /**
     * Replay only the commands before `k` (the one the replay died on); true when the lab runs
     * again. The text keeps the command's line, so the user sees it and can change it.
     */
    async function stopBefore(k: number, what: string, again: string): Promise<boolean> {
      const { spec, steps, watched, position } = get();
      const prefix = steps.slice(0, k);
      const at = position && position.op < k ? position : null;
      crashed = null;
      try {
        const reply = await client.init(spec, prefix, at, watched);
        applyReply(set, get, reply, {
          steps: prefix,
          error: {
            kind: 'crash',
            message: `${what}. Replaying your commands stopped it again (${again}) on ${commandName(k, steps)}: that command stops the engine, so the lab stopped before it, at ${where(reply.position)} (${replayed(k)}). Change or remove that line.`,
          },
        });
        return true;
      } catch (e) {
        if (isCrash(e)) crashed = { reason: e.reason ?? e.message, op: e.op ?? null };
        return false;
      }
    }

    /**
     * Queue a request (null: only heal a pending crash); `patch` is the UI state that changes
     * with its reply, computed when the reply arrives. Never rejects: failures become `error`.
     */
    function request(
      call: (() => Promise<StateReply>) | null,
      patch: (reply: StateReply) => Partial<LabState> = () => ({}),
    ): Promise<void> {
      const t0 = performance.now();
      // Busy at once, not when the queue gets to it: the views disable their actions now.
      if (get().status !== 'starting') set({ status: 'busy' });
      return queue.push(async () => {
        try {
          if (crashed !== null) await recover();
          if (!call) return;
          const reply = await call();
          applyReply(set, get, reply, {
            ...patch(reply),
            lastLatencyMs: performance.now() - t0,
          });
        } catch (e) {
          if (isCrash(e)) {
            crashed ??= { reason: e.reason ?? e.message, op: e.op ?? null };
            await recover();
          } else set({ error: workerError(e) });
        } finally {
          // The queue still counts this task: more than one means someone is waiting.
          set({ status: queue.size > 1 ? 'busy' : 'ready' });
          if (queue.size <= 1) target = null;
        }
      });
    }

    /** A selection still names a buffer of the new run, else it goes. */
    function keptSelection(reply: StateReply): Partial<LabState> {
      const sel = get().selection;
      if (!sel) return {};
      const buf = reply.snapshot.procs
        .find((p) => p.name === sel.proc)
        ?.buffers.find((b) => b.name === sel.buf);
      return buf && sel.first + sel.count <= buf.pages ? {} : { selection: null };
    }

    /**
     * Run the text as it is now, landing at `at` (kept when it still exists). A large text is
     * parsed in the worker (PARSE_IN_WORKER_CHARS), so the page's main thread stays free; if the
     * worker cannot, it is parsed here.
     */
    function runText(opts: LoadOptions & { at: Position | null }): Promise<void> {
      if (editTimer) clearTimeout(editTimer);
      editTimer = null;
      const text = get().text;
      if (text.length < PARSE_IN_WORKER_CHARS) return runParsed(text, parseSource(text), opts);
      return client.parse(text).then(
        (r) => runParsed(text, r, opts),
        () => runParsed(text, parseSource(text), opts),
      );
    }

    function runParsed(
      text: string,
      r: ParseResult,
      opts: LoadOptions & { at: Position | null },
    ): Promise<void> {
      if (!r.ok) {
        const e = r.errors[0];
        set({
          textErrors: r.errors,
          textPending: false,
          error: textError(r.errors.length, e ? e.message : 'unknown'),
        });
        return Promise.resolve();
      }
      const scenario = r.scenario;
      const steps = stepsOf(scenario);
      const wasTextError = get().error?.kind === 'scenario';
      set({ textErrors: [], textPending: false, ...(wasTextError ? { error: null } : {}) });
      /** Set when one of this text's commands stopped the engine: the lab runs up to it. */
      let killed: { k: number; reason: string } | null = null;
      const watched = opts.watched ?? get().watched;
      return request(
        async () => {
          try {
            return await client.init(scenario.machine, steps, opts.at, watched);
          } catch (e) {
            // The worker died on command k of this text: the fresh one runs the commands before
            // it (not the previous text, and never k again: it would only die again).
            if (!isCrash(e) || typeof e.op !== 'number' || e.op >= steps.length) throw e;
            const k = e.op;
            crashed = null;
            const at = opts.at && opts.at.op < k ? opts.at : null;
            const reply = await client.init(scenario.machine, steps.slice(0, k), at, watched);
            killed = { k, reason: e.reason ?? e.message };
            return reply;
          }
        },
        (reply) => {
          parsed = { text, scenario };
          const patch: Partial<LabState> = {
            title: scenario.title,
            spec: scenario.machine,
            steps: killed ? steps.slice(0, killed.k) : steps,
            watched,
          };
          if (killed) {
            patch.error = {
              kind: 'crash',
              message: `The engine worker stopped (${killed.reason}) on ${commandName(killed.k, steps)}: that command stops the engine, so it was restarted and the lab stopped before it, at ${where(reply.position)} (${replayed(killed.k)}). Change or remove that line.`,
            };
            return { ...patch, ...keptSelection(reply) };
          }
          if (opts.selection !== undefined) patch.selection = opts.selection;
          if (opts.banner) patch.error = opts.banner;
          else if (opts.at && !samePosition(opts.at, reply.position) && opts.at.op >= reply.opCount)
            patch.error = {
              kind: 'notice',
              message: `The scenario has no step ${opts.at.op + 1}.${opts.at.step + 1}: showing its end.`,
            };
          return { ...patch, ...(opts.selection === undefined ? keptSelection(reply) : {}) };
        },
      );
    }

    /**
     * Seeks coalesce: while one waits in the queue, a newer one only moves its target, so a
     * held arrow key or a scrubber drag costs one worker call per reply, not one per event.
     */
    let waiting: { to: Position; done: Promise<void> } | null = null;
    function seekTo(p: Position): Promise<void> {
      target = p;
      if (waiting) {
        waiting.to = p;
        return waiting.done;
      }
      const w: { to: Position; done: Promise<void> } = { to: p, done: Promise.resolve() };
      waiting = w;
      w.done = request(() => {
        waiting = null;
        return client.seek(w.to.op, w.to.step, get().watched);
      });
      return w.done;
    }

    /** Where relative moves start: the last queued seek, else what the views show. */
    const from = (): Position => target ?? get().position ?? BOOT;

    function stopPlaying(): void {
      if (playTimer) clearTimeout(playTimer);
      playTimer = null;
    }

    function playTick(): void {
      playTimer = null;
      const s = get();
      if (!s.playing) return;
      if (isEnd(s.ops, from())) {
        set({ playing: false });
        return;
      }
      // Steps keep the speed's cadence: the next one is due a period after this one was due,
      // not a period after its reply came back (at 60/s, replies of a few ms would otherwise
      // play ~47 steps a second). A step more than a period late resets the cadence: the next
      // one starts as soon as this reply is in, never a burst to catch up.
      const period = 1000 / s.speed;
      playDue = Math.max(playDue + period, performance.now() - period);
      void seekTo(stepInto(s.ops, from())).then(() => {
        if (get().playing && !playTimer)
          playTimer = setTimeout(playTick, Math.max(0, playDue + period - performance.now()));
      });
    }

    heal = () => request(null);

    return {
      status: 'starting',
      text: initial.text,
      textErrors: [],
      textPending: false,
      title: null,
      spec: first.ok ? first.scenario.machine : { ...PLACEHOLDER_SPEC, devices: [], processes: [] },
      steps: [],
      ops: [],
      snapshot: null,
      position: null,
      selection: null,
      watched: null,
      history: null,
      error: null,
      draftNotice: null,
      lastLatencyMs: null,
      playing: false,
      predict: { on: false, phase: 'idle', guess: { where: null, ref: null } },
      speed: DEFAULT_SPEED,

      setText: (text) => {
        if (text === get().text) return;
        set({ text, textPending: true });
        if (editTimer) clearTimeout(editTimer);
        editTimer = setTimeout(() => void runText({ at: get().position }), EDIT_PAUSE_MS);
      },
      flushText: () => (get().textPending ? runText({ at: get().position }) : Promise.resolve()),
      load: (text, opts = {}) => {
        stopPlaying();
        set({ text, playing: false, ...(opts.selection !== undefined ? {} : { selection: null }) });
        return runText({ ...opts, at: opts.at ?? null });
      },
      newMachine: (spec) =>
        get().load(machineText({ title: null, machine: spec }), { watched: null, selection: null }),
      run: async (command) => {
        await get().flushText();
        const s = get();
        if (s.textErrors.length > 0) {
          set({ error: textError(s.textErrors.length, s.textErrors[0]?.message ?? '') });
          return;
        }
        const base = parsed && parsed.text === s.text ? parsed.scenario : null;
        if (!base) return; // the text never ran: nothing to append to
        const before = s.text;
        const { text, line } = appendCommand(before, base, command);
        const step = { command, expects: [], line };
        stopPlaying();
        // Appended only once the worker ran it, whatever its errno: the text is what a replay runs.
        return request(
          () => client.append([step], get().watched),
          () => {
            const cur = get().text;
            const steps = [...get().steps, step];
            if (cur === before) {
              parsed = { text, scenario: { ...base, steps: [...base.steps, step] } };
              return { text, steps, playing: false };
            }
            // The user typed while it ran: append the line to their text and re-run it.
            const added = text.slice(before.replace(/\s+$/, '').length).trim();
            const next = `${cur.replace(/\s+$/, '')}\n${added}\n`;
            queueMicrotask(() => get().setText(next));
            return { steps, playing: false };
          },
        );
      },
      seek: (op, step) => seekTo({ op, step }),
      step: (kind: StepKind) => {
        const { ops, predict } = get();
        const p = from();
        const forward = kind === 'into' || kind === 'over';
        if (predict.on && forward && !isEnd(ops, p) && predict.phase !== 'asking') {
          // Ask first: the lab stays where it is until the next step forward reveals.
          set({ predict: { ...predict, phase: 'asking', guess: { where: null, ref: null } } });
          return Promise.resolve();
        }
        if (predict.on && predict.phase !== 'idle')
          set({ predict: { ...predict, phase: forward ? 'revealed' : 'idle' } });
        const next = stepTarget(kind, ops, p);
        if (samePosition(next, p)) return Promise.resolve();
        return seekTo(next);
      },
      runToLine: async (line) => {
        await get().flushText();
        const { ops } = get();
        const op = opAtLine(ops, line);
        stopPlaying();
        set({ playing: false });
        return seekTo(op < 0 ? BOOT : endPosition(ops.slice(0, op + 1)));
      },
      setPlaying: (playing) => {
        stopPlaying();
        set({ playing });
        if (!playing) return;
        // Playing from the end starts over.
        playDue = performance.now() - 1000 / get().speed;
        if (isEnd(get().ops, from())) void seekTo(BOOT).then(() => playTick());
        else playTick();
      },
      setPredict: (on) =>
        set({ predict: { on, phase: 'idle', guess: { where: null, ref: null } } }),
      guess: (g) => {
        const p = get().predict;
        set({ predict: { ...p, guess: { ...p.guess, ...g } } });
      },
      changeSpeed: (delta) => {
        const i = SPEEDS.indexOf(get().speed);
        const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i + delta))];
        if (next !== undefined) set({ speed: next });
      },
      select: (selection) => set({ selection }),
      watch: (pfn) =>
        request(
          () => client.watch(pfn),
          () => ({ watched: pfn }),
        ),
      showError: (error) => set({ error }),
      dismissError: () => set({ error: null }),
      setDraftNotice: (draftNotice) => set({ draftNotice }),
      injectFailure: (fatal) =>
        request(async () => {
          await client.fail(fatal);
          // Still alive (a fatal failure dies just after answering): show the state as it is.
          return client.watch(get().watched);
        }),
    };
  });

  // A crash between requests (fail(true), a worker dying on its own) has no call to reject:
  // queue the replay. During a request, that request's catch does it.
  client.onCrash((reason, op) => {
    crashed = { reason, op };
    if (queue.size === 0) void heal();
  });

  const { load } = store.getState();
  if (runFirst !== initial.text)
    void load(runFirst, initial).then(() => store.getState().setText(initial.text));
  else void load(initial.text, initial);
  return store;
}
