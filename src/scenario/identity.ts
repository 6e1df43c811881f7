/**
 * When two steps are the same step: their command and expectations, whatever their lines and
 * however their objects were built. The worker keeps the unchanged prefix of an edit by it; the
 * store finds what an edit changed by it.
 */
import type { RunStep } from './ast';

/** JSON with object keys sorted, so equal data gives equal text whatever built it. */
export function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** A step's identity for prefix reuse: its command and expectations, without line numbers. */
export function stepKey(s: RunStep): string {
  return canonical({
    command: s.command,
    expects: s.expects.map(({ line: _line, ...e }) => e),
  });
}
