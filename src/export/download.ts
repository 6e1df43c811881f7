/** Saving an export: a file name from the scenario's title and the step, and a download. */
import { slug } from '../scenario/files';
import type { Position } from '../timeline/position';

export type ExportExt = 'svg' | 'png' | 'gif' | 'webm' | 'json' | 'txt';

/**
 * A position as a file name says it: `boot`, `op4-step2` (micro-step 2 of operation 4, as the
 * timeline counts them), `op4-start` (before operation 4's first micro-step).
 */
export function stepTag(at: Position | null): string {
  if (!at || at.op < 0) return 'boot';
  return at.step < 0 ? `op${at.op + 1}-start` : `op${at.op + 1}-step${at.step + 1}`;
}

/**
 * "one-page-to-the-gpu-and-back-op4-step2.png": the scenario's title as a file name (the rules
 * of the scenario's own .hmm file, scenario/files.ts), then each part that says what was
 * exported (the step, the range, the view; empty ones left out), each made safe the same way.
 */
export function exportName(title: string | null, parts: readonly string[], ext: ExportExt): string {
  const tags = parts.map((p) => slug(p, '')).filter((p) => p !== '');
  return [slug(title), ...tags].join('-') + `.${ext}`;
}

/** The parts of a picture's name: the step, and the view unless it is the whole lab. */
export function pictureParts(at: Position | null, view: string): string[] {
  return [stepTag(at), view === 'lab' ? '' : view];
}

/** The parts of an animation's name: its first and last steps, and the view unless the lab. */
export function rangeParts(from: Position, to: Position, view: string): string[] {
  return [`${stepTag(from)}-to-${stepTag(to)}`, view === 'lab' ? '' : view];
}

/** Start a download of `blob` as `name` (the browser's save dialog or downloads folder). */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked once the download has surely started (a click only queues it).
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "12.3 kB" */
export function formatBytes(n: number): string {
  return n < 1000
    ? `${n} B`
    : n < 1e6
      ? `${(n / 1e3).toFixed(1)} kB`
      : `${(n / 1e6).toFixed(2)} MB`;
}
