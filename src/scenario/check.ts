/**
 * The semantic checks of a scenario, on the AST: names declared before use, mirrors open,
 * numbers in range, limits. One implementation for both forms: the text parser runs it on
 * each statement it has read (problems land on the statement's tokens), `fromJson` runs it on
 * the validated JSON (problems land on JSON paths). Checking a command also applies it to the
 * SymbolTracker (fork declares, open opens, ...), so steps must be checked in order.
 */
import type { Arg, NameArg } from '../engine/commands/args';
import { specOf, type Command } from '../engine/commands/table';
import {
  BACKINGS,
  KERNELS,
  MEM_TYPES,
  PLATFORMS,
  PROTS,
  type MachineSpec,
  type RangeRef,
  type ValueExpr,
} from '../engine/commands/terms';
import {
  DEVICE_PAGES,
  LIMITS,
  PAGE_INDEX,
  RAM_PAGES,
  RANGE_COUNT,
  RANGE_PAGES,
  overLimit,
  type NumberSpec,
} from '../engine/limits';
import type { Expect, Note } from './ast';
import type { SymbolTracker } from './symbols';
import {
  BYTE,
  COUNT,
  FRAME_STATES,
  INT32,
  MIRROR_ENTRIES,
  PTE_FLAGS,
  PTE_KINDS,
  isAddr,
  isFileName,
  nameProblem,
  noteProblem,
  numberProblem,
  quote,
  retProblem,
  titleProblem,
  valueProblem,
} from './values';

/** Reports a problem at a field path relative to the thing checked (`range.first`, `bytes[2]`). */
export type Report = (field: string, problem: string, expected?: readonly string[]) => void;

function oneOf(value: unknown, words: readonly string[], what: string): string | null {
  if (typeof value === 'string' && words.includes(value)) return null;
  const found = typeof value === 'string' ? quote(value) : String(value);
  return `expected ${what} (${words.join(', ')}), found ${found}`;
}

function num(report: Report, field: string, n: number, spec: NumberSpec): void {
  const p = numberProblem(n, spec);
  if (p !== null) report(field, p);
}

function optNum(report: Report, field: string, n: number | null, spec: NumberSpec): void {
  if (n !== null) num(report, field, n, spec);
}

function word(report: Report, field: string, v: unknown, words: readonly string[], what: string) {
  const p = oneOf(v, words, what);
  if (p !== null) report(field, p, words);
}

function each(report: Report, field: string, problem: string | null): void {
  if (problem !== null) report(field, problem);
}

export function checkTitle(title: string | null, report: Report): void {
  if (title !== null) each(report, 'title', titleProblem(title));
}

/**
 * The `index`-th note under a command: it says something, within LIMITS.noteLength, and there
 * are at most LIMITS.notes under one command.
 */
export function checkNote(n: Note, index: number, report: Report): void {
  if (index >= LIMITS.notes) report('', overLimit('note count of one command', index + 1, 'notes'));
  each(report, 'text', noteProblem(n.text));
}

/** The machine: RAM, then each device and process is declared in order. */
export function checkMachine(m: MachineSpec, tracker: SymbolTracker, report: Report): void {
  word(report, 'kernel', m.kernel, KERNELS, 'a kernel model');
  word(report, 'platform', m.platform, PLATFORMS, 'a platform');
  num(report, 'ramPages', m.ramPages, RAM_PAGES);
  tracker.ramPages = m.ramPages;
  m.devices.forEach((d, i) => {
    word(report, `devices[${i}].type`, d.type, MEM_TYPES, 'a memory type');
    num(report, `devices[${i}].pages`, d.pages, DEVICE_PAGES);
    each(report, `devices[${i}].name`, tracker.declareDevice(d.name, d.pages));
  });
  m.processes.forEach((p, i) => each(report, `processes[${i}]`, tracker.declareProcess(p)));
}

export function checkRange(r: RangeRef, report: Report, at = 'range'): void {
  if (r.kind === 'addr') {
    if (!isAddr(r.addr)) {
      report(
        `${at}.addr`,
        `expected an address (0x and 1 to 16 lowercase hex digits), found ${quote(r.addr)}`,
      );
    }
    num(report, `${at}.npages`, r.npages, RANGE_PAGES);
    return;
  }
  each(report, `${at}.buf`, nameProblem(r.buf, 'a buffer name'));
  const firstProblem = numberProblem(r.first, PAGE_INDEX);
  if (firstProblem !== null) report(`${at}.first`, firstProblem);
  if (r.count === null) {
    if (r.first !== 0) {
      report(`${at}.first`, `a whole-buffer range (count null) must start at 0, found ${r.first}`);
    }
    return;
  }
  const p = numberProblem(r.count, RANGE_COUNT);
  if (p !== null) report(`${at}.count`, p);
  else if (firstProblem === null && r.first + r.count > LIMITS.mmapPages) {
    report(`${at}.count`, overLimit('range end', r.first + r.count, 'mmapPages'));
  }
}

function checkValue(v: ValueExpr, report: Report, at = 'value'): void {
  if (v.scale !== 0 && v.scale !== 1 && v.scale !== -1) {
    report(`${at}.scale`, `expected a scale of -1, 0 or 1, found ${String(v.scale)}`);
  } else each(report, `${at}.offset`, valueProblem(v));
}

function proc(tracker: SymbolTracker, report: Report, name: string, at = 'proc'): void {
  each(report, at, tracker.processProblem(name));
}

function mirror(tracker: SymbolTracker, report: Report, name: string, at = 'mirror'): void {
  each(report, at, tracker.mirrorProblem(name));
}

/** Checks one command and applies its declarations to the tracker (in the table's order). */
export function checkCommand(c: Command, tracker: SymbolTracker, report: Report): void {
  const spec = specOf(c.op);
  const f = c as Readonly<Record<string, unknown>>;
  if (spec.subject === 'process') proc(tracker, report, String(f.proc));
  else if (spec.subject === 'mirror') {
    if (spec.ends) each(report, 'mirror', tracker.close(String(f.mirror)));
    else mirror(tracker, report, String(f.mirror));
  }
  for (const arg of spec.args) checkArg(arg, f, tracker, report);
  if (spec.subject === 'process' && spec.ends) tracker.exit(String(f.proc));
}

function checkArg(
  arg: Arg,
  f: Readonly<Record<string, unknown>>,
  tracker: SymbolTracker,
  report: Report,
): void {
  switch (arg.kind) {
    case 'range':
      return checkRange(f.range as RangeRef, report);
    case 'value':
      return checkValue(f.value as ValueExpr, report);
    case 'int':
      return num(report, arg.field, f[arg.field] as number, arg.spec);
    case 'word':
      return word(report, arg.field, f[arg.field], arg.words, arg.what);
    case 'flags':
      return; // booleans: the shape (or the parser) already made sure
    case 'name':
      return checkName(arg, String(f[arg.field]), f, tracker, report);
    case 'mirror-as':
      return each(
        report,
        'mirror',
        tracker.open(String(f.mirror), String(f.proc), String(f.device)),
      );
    case 'mmap-options':
      word(report, 'backing', f.backing, BACKINGS, 'a backing');
      if (f.file !== null) {
        const file = f.file as string;
        if (f.backing !== 'file') report('file', 'a file name needs backing "file"');
        else if (!isFileName(file)) {
          report(
            'file',
            `expected a file name (1 to 255 of: letters, digits, _ . / + : @ = , ~ -), found ${quote(file)}`,
          );
        }
      }
      word(report, 'prot', f.prot, PROTS, 'a protection');
      return;
  }
}

/** A name, by its role: new names are declared here, others must exist. */
function checkName(
  arg: NameArg,
  name: string,
  f: Readonly<Record<string, unknown>>,
  tracker: SymbolTracker,
  report: Report,
): void {
  switch (arg.role) {
    case 'buffer':
      return each(report, arg.field, nameProblem(name, arg.what));
    case 'new-buffer':
      return each(
        report,
        arg.field,
        nameProblem(name, arg.what) ?? tracker.mmap(String(f.proc), name),
      );
    case 'new-process':
      return each(report, arg.field, tracker.declareProcess(name, String(f.proc)));
    case 'device':
      return each(report, arg.field, tracker.deviceProblem(name));
    case 'new-device':
      return each(report, arg.field, tracker.declareDevice(name, f.pages as number));
  }
}

function deviceSized(
  tracker: SymbolTracker,
  report: Report,
  field: string,
  device: string,
): number | null {
  const p = tracker.deviceProblem(device);
  if (p !== null) {
    report(field, p);
    return null;
  }
  return tracker.devicePages(device) ?? null;
}

/** Checks one expectation against the state after its command. */
export function checkExpect(e: Expect, tracker: SymbolTracker, report: Report): void {
  switch (e.kind) {
    case 'ret':
      each(report, 'code', retProblem(e.code));
      return;
    case 'counters':
      if (e.cpages === null && e.faults === null) report('', 'expected cpages or faults');
      optNum(report, 'cpages', e.cpages, COUNT);
      optNum(report, 'faults', e.faults, COUNT);
      return;
    case 'pte': {
      proc(tracker, report, e.proc);
      checkRange(e.range, report);
      word(report, 'pte', e.pte, PTE_KINDS, 'a PTE kind');
      const seen = new Set<string>();
      e.flags.forEach((f, i) => {
        word(report, `flags[${i}].flag`, f.flag, PTE_FLAGS, 'a PTE flag');
        if (seen.has(f.flag)) report(`flags[${i}]`, `the flag ${f.flag} is given twice`);
        seen.add(f.flag);
      });
      return;
    }
    case 'value':
      proc(tracker, report, e.proc);
      checkRange(e.range, report);
      checkValue(e.value, report);
      return;
    case 'devbuf':
      mirror(tracker, report, e.mirror);
      checkRange(e.range, report);
      checkValue(e.value, report);
      return;
    case 'snapshot':
      if (e.bytes.length === 0) report('bytes', 'expected at least one byte');
      else if (e.bytes.length > LIMITS.mmapPages) {
        report('bytes', overLimit('snapshot length', e.bytes.length, 'mmapPages'));
      }
      e.bytes.forEach((b, i) => num(report, `bytes[${i}]`, b, BYTE));
      return;
    case 'page':
      proc(tracker, report, e.proc);
      checkRange(e.range, report);
      optNum(report, 'ref', e.ref, COUNT);
      optNum(report, 'map', e.map, COUNT);
      optNum(report, 'pin', e.pin, COUNT);
      if (e.on !== null && e.on !== 'ram') deviceSized(tracker, report, 'on', e.on);
      if (e.ref === null && e.map === null && e.pin === null && e.on === null) {
        report('', 'expected at least one of ref, map, pin, on');
      }
      return;
    case 'frame': {
      const size =
        e.frame.mem === 'ram'
          ? tracker.ramPages
          : deviceSized(tracker, report, 'frame.mem', e.frame.mem);
      if (size !== null) {
        num(report, 'frame.index', e.frame.index, {
          what: `a frame index of ${e.frame.mem}`,
          min: 0,
          max: size - 1,
        });
      }
      optNum(report, 'ref', e.ref, COUNT);
      optNum(report, 'map', e.map, COUNT);
      optNum(report, 'value', e.value, INT32);
      if (e.state !== null) word(report, 'state', e.state, FRAME_STATES, 'a frame state');
      if (e.ref === null && e.map === null && e.value === null && e.state === null) {
        report('', 'expected at least one of ref, map, value, free, allocated');
      }
      return;
    }
    case 'bits': {
      const size = deviceSized(tracker, report, 'device', e.device);
      if (size === null) return;
      const bit = { what: `a bit index of ${e.device}`, min: 0, max: size - 1 };
      num(report, 'first', e.first, bit);
      if (e.last !== e.first) num(report, 'last', e.last, bit);
      if (e.last < e.first) report('last', `the last bit ${e.last} is before the first ${e.first}`);
      return;
    }
    case 'allocated': {
      const size = deviceSized(tracker, report, 'device', e.device);
      if (size !== null) {
        num(report, 'count', e.count, { what: `a page count of ${e.device}`, min: 0, max: size });
      }
      return;
    }
    case 'mirror':
      mirror(tracker, report, e.mirror);
      checkRange(e.range, report);
      word(report, 'entry', e.entry, MIRROR_ENTRIES, 'a mirror entry');
      return;
    case 'rss':
      proc(tracker, report, e.proc);
      num(report, 'count', e.count, COUNT);
      return;
  }
}
