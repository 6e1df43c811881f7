/**
 * The lab store: a zustand vanilla store that mirrors the worker's latest reply plus UI state.
 * Every action goes through one serial queue to the worker; replies enter through bridge.ts.
 *
 * Failures: a worker-side Error leaves the lab as it was and says so; a crash (the worker died
 * or went silent) is healed by replaying the command list into the fresh worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Command, MachineSpec } from '../engine/command';
import { isCrash, type LabConnection } from '../worker/client';
import type { Position, StateReply } from '../worker/protocol';
import { applyReply } from './bridge';
import { createQueue } from './queue';
import type { LabError, LabState } from './types';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function workerError(e: unknown): LabError {
  return { kind: 'worker', message: `${message(e).replace(/\.$/, '')}. The lab is unchanged.` };
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const replayed = (n: number): string =>
  `your ${plural(n, 'command')} ${n === 1 ? 'was' : 'were'} replayed`;

const samePosition = (a: Position, b: Position): boolean => a.op === b.op && a.step === b.step;

/**
 * A store for one lab, booted with `initialSpec` (and `initialCommands`) right away.
 * WARNING: `client` must tell its crash listeners synchronously, before pending calls'
 * rejections are seen (LabClient does), or a crash would be replayed twice.
 */
export function createLabStore(
  client: LabConnection,
  initialSpec: MachineSpec,
  initialCommands: Command[] = [],
): StoreApi<LabState> {
  const queue = createQueue();
  /** Why the worker died, until the replay into its successor has been tried. */
  let crashed: string | null = null;
  /** Queue a replay alone (set once the store exists). */
  let heal: () => Promise<void> = () => Promise.resolve();

  const store = createStore<LabState>()((set, get) => {
    /** Replay the command list into the fresh worker, and go back to where the user was. */
    async function recover(): Promise<void> {
      const reason = crashed;
      crashed = null;
      const { spec, commands, watched, position } = get();
      const what = `The engine worker stopped (${reason})`;
      try {
        let reply = await client.init(spec, commands, watched);
        if (position && position.op < reply.opCount && !samePosition(position, reply.position))
          reply = await client.seek(position.op, position.step, watched);
        applyReply(set, get, reply, {
          error: {
            kind: 'crash',
            message: `${what}. It was restarted and ${replayed(commands.length)}.`,
          },
        });
      } catch (e) {
        // Dead again: leave the crash pending so the next action retries the replay.
        if (isCrash(e)) crashed = e.reason ?? e.message;
        set({
          error: {
            kind: 'crash',
            message: `${what}, and replaying your ${plural(commands.length, 'command')} failed: ${message(e)}`,
          },
        });
      }
    }

    /**
     * Queue a request (null: only heal a pending crash); `patch` is the UI state that changes
     * with its reply, read when the reply arrives. Never rejects: failures become `error`.
     */
    function request(
      call: (() => Promise<StateReply>) | null,
      patch: () => Partial<LabState> = () => ({}),
    ): Promise<void> {
      const t0 = performance.now();
      // Busy at once, not when the queue gets to it: the views disable their actions now.
      if (get().status !== 'starting') set({ status: 'busy' });
      return queue.push(async () => {
        try {
          if (crashed !== null) await recover();
          if (!call) return;
          const reply = await call();
          applyReply(set, get, reply, { ...patch(), lastLatencyMs: performance.now() - t0 });
        } catch (e) {
          if (isCrash(e)) {
            crashed ??= e.reason ?? e.message;
            await recover();
          } else set({ error: workerError(e) });
        } finally {
          // The queue still counts this task: more than one means someone is waiting.
          set({ status: queue.size > 1 ? 'busy' : 'ready' });
        }
      });
    }

    heal = () => request(null);

    return {
      status: 'starting',
      spec: initialSpec,
      commands: [],
      ops: [],
      snapshot: null,
      position: null,
      selection: null,
      watched: null,
      history: null,
      error: null,
      lastLatencyMs: null,

      newMachine: (spec, commands = []) =>
        request(
          () => client.init(spec, commands, null),
          () => ({ spec, commands: [...commands], selection: null, watched: null, error: null }),
        ),
      // Appended only once the worker ran it, whatever its errno: the list is what a replay runs.
      run: (command) =>
        request(
          () => client.run(command, get().watched),
          () => ({ commands: [...get().commands, command] }),
        ),
      seek: (op, step) => request(() => client.seek(op, step, get().watched)),
      watch: (pfn) =>
        request(
          () => client.watch(pfn),
          () => ({ watched: pfn }),
        ),
      select: (selection) => set({ selection }),
      dismissError: () => set({ error: null }),
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
  client.onCrash((reason) => {
    crashed = reason;
    if (queue.size === 0) void heal();
  });

  void store.getState().newMachine(initialSpec, initialCommands);
  return store;
}
