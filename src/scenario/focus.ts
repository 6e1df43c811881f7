/**
 * The focus: the pages a scenario is about (`focus <proc> <range>`, a header line). The lab
 * selects them when it opens the scenario, so the page tables and `struct page` show them
 * from the first step instead of asking the audience to select something.
 *
 * Checked in two parts, as the names of commands are: the process and the range when the line
 * is read (against the header's names), and, once every command is known, that an `mmap` of
 * that process maps the buffer and that the range fits in it (a header line comes before the
 * commands that map anything). Only the first `mmap` of a name counts: the engine refuses a
 * second one while the name exists, and never forgets a buffer's name.
 */
import type { Focus, Scenario, Step } from './ast';
import { checkRange, type Report } from './check';
import type { SymbolTracker } from './symbols';
import { quote } from './values';

/** The pages a focus stands for, as the lab selects them (the timeline's RangeSelection). */
export interface FocusPages {
  proc: string;
  buf: string;
  first: number;
  count: number;
}

/** The focus's process (declared above it) and range (a buffer range, in bounds). */
export function checkFocus(f: Focus, tracker: SymbolTracker, report: Report): void {
  // A header line: the process cannot come from a fork, only from a `process` line above.
  const p =
    tracker.kindOf(f.proc) === undefined
      ? `expected a process declared above, found the unknown name ${quote(f.proc)} (declare it with \`process ${f.proc}\` before the focus line)`
      : tracker.processProblem(f.proc);
  if (p !== null) report('proc', p);
  checkRange(f.range, report);
}

/** The size of the buffer `proc` maps as `buf` (its first mmap), or null when none maps it. */
export function mappedPages(steps: readonly Step[], proc: string, buf: string): number | null {
  for (const { command: c } of steps)
    if (c.op === 'mmap' && c.proc === proc && c.buf === buf) return c.pages;
  return null;
}

/** After the commands: the focus's buffer is mapped by its process, and the range fits in it. */
export function checkFocusMapped(f: Focus, steps: readonly Step[], report: Report): void {
  const pages = mappedPages(steps, f.proc, f.range.buf);
  if (pages === null) {
    report(
      'range.buf',
      `the focus buffer ${quote(f.range.buf)} is never mapped by ${quote(f.proc)} (map it with \`${f.proc} mmap ${f.range.buf} <pages>\`)`,
    );
    return;
  }
  const end = f.range.first + (f.range.count ?? pages);
  if (end > pages) {
    report(
      'range',
      `the focus ends at page ${end - 1} of ${quote(f.range.buf)}, which has ${pages} page${pages === 1 ? '' : 's'} (0 to ${pages - 1})`,
    );
  }
}

/** The pages a scenario's focus selects (a whole buffer: every page its mmap maps), or null. */
export function focusPages(s: Pick<Scenario, 'focus' | 'steps'>): FocusPages | null {
  const f = s.focus;
  if (f === null) return null;
  const pages = mappedPages(s.steps, f.proc, f.range.buf);
  if (pages === null) return null;
  const count = f.range.count ?? pages - f.range.first;
  return { proc: f.proc, buf: f.range.buf, first: f.range.first, count };
}
