/** Saving an export: a file name from the scenario's title, and a download of a Blob. */
import { fileName } from '../scenario/files';

export type ExportExt = 'svg' | 'png' | 'gif' | 'webm' | 'json' | 'txt';

/**
 * "one-page-to-the-gpu-and-back-page-tables.png": the scenario file's name (same slug rules),
 * then what was exported.
 */
export function exportName(title: string | null, what: string, ext: ExportExt): string {
  const base = fileName(title, 'hmm').replace(/\.hmm$/, '');
  const tag = what
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base}${tag ? `-${tag}` : ''}.${ext}`;
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
