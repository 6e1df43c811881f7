/**
 * The lab store's shape: the scenario text (the source of truth), the latest snapshot and
 * timeline from the worker, and UI state (selection, playback, errors), one slice per concern
 * (README.md). Views read it through the named selectors in selectors.ts; only bridge.ts writes
 * engine data into it.
 */
import type { Landing, Position } from '../timeline/position';
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { Snapshot } from '../engine/snapshot';
import type { Step } from '../scenario/ast';
import type { ScenarioError } from '../scenario/errors';
import type { FrameHistory } from '../timeline/frameHistory';
import type { StepKind } from '../timeline/navigation';
import type { OpView } from '../timeline/operations';
import type { PageRef, RangeSelection } from '../timeline/selection';

export type LabState = ScenarioSlice & NavigationSlice & PlaybackSlice & PredictSlice & HealthSlice;

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
  /** A position, or the end of an operation (a preset link's `step=4`); null: the end. */
  at?: Landing | null;
  selection?: RangeSelection | null;
  watched?: number | null;
  /** Shown once the scenario is loaded (e.g. "Opened the preset …", or why a link failed). */
  banner?: LabError | null;
  /** Shown instead of `banner` when the run has no such step as `at` (it lands at the end). */
  missingStep?: LabError;
}

/** A preset as a link opens it (the presets are the views' data: they hand them over). */
export interface PresetSource {
  id: string;
  title: string;
  text: string;
}

/** The presets a preset link (`#preset=NAME&step=S`) may name. */
export interface PresetCatalog {
  find: (id: string) => PresetSource | undefined;
  ids: readonly string[];
}

// ---- the slices' state and actions (each made by its slice file) ----

export interface PredictState {
  on: boolean;
  phase: 'idle' | 'asking' | 'revealed';
  /** What a question is about: the next operation (the default: a reveal moves to its end), or
   * the next micro-step. */
  unit: 'operation' | 'step';
  /** The audience's guesses: a residence id (see views/predict) and a refcount. */
  guess: { where: string | null; ref: number | null };
  /**
   * The frame whose refcount is asked: the one struct page showed when the question was put
   * (null: none). Kept through the reveal, since struct page may follow the page elsewhere.
   */
  frame: number | null;
}

export interface PredictSlice {
  predict: PredictState;
  setPredict: (on: boolean) => void;
  /** Ask about the next operation or the next micro-step (kept while predicting goes on and off). */
  setPredictUnit: (unit: PredictState['unit']) => void;
  guess: (g: Partial<PredictState['guess']>) => void;
}

export interface HealthSlice {
  /** starting: no worker answer yet; busy: a request is in flight. */
  status: 'starting' | 'ready' | 'busy';
  error: LabError | null;
  /** The draft could not be saved, or another tab saved another one (null: all is well). */
  draftNotice: DraftNotice | null;
  /** Milliseconds from the last request to its reply (for the click-to-view benchmark). */
  lastLatencyMs: number | null;
  showError: (error: LabError) => void;
  dismissError: () => void;
  setDraftNotice: (notice: DraftNotice | null) => void;
  /** Test hook: make the worker throw (recoverable) or die (fatal). */
  injectFailure: (fatal: boolean) => Promise<void>;
}

export interface NavigationSlice {
  ops: OpView[];
  snapshot: Snapshot | null;
  position: Position | null;
  /**
   * The frame the user clicked: `struct page` shows it (and links carry it). Null: `struct
   * page` follows the inspected page of the selection instead (inspection.ts).
   */
  watched: number | null;
  /** The history of the frame `struct page` shows (the worker sends it with every reply). */
  history: FrameHistory | null;
  /** The pages the views point at: the user's, else the scenario's focus (inspection.ts). */
  selection: RangeSelection | null;
  /** The page of the selection `struct page` follows, when the user switched (null: the first). */
  inspecting: PageRef | null;
  seek: (op: number, step: number) => Promise<void>;
  step: (kind: StepKind) => Promise<void>;
  /** Show the end of the operation on `line` (or the last one before it). */
  runToLine: (line: number) => Promise<void>;
  /** Point at other pages: `struct page` follows the first of them (a clicked frame gives way). */
  select: (selection: RangeSelection | null) => void;
  /** Follow another page of the selection in `struct page` (a clicked frame gives way). */
  inspect: (page: PageRef) => void;
  /** Show a clicked frame in `struct page` (null: follow the selection's page again). */
  watch: (pfn: number | null) => Promise<void>;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Playback speed in micro-steps per second (one of SPEEDS). */
  speed: number;
  setPlaying: (playing: boolean) => void;
  /** Faster (+1) or slower (-1) through SPEEDS. */
  changeSpeed: (delta: 1 | -1) => void;
}

export interface ScenarioSlice {
  /** The scenario text: the editor shows it, clicks append to it, links and files replace it. */
  text: string;
  /** Why `text` does not parse (empty when it does); the lab then keeps the last run. */
  textErrors: ScenarioError[];
  /** The text has changed since it last ran (an edit waiting for its pause). */
  textPending: boolean;
  /** What the worker ran, from the last text that parsed. */
  title: string | null;
  spec: MachineSpec;
  steps: Step[];
  /** An edit of the text: it runs after a short pause (flushText runs it now). */
  setText: (text: string) => void;
  /** Run the pending edit now (no-op when none). */
  flushText: () => Promise<void>;
  /** Replace the scenario (a preset, a file, a link) and land where `opts` says. */
  load: (text: string, opts?: LoadOptions) => Promise<void>;
  newMachine: (spec: MachineSpec) => Promise<void>;
  /** Run a command: its line is appended to the text, whatever its result. */
  run: (command: Command) => Promise<void>;
}
