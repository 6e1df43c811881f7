/** Commands tests build often, spelled once. */
import type { Command } from '../commands/table';

/** `proc mmap buf pages`: private anonymous, read-write (the text's defaults). */
export function mmapAnon(proc: string, buf: string, pages: number): Command {
  return { op: 'mmap', proc, buf, pages, backing: 'anon', file: null, shared: false, prot: 'rw' };
}
