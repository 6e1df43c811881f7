/**
 * Installs the read-only window.__hmmlab hook e2e tests read: what the canvases painted, the
 * PTE a page has, a frame's struct page, the chart's points, the narration. Installed always
 * (it only reads), except `faults` (worker fault injection), installed only under automation
 * (navigator.webdriver); never used by the app itself.
 */
import type { StoreApi } from 'zustand/vanilla';
import { PTE_BIT_NAMES, PTE_KIND_NAMES } from '../engine/mm/pte';
import type { LabState } from '../store/types';
import type { CellState } from './model/frameCells';
import { entryAt } from './model/lookup';
import type { EngineRun } from '../engine/runs';
import type { FaultPlan } from '../engine/testing/faults';

/** The read-only window hook e2e tests read (never written by tests, never read by the app). */
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

/** What each memory grid painted last, by memory name (read only when a test asks). */
export const painted = new Map<string, () => CellState[]>();

type Faults = NonNullable<LabTestHook['faults']>;

/** What the fault-injection part of the hook needs of the worker client. */
export interface FaultTarget {
  setWatchdog: Faults['watchdog'];
  fault: Faults['arm'];
}

export function installTestHook(store: StoreApi<LabState>, client?: FaultTarget): void {
  const prev = window.__hmmlab;
  // Faults only under automation: no URL, scenario or click can reach them.
  const faults: Faults | undefined =
    client && navigator.webdriver
      ? {
          watchdog: (ms: number) => client.setWatchdog(ms),
          arm: (plan) => client.fault(plan),
        }
      : undefined;
  window.__hmmlab = {
    conformance: prev?.conformance ?? {},
    grid: (name) => painted.get(name)?.() ?? [],
    pte: (proc, buf, index) => {
      const s = store.getState().snapshot;
      const p = s?.procs.find((x) => x.name === proc);
      const b = p?.buffers.find((x) => x.name === buf);
      if (!s || !p || !b) return null;
      const e = entryAt(p.pte, b.start + index);
      if (!e || e.kind === 0) return { kind: 'none', pfn: -1, bits: [] };
      const kind = e.kind === 1 && e.pfn === s.zeroPfn ? 'zero' : (PTE_KIND_NAMES[e.kind] ?? '?');
      return { kind, pfn: e.pfn, bits: PTE_BIT_NAMES.filter((_, i) => (e.bits & (1 << i)) !== 0) };
    },
    frame: (pfn) => {
      const s = store.getState().snapshot;
      if (!s || pfn < 0 || pfn >= s.frames.count) return null;
      return {
        ref: s.frames.ref[pfn] ?? 0,
        map: s.frames.map[pfn] ?? 0,
        pin: s.frames.pin[pfn] ?? 0,
        value: s.frames.value[pfn] ?? 0,
      };
    },
    history: () => {
      const h = store.getState().history;
      return h ? h.points.map((p) => ({ fn: p.fn, ref: p.ref, map: p.map })) : [];
    },
    narration: () => {
      const st = store.getState();
      const op = st.position ? st.ops[st.position.op] : undefined;
      return op ? op.steps.map((s) => s.fn) : [];
    },
    latency: () => store.getState().lastLatencyMs,
    stamp: () => {
      const st = store.getState();
      return `${st.ops.length}:${st.snapshot?.seq ?? -1}:${st.position?.op ?? -2}.${st.position?.step ?? -2}`;
    },
    ...(faults ? { faults } : {}),
  };
}
