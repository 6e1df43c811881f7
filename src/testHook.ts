/**
 * The read-only window hook e2e tests read (never written by tests, never read by the app).
 * Kept in its own module so the Playwright specs and the app share one type.
 */
import type { EngineRun } from './selfcheck/runs';
import type { FaultPlan } from './worker/protocol';

export interface LabTestHook {
  /** Results of the in-browser conformance run, by scenario file name. */
  conformance: Record<string, { passed: boolean; traceHash: string }>;
  /** On the self-check page: the trace hash of each run, computed in the self-check worker. */
  hashRuns?: (runs: EngineRun[]) => Promise<string[]>;
  /** The states the memory grid `name` ('ram' or a device) painted last, one per frame. */
  grid?: (name: string) => string[];
  /** The CPU page-table entry of page `index` of buffer `buf` in process `proc`. */
  pte?: (
    proc: string,
    buf: string,
    index: number,
  ) => { kind: string; pfn: number; bits: string[] } | null;
  /** A frame's struct page counters. */
  frame?: (pfn: number) => { ref: number; map: number; pin: number; value: number } | null;
  /** The watched frame's refcount history (what the chart draws). */
  history?: () => { fn: string; ref: number; map: number }[];
  /** The kernel functions of the current operation's micro-steps. */
  narration?: () => string[];
  /** Milliseconds from the last click to its reply applied. */
  latency?: () => number | null;
  /** Changes whenever a worker reply is applied (operations : micro-step position). */
  stamp?: () => string;
  /**
   * Fault injection, only under automation (navigator.webdriver), never from a URL or a
   * scenario: `watchdog(ms)` shortens the worker watchdog; `arm({kind, op})` makes every live
   * run of a command with that op hang (an endless loop) or throw, in this worker and every
   * restarted one; `arm(null)` clears it.
   */
  faults?: {
    watchdog: (ms: number) => void;
    arm: (plan: FaultPlan | null) => Promise<void>;
  };
}

declare global {
  interface Window {
    __hmmlab?: LabTestHook;
  }
}
