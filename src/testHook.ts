/**
 * The read-only window hook e2e tests read (never written by tests, never read by the app).
 * Kept in its own module so the Playwright specs and the app share one type.
 */
export interface LabTestHook {
  /** Results of the in-browser conformance run, by scenario file name. */
  conformance: Record<string, { passed: boolean; traceHash: string }>;
}

declare global {
  interface Window {
    __hmmlab?: LabTestHook;
  }
}
