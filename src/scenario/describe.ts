/** A command in the scenario's words, for titles and lists. */
import type { Command, RangeRef } from '../engine/command';

function range(r: RangeRef): string {
  if (r.kind === 'addr') return `${r.addr}/${r.npages}`;
  if (r.count === null) return r.first === 0 ? r.buf : `${r.buf}[${r.first}..]`;
  return r.count === 1 ? `${r.buf}[${r.first}]` : `${r.buf}[${r.first}..${r.first + r.count - 1}]`;
}

export function describeCommand(c: Command): string {
  switch (c.op) {
    case 'mmap':
      return `${c.proc} mmap ${c.buf} ${c.pages}`;
    case 'open':
      return `${c.proc} open ${c.device}`;
    case 'fork':
      return `${c.proc} fork ${c.child}`;
    case 'exit':
      return `${c.proc} exit`;
    case 'hotplug':
      return `hotplug ${c.device} ${c.type} ${c.pages}`;
    case 'unplug':
      return `unplug ${c.device}`;
    case 'reclaim':
      return `reclaim ${c.pages}`;
    case 'close':
    case 'release':
      return `${c.mirror} ${c.op}`;
    default:
      return 'proc' in c
        ? `${c.proc} ${c.op} ${range(c.range)}`
        : `${c.mirror} ${c.op} ${range(c.range)}`;
  }
}
