import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { MachineSpec } from '../engine/commands/terms';
import type { RunStep } from '../scenario/ast';
import type { Landing } from '../timeline/position';
import type { WatchTarget } from '../timeline/selection';
import { LabCrashError } from '../worker/client';
import { LabHost } from '../worker/host';
import { storyboard } from '../worker/testFixtures';
import { createCrashReplay } from './crashReplay';
import type { LabState } from './types';

const f = storyboard();

type Lab = Pick<
  LabState,
  | 'spec'
  | 'steps'
  | 'watched'
  | 'selection'
  | 'inspecting'
  | 'position'
  | 'ops'
  | 'snapshot'
  | 'history'
  | 'status'
  | 'error'
>;

/**
 * A lab that ran the storyboard and stands at op 2, whose worker just died. `dies(steps)` says
 * how the fresh worker's init of `steps` dies (null: it runs them).
 */
function crashedLab(dies: (steps: RunStep[]) => LabCrashError | null = () => null) {
  const inits: number[] = [];
  const client = {
    init: (spec: MachineSpec, steps: RunStep[], at: Landing | null, watch: WatchTarget) => {
      inits.push(steps.length);
      const e = dies(steps);
      return e ? Promise.reject(e) : Promise.resolve(new LabHost().init(spec, steps, at, watch));
    },
  };
  const store = createStore<Lab>()(() => ({
    spec: f.spec,
    steps: f.steps,
    watched: null,
    selection: null,
    inspecting: null,
    position: { op: 2, step: 0 },
    ops: [],
    snapshot: null,
    history: null,
    status: 'busy',
    error: null,
  }));
  const crashes = createCrashReplay(client, store.setState, store.getState);
  return { crashes, inits, s: () => store.getState() };
}

describe('crash replay', () => {
  it('replays the scenario into the fresh worker, back where the user was, and says so', async () => {
    const { crashes, s, inits } = crashedLab();
    crashes.note({ reason: 'killed', op: 1 });
    expect(crashes.pending).toBe(true);
    await crashes.recover();
    expect(crashes.pending).toBe(false);
    expect(inits).toEqual([f.steps.length]);
    expect(s().position).toEqual({ op: 2, step: 0 });
    expect(s().ops).toHaveLength(f.steps.length);
    const cmd = f.steps[1]!;
    expect(s().error).toEqual({
      kind: 'crash',
      message: `The engine worker stopped (killed) on command 2 (${cmd.command.op}, line ${cmd.line}). It was restarted at op 3, step 1 and your ${f.steps.length} commands were replayed.`,
    });
  });

  it('a replay that dies on one of the commands stops before it, and is not retried', async () => {
    const { crashes, s, inits } = crashedLab((steps) =>
      steps.length > 1 ? new LabCrashError('hung', 1) : null,
    );
    crashes.note({ reason: 'killed', op: null });
    await crashes.recover();
    expect(inits).toEqual([f.steps.length, 1]);
    expect(s().steps).toEqual(f.steps.slice(0, 1));
    expect(s().position).toEqual({ op: 0, step: s().ops[0]!.steps.length - 1 });
    expect(s().error?.message).toMatch(
      /^The engine worker stopped \(killed\)\. Replaying your commands stopped it again \(hung\) on command 2 /,
    );
    expect(crashes.pending).toBe(false);
  });

  it('a replay that dies elsewhere says so and stays pending for the next action', async () => {
    const { crashes, s } = crashedLab(() => new LabCrashError('again'));
    crashes.note({ reason: 'killed', op: null });
    await crashes.recover();
    expect(s().error?.message).toBe(
      `The engine worker stopped (killed), and replaying your ${f.steps.length} commands failed: The engine worker stopped (again)`,
    );
    expect(crashes.pending).toBe(true);
    // The crash the client reported is the one to heal; a failed call's does not replace it.
    crashes.noteFailed(new LabCrashError('later'));
    await crashes.recover();
    expect(s().error?.message).toMatch(/^The engine worker stopped \(again\),/);
  });

  it('a text whose own command kills the worker runs the commands before it', async () => {
    const { crashes, inits } = crashedLab((steps) =>
      steps.length > 3 ? new LabCrashError('hung', 3) : null,
    );
    crashes.note({ reason: 'killed', op: null });
    const { reply, killed } = await crashes.initText(f.spec, f.steps, { op: 5, step: 0 }, null);
    expect(inits).toEqual([f.steps.length, 3]);
    expect(killed).toEqual({ k: 3, reason: 'hung' });
    expect(reply.opCount).toBe(3);
    // Healed by running the text: nothing left to replay.
    expect(crashes.pending).toBe(false);
    const clean = crashedLab();
    expect((await clean.crashes.initText(f.spec, f.steps, null, null)).killed).toBeNull();
  });
});
