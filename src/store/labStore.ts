/**
 * The lab store: a zustand vanilla store holding the scenario text and mirroring the worker's
 * latest reply, made of slices (README.md): the scenario text and its runs, navigation, playback,
 * predict, and health. Their side effects (worker calls through one serial queue that heals
 * crashes, seeks, timers) are built here once and handed to them (effects.ts); replies enter
 * through bridge.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MachineSpec } from '../engine/commands/terms';
import type { LabConnection } from '../worker/client';
import { labEffects } from './effects';
import { healthSlice } from './healthSlice';
import { followInspected } from './inspection';
import { navigationSlice } from './navigationSlice';
import { playbackSlice } from './playbackSlice';
import { predictSlice } from './predictSlice';
import { scenarioSlice } from './scenarioSlice';
import { parseSource } from './source';
import type { LabState, LoadOptions } from './types';

/** The initial scenario: its text and where to land (from a link, a draft, or the default). */
export interface InitialLab extends LoadOptions {
  text: string;
  /**
   * A text that ran before, for a draft saved mid-edit with errors: the lab runs this one and
   * the editor shows `text` with its errors.
   */
  ranText?: string;
}

/** The machine the lab shows until its first text runs, when that text does not parse. */
function placeholderSpec(): MachineSpec {
  return { kernel: 'modern', platform: 'pcie4', ramPages: 1, devices: [], processes: [] };
}

/**
 * A store for one lab, loaded with `initial` right away.
 * WARNING: `client` must tell its crash listeners synchronously, before pending calls'
 * rejections are seen (LabClient does), or a crash would be replayed twice.
 */
export function createLabStore(client: LabConnection, initial: InitialLab): StoreApi<LabState> {
  const runFirst = initial.ranText ?? initial.text;
  const first = parseSource(runFirst);
  const spec = first.ok ? first.scenario.machine : placeholderSpec();
  const store = createStore<LabState>()((set, get) => {
    const fx = labEffects(client, set, get);
    return {
      ...scenarioSlice(fx, { text: initial.text, spec })(set, get),
      ...navigationSlice(fx)(set, get),
      ...playbackSlice(fx)(set, get),
      ...predictSlice(set, get),
      ...healthSlice(fx)(set, get),
    };
  });
  followInspected(store);
  const { load } = store.getState();
  if (runFirst !== initial.text)
    void load(runFirst, initial).then(() => store.getState().setText(initial.text));
  else void load(initial.text, initial);
  return store;
}
