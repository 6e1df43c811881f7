/**
 * Operations and their micro-steps as the UI sees them: what the worker sends for each command
 * it ran, and what the views, the export and the store read.
 */
import type { Command } from '../engine/commands/table';
import type { ChangesJson } from '../engine/trace/changes';
import type { StepRecord } from '../engine/trace/step';

/** An expectation that did not hold after its command. */
export interface ExpectFailureView {
  /** The expectation's line in the scenario text (0 when not from text). */
  line: number;
  message: string;
}

/** One micro-step as the UI sees it: the engine's record of it, with its changes as JSON. */
export type StepView = Omit<StepRecord, 'changes'> & { changes: ChangesJson };

/** One operation (a command and the micro-steps it took). */
export interface OpView {
  index: number;
  command: Command;
  ret: number;
  cpages: number | null;
  faults: number | null;
  /** A name the command got wrong (not a kernel error). */
  problem: string | null;
  /** The command's line in the scenario text (0 when not from text). */
  line: number;
  /** Its expectations that failed, in order (empty when all held or there were none). */
  failures: ExpectFailureView[];
  /** Simulated ns of the whole operation. */
  cost: number;
  /** seq of its first step (steps may be empty only for a command that did nothing). */
  firstSeq: number;
  steps: StepView[];
}

/** What position arithmetic reads of an operation: how many steps it took, and where they start. */
export type OpSteps = Pick<OpView, 'steps' | 'firstSeq'>;
