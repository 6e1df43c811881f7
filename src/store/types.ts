/**
 * The lab store's shape: the scenario text (the source of truth), the latest snapshot and
 * timeline from the worker, and UI state (selection, playback, errors), one slice per concern
 * (README.md). Views read it through the named selectors in selectors.ts; only bridge.ts writes
 * engine data into it.
 */
import type { Position } from '../timeline/position';
import type { HealthSlice } from './healthSlice';
import type { NavigationSlice } from './navigationSlice';
import type { PlaybackSlice } from './playbackSlice';
import type { PredictSlice } from './predictSlice';
import type { ScenarioSlice } from './scenarioSlice';

export type LabState = ScenarioSlice & NavigationSlice & PlaybackSlice & PredictSlice & HealthSlice;

/** Pages the user selected by dragging in the address-space view. */
export interface RangeSelection {
  proc: string;
  buf: string;
  /** Page index in the buffer of the first selected page. */
  first: number;
  count: number;
}

export interface LabError {
  /** What the user reads: what went wrong and what happened to their work. */
  message: string;
  /**
   * Where: 'worker' (the engine threw), 'crash' (the worker died and was restarted), 'kernel',
   * 'link' (a shared link could not be opened), 'file' (a file could not be opened or saved),
   * 'scenario' (the text has errors), 'notice' (not an error: what just happened).
   */
  kind: 'worker' | 'crash' | 'kernel' | 'link' | 'file' | 'scenario' | 'notice';
  /** A button the banner offers (e.g. restore the draft a link replaced). */
  action?: { label: string; run: () => void };
}

/** A button on a draft notice. */
export interface DraftAction {
  label: string;
  testId: string;
  run: () => void;
}

/**
 * What happened to the autosaved draft, apart from the lab's one-at-a-time banner so it stays
 * until it no longer holds: 'quota' (the browser refused to save it; the work is only in this
 * tab), 'conflict' (another tab saved a different draft; the last writer wins).
 */
export interface DraftNotice {
  kind: 'quota' | 'conflict';
  message: string;
  actions: DraftAction[];
}

/** Where to land after loading a scenario (a link or a draft carries these). */
export interface LoadOptions {
  at?: Position | null;
  selection?: RangeSelection | null;
  watched?: number | null;
  /** Shown once the scenario is loaded (e.g. "Opened the preset …", or why a link failed). */
  banner?: LabError | null;
}
