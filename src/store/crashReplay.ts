/**
 * Healing a crash. The worker died or went silent and the client started a fresh, empty one;
 * the lab's scenario is replayed into it and the views go back to where the user was. The rules:
 * - A crash is healed before the next request runs, or at once when none is queued (effects.ts).
 * - A replay that dies on one of the user's own commands stops just before that command: it
 *   kills the engine, and replaying it again would only loop. The text keeps its line.
 * - A replay that dies elsewhere leaves the crash pending, so the next action tries again.
 * - A text whose own command kills the engine runs the commands before it (initText).
 */
import type { MachineSpec } from '../engine/commands/terms';
import type { Step } from '../scenario/ast';
import { landingOp, type Landing } from '../timeline/position';
import type { WatchTarget } from '../timeline/selection';
import { isCrash, type LabConnection, type StateReply } from '../worker/client';
import { applyReply, type SetLab } from './bridge';
import { replayFailed, restarted, stoppedAgain, workerStopped } from './messages';
import { watchTarget } from './inspection';
import type { LabState } from './types';

/** Why the worker died, and the command it had started when it said so (null: it did not). */
export interface Crash {
  reason: string;
  op: number | null;
}

/** What a failed call's crash error says (isCrash). */
type CrashError = { reason?: string; op?: number | null; message: string };

function crashOf(e: CrashError): Crash {
  return { reason: e.reason ?? e.message, op: e.op ?? null };
}

/** Where a run of the commands before `k` lands: at `at` when that is before k, else its end. */
function before(at: Landing | null, k: number): Landing | null {
  return at && landingOp(at) < k ? at : null;
}

/** `e` is a crash on command `op` of `steps` (one of the user's own commands). */
function diedOn(e: unknown, steps: readonly Step[]): e is CrashError & { op: number } {
  return isCrash(e) && typeof e.op === 'number' && e.op < steps.length;
}

export interface CrashReplay {
  /** A crash whose replay has not been tried yet. */
  readonly pending: boolean;
  /** The worker died (the client said so): this crash is the one to heal. */
  note(crash: Crash): void;
  /** A call failed with crash `e`: heal it, unless a crash the client reported is pending. */
  noteFailed(e: CrashError): void;
  /** Replay the scenario into the fresh worker, and go back to where the user was. */
  recover(): Promise<void>;
  /**
   * `client.init` for a text. When the worker dies on one of the text's own commands (k), the
   * fresh one runs the commands before it (not the previous text, and never k again: it would
   * only die again); `killed` says which, for the banner.
   */
  initText(
    spec: MachineSpec,
    steps: Step[],
    at: Landing | null,
    watch: WatchTarget,
  ): Promise<{ reply: StateReply; killed: { k: number; reason: string } | null }>;
}

export function createCrashReplay(
  client: Pick<LabConnection, 'init'>,
  set: SetLab,
  get: () => Pick<
    LabState,
    'spec' | 'steps' | 'watched' | 'selection' | 'inspecting' | 'position' | 'ops'
  >,
): CrashReplay {
  /**
   * Why the worker died (and the command it had started, when it said), until the replay into
   * its successor has been tried.
   */
  let crashed: Crash | null = null;

  async function recover(): Promise<void> {
    const c = crashed ?? { reason: 'it stopped', op: null };
    crashed = null;
    const { spec, steps, position } = get();
    const stopped = workerStopped(c.reason, c.op, steps);
    try {
      const reply = await client.init(spec, steps, position, watchTarget(get()));
      applyReply(set, get, reply, { error: restarted(stopped, reply.position, steps.length) });
      return;
    } catch (e) {
      // The replay died on one of the user's own commands: that command kills the engine.
      // Replaying it again would only loop; stop just before it.
      if (diedOn(e, steps) && (await stopBefore(e.op, stopped, crashOf(e).reason))) return;
      // Dead again: leave the crash pending so the next action retries the replay.
      if (isCrash(e)) crashed = crashOf(e);
      set({ error: replayFailed(stopped, steps.length, e) });
    }
  }

  /**
   * Replay only the commands before `k` (the one the replay died on); true when the lab runs
   * again. The text keeps the command's line, so the user sees it and can change it.
   */
  async function stopBefore(k: number, stopped: string, again: string): Promise<boolean> {
    const { spec, steps, position } = get();
    const prefix = steps.slice(0, k);
    crashed = null;
    try {
      const reply = await client.init(spec, prefix, before(position, k), watchTarget(get()));
      applyReply(set, get, reply, {
        steps: prefix,
        error: stoppedAgain(stopped, again, k, steps, reply.position),
      });
      return true;
    } catch (e) {
      if (isCrash(e)) crashed = crashOf(e);
      return false;
    }
  }

  return {
    get pending() {
      return crashed !== null;
    },
    note: (crash) => {
      crashed = crash;
    },
    noteFailed: (e) => {
      crashed ??= crashOf(e);
    },
    recover,
    async initText(spec, steps, at, watch) {
      try {
        return { reply: await client.init(spec, steps, at, watch), killed: null };
      } catch (e) {
        if (!diedOn(e, steps)) throw e;
        const k = e.op;
        crashed = null;
        const reply = await client.init(spec, steps.slice(0, k), before(at, k), watch);
        return { reply, killed: { k, reason: crashOf(e).reason } };
      }
    },
  };
}
