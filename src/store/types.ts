/**
 * The lab store's shape: the latest snapshot and timeline from the worker, plus UI state
 * (selection, watched frame, errors). Views read it through the named selectors in
 * selectors.ts; only bridge.ts writes engine data into it.
 */
import type { Command, MachineSpec } from '../engine/command';
import type { Snapshot } from '../engine/snapshot';
import type { FrameHistory, OpView, Position } from '../worker/protocol';

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
  /** Where: 'worker' (the engine threw), 'crash' (the worker died and was restarted), 'kernel'. */
  kind: 'worker' | 'crash' | 'kernel';
}

export interface LabState {
  /** starting: no worker answer yet; busy: a request is in flight. */
  status: 'starting' | 'ready' | 'busy';
  spec: MachineSpec;
  /** The scenario's commands so far (loaded or clicked), in order. */
  commands: Command[];
  ops: OpView[];
  snapshot: Snapshot | null;
  position: Position | null;
  selection: RangeSelection | null;
  /** The frame the inspector shows (and whose history the worker sends). */
  watched: number | null;
  history: FrameHistory | null;
  error: LabError | null;
  /** Milliseconds from the last request to its reply (for the click-to-view benchmark). */
  lastLatencyMs: number | null;

  newMachine: (spec: MachineSpec, commands?: Command[]) => Promise<void>;
  /** Run a command; it is appended to the scenario whatever its result (a kernel error is a result). */
  run: (command: Command) => Promise<void>;
  seek: (op: number, step: number) => Promise<void>;
  select: (selection: RangeSelection | null) => void;
  watch: (pfn: number | null) => Promise<void>;
  dismissError: () => void;
  /** Test hook: make the worker throw (recoverable) or die (fatal). */
  injectFailure: (fatal: boolean) => Promise<void>;
}
