/** A one-line description of a command for the CLI trace, in the scenario's own words. */
import type { Command, RangeRef } from '../engine/command';

function range(r: RangeRef): string {
  if (r.kind === 'addr') return `${r.addr}/${r.npages}`;
  if (r.count === null) return r.first === 0 ? r.buf : `${r.buf}[${r.first}..]`;
  return r.count === 1 ? `${r.buf}[${r.first}]` : `${r.buf}[${r.first}..${r.first + r.count - 1}]`;
}

export function describeCommand(c: Command): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(c)) {
    if (key === 'op') continue;
    if (v && typeof v === 'object' && 'kind' in v) parts.push(range(v as RangeRef));
    else if (v && typeof v === 'object' && 'scale' in v) {
      const x = v as { scale: number; offset: number };
      parts.push(
        x.scale === 0
          ? String(x.offset)
          : `${x.scale < 0 ? '-' : ''}i${x.offset ? (x.offset > 0 ? '+' : '') + x.offset : ''}`,
      );
    } else if (typeof v === 'boolean') {
      if (v) parts.push(key);
    } else if (v !== null) parts.push(String(v));
  }
  return `${c.op} ${parts.join(' ')}`;
}
