/**
 * The little the benchmarks need from Node, reached through globalThis: these files are also
 * type-checked by the app's project, which has no Node types.
 */

interface NodeProcess {
  argv?: string[];
  memoryUsage?: () => { heapUsed: number; arrayBuffers: number; external: number; rss: number };
  versions?: { node?: string; v8?: string };
  arch?: string;
  exit?: (code: number) => never;
}

const proc = (globalThis as { process?: NodeProcess }).process;

export const argv: string[] = proc?.argv ?? [];

/** `--name` is present. */
export function flag(name: string): boolean {
  return argv.includes(`--${name}`);
}

/** The number after `--name`, if there is one. */
export function numArg(name: string): number | undefined {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : undefined;
}

/** The string after `--name`, if there is one. */
export function strArg(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? argv[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
}

export interface Heap {
  /** V8's JavaScript heap in use (objects, arrays, strings, Maps). */
  heapUsed: number;
  /** Memory behind ArrayBuffers (every typed array's storage lives here, outside the heap). */
  arrayBuffers: number;
}

/** A Node built-in, imported by a name the app's type-checker does not try to resolve. */
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

let gcFn: (() => void) | null | undefined;

/**
 * A full garbage collection, when one can be had: `--expose-gc`, or V8's flag set at run time
 * (node:v8 setFlagsFromString + a fresh vm context exposes `gc`). Returns false when neither works.
 */
export async function initGc(): Promise<boolean> {
  if (gcFn !== undefined) return gcFn !== null;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') {
    gcFn = g;
    return true;
  }
  try {
    const v8 = (await load('node:v8')) as { setFlagsFromString(s: string): void };
    const vm = (await load('node:vm')) as { runInNewContext(code: string): unknown };
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc');
    gcFn = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    gcFn = null;
  }
  return gcFn !== null;
}

/** A full garbage collection (before each timed region, so that it starts clean). */
export function gc(): void {
  if (gcFn) gcFn();
}

export function heap(): Heap {
  const u = proc?.memoryUsage?.();
  return { heapUsed: u?.heapUsed ?? 0, arrayBuffers: u?.arrayBuffers ?? 0 };
}

export function runtime(): string {
  return `node ${proc?.versions?.node ?? '?'} (V8 ${proc?.versions?.v8 ?? '?'}, ${proc?.arch ?? '?'})`;
}
