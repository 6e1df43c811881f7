/**
 * A Scenario → its canonical text. For every valid scenario s,
 * `stripLines(parse(format(s)).scenario)` deep-equals `stripLines(s)`; and format is a fixed
 * point: `format(parse(format(s)).scenario) === format(s)`. Line numbers are the only thing
 * the text does not carry from an AST that did not come from this text, hence stripLines.
 *
 * Layout: the header (title if any, kernel, platform, ram, devices, header processes, the focus
 * if any), a blank line, then one line per command with its notes, then its expectations,
 * under it, indented by two spaces (a note first: it says what the command is for).
 */
import { MMAP_DEFAULTS, type Arg } from '../engine/commands/args';
import { specOf, type Command } from '../engine/commands/table';
import type { RangeRef, ValueExpr } from '../engine/commands/terms';
import type { Expect, Scenario, Step } from './ast';
import { checkCommand, checkMachine } from './check';
import { SymbolTracker } from './symbols';
import { defaultMirrorName, formatRet, formatValue, quoteString } from './values';

export function format(s: Scenario): string {
  const m = s.machine;
  const out: string[] = [];
  if (s.title !== null) out.push(`title ${quoteString(s.title)}`);
  out.push(`kernel ${m.kernel}`, `platform ${m.platform}`, `ram ${m.ramPages}`);
  for (const d of m.devices) out.push(`device ${d.name} ${d.type} ${d.pages}`);
  for (const p of m.processes) out.push(`process ${p}`);
  if (s.focus) out.push(`focus ${s.focus.proc} ${formatRange(s.focus.range)}`);
  const tracker = new SymbolTracker();
  const ignore = (): void => {};
  checkMachine(m, tracker, ignore);
  if (s.steps.length > 0) out.push('');
  for (const step of s.steps) {
    out.push(formatCommand(step.command, tracker));
    checkCommand(step.command, tracker, ignore);
    for (const n of step.notes) out.push(`  note ${quoteString(n.text)}`);
    for (const e of step.expects) out.push(`  ${formatExpect(e, tracker)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The same scenario with every `line` set to 0 ("not from text"): the round-trip equality. */
export function stripLines(s: Scenario): Scenario {
  return {
    ...s,
    focus: s.focus && { ...s.focus, line: 0 },
    steps: s.steps.map((st): Step => ({
      ...st,
      line: 0,
      expects: st.expects.map((e) => ({ ...e, line: 0 })),
      notes: st.notes.map((n) => ({ ...n, line: 0 })),
    })),
  };
}

export function formatRange(r: RangeRef): string {
  if (r.kind === 'addr') return `${r.addr}/${r.npages}`;
  if (r.count === null) return r.buf;
  if (r.count === 1) return `${r.buf}[${r.first}]`;
  return `${r.buf}[${r.first}..${r.first + r.count - 1}]`;
}

/** How a mirror is named at this point: by its device when it is the device's only open one. */
function subject(mirror: string, tracker: SymbolTracker): string {
  const info = tracker.mirror(mirror);
  if (info === undefined) return mirror;
  const open = tracker.mirrorsOf(info.device);
  return open.length === 1 && open[0] === mirror ? info.device : mirror;
}

/**
 * A command's line. `tracker` holds the names at that point of the scenario (a mirror is then
 * named by its device when it is the device's only open mirror); without one, by its own name.
 */
export function formatCommand(c: Command, tracker: SymbolTracker | null): string {
  const spec = specOf(c.op);
  const f = c as Readonly<Record<string, unknown>>;
  const words: string[] = [];
  if (spec.subject === 'process') words.push(String(f.proc));
  else if (spec.subject === 'mirror')
    words.push(tracker ? subject(String(f.mirror), tracker) : String(f.mirror));
  else words.push('machine');
  words.push(spec.verbs[0]);
  for (const arg of spec.args) words.push(...argWords(arg, f));
  return words.join(' ');
}

/**
 * A command in the scenario's words, briefly, for captions and lists: what acts (a process or
 * a mirror, by name), the verb, and what it acts on (ranges, names, sizes), not how (values,
 * protections, flags and options are left to the line itself).
 */
export function describeCommand(c: Command): string {
  const spec = specOf(c.op);
  const f = c as Readonly<Record<string, unknown>>;
  const words: string[] = [];
  if (spec.subject === 'process') words.push(String(f.proc));
  if (spec.subject === 'mirror') words.push(String(f.mirror));
  words.push(spec.verbs[0]);
  for (const arg of spec.args)
    if (arg.kind === 'range' || arg.kind === 'name' || arg.kind === 'int')
      words.push(...argWords(arg, f));
  return words.join(' ');
}

function argWords(arg: Arg, f: Readonly<Record<string, unknown>>): string[] {
  switch (arg.kind) {
    case 'range':
      return [formatRange(f.range as RangeRef)];
    case 'value':
      return [formatValue(f.value as ValueExpr)];
    case 'int':
    case 'word':
    case 'name':
      return [String(f[arg.field])];
    case 'flags':
      return arg.flags.filter((flag) => f[flag] === true);
    case 'mirror-as':
      return f.mirror === defaultMirrorName(String(f.proc), String(f.device))
        ? []
        : ['as', String(f.mirror)];
    case 'mmap-options': {
      const words: string[] = [];
      if (f.backing === 'file') words.push(f.file === null ? 'file' : `file:${f.file as string}`);
      if (f.shared !== MMAP_DEFAULTS.shared) words.push('shared');
      if (f.prot !== MMAP_DEFAULTS.prot) words.push(String(f.prot));
      return words;
    }
  }
}

function clause(word: string, n: number | string | null): string[] {
  return n === null ? [] : [word, String(n)];
}

export function formatExpect(e: Expect, tracker: SymbolTracker): string {
  const words = ['expect'];
  switch (e.kind) {
    case 'ret':
      words.push('ret', formatRet(e.code));
      break;
    case 'counters':
      if (e.cpages !== null)
        words.push(...clause('cpages', e.cpages), ...clause('faults', e.faults));
      else words.push(...clause('faults', e.faults));
      break;
    case 'pte':
      words.push('pte', e.proc, formatRange(e.range), e.pte);
      words.push(...e.flags.map((f) => (f.set ? f.flag : `!${f.flag}`)));
      break;
    case 'value':
      words.push('value', e.proc, formatRange(e.range), formatValue(e.value));
      break;
    case 'devbuf':
      words.push('devbuf', subject(e.mirror, tracker), formatRange(e.range), formatValue(e.value));
      break;
    case 'snapshot':
      words.push('snapshot', ...e.bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')));
      break;
    case 'page':
      words.push('page', e.proc, formatRange(e.range));
      words.push(...clause('ref', e.ref), ...clause('map', e.map), ...clause('pin', e.pin));
      words.push(...clause('on', e.on));
      break;
    case 'frame':
      words.push('frame', `${e.frame.mem}:${e.frame.index}`);
      words.push(...clause('ref', e.ref), ...clause('map', e.map), ...clause('value', e.value));
      if (e.state !== null) words.push(e.state);
      break;
    case 'bits': {
      const bits = e.first === e.last ? `${e.first}` : `${e.first}..${e.last}`;
      words.push('bits', e.device, bits, e.set ? 'set' : 'clear');
      break;
    }
    case 'allocated':
      words.push('allocated', e.device, String(e.count));
      break;
    case 'mirror':
      words.push('mirror', subject(e.mirror, tracker), formatRange(e.range), e.entry);
      break;
    case 'rss':
      words.push('rss', e.proc, String(e.count));
      break;
  }
  return words.join(' ');
}
