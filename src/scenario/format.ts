/**
 * A Scenario → its canonical text. For every valid scenario s,
 * `stripLines(parse(format(s)).scenario)` deep-equals `stripLines(s)`; and format is a fixed
 * point: `format(parse(format(s)).scenario) === format(s)`. Line numbers are the only thing
 * the text does not carry from an AST that did not come from this text, hence stripLines.
 *
 * Layout: the header (title if any, kernel, platform, ram, devices, header processes), a blank
 * line, then one line per command with its expectations under it, indented by two spaces.
 */
import type { Command, RangeRef } from '../engine/command';
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
  const tracker = new SymbolTracker();
  const ignore = (): void => {};
  checkMachine(m, tracker, ignore);
  if (s.steps.length > 0) out.push('');
  for (const step of s.steps) {
    out.push(formatCommand(step.command, tracker));
    checkCommand(step.command, tracker, ignore);
    for (const e of step.expects) out.push(`  ${formatExpect(e, tracker)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The same scenario with every `line` set to 0 ("not from text"): the round-trip equality. */
export function stripLines(s: Scenario): Scenario {
  return {
    ...s,
    steps: s.steps.map((st): Step => ({
      ...st,
      line: 0,
      expects: st.expects.map((e) => ({ ...e, line: 0 })),
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

const MIRROR_WORD = {
  'dev-read': 'read',
  'dev-write': 'write',
  'migrate-to-dev': 'migrate',
  'migrate-to-sys': 'migrate-to-sys',
  snapshot: 'snapshot',
  exclusive: 'exclusive',
  'check-exclusive': 'check-exclusive',
} as const;

const CPU_WORD = {
  munmap: 'munmap',
  'cpu-read': 'read',
  'cpu-inc': 'inc',
  unpin: 'unpin',
  ksm: 'ksm',
  'numa-balance': 'numa-balance',
  'migrate-pages': 'migrate-pages',
} as const;

export function formatCommand(c: Command, tracker: SymbolTracker): string {
  switch (c.op) {
    case 'mmap': {
      const words = [c.proc, 'mmap', c.buf, String(c.pages)];
      if (c.backing === 'file') words.push(c.file === null ? 'file' : `file:${c.file}`);
      if (c.shared) words.push('shared');
      if (c.prot !== 'rw') words.push(c.prot);
      return words.join(' ');
    }
    case 'munmap':
    case 'cpu-read':
    case 'cpu-inc':
    case 'unpin':
    case 'ksm':
    case 'numa-balance':
    case 'migrate-pages':
      return `${c.proc} ${CPU_WORD[c.op]} ${formatRange(c.range)}`;
    case 'mprotect':
      return `${c.proc} mprotect ${formatRange(c.range)} ${c.prot}`;
    case 'madvise':
      return `${c.proc} madvise ${formatRange(c.range)} ${c.advice}`;
    case 'fork':
      return `${c.proc} fork ${c.child}`;
    case 'exit':
      return `${c.proc} exit`;
    case 'cpu-write':
      return `${c.proc} write ${formatRange(c.range)} ${formatValue(c.value)}`;
    case 'gup': {
      const flags = (['write', 'pin', 'longterm', 'fast'] as const).filter((f) => c[f]);
      return [c.proc, 'gup', formatRange(c.range), ...flags].join(' ');
    }
    case 'open': {
      const as = c.mirror === defaultMirrorName(c.proc, c.device) ? '' : ` as ${c.mirror}`;
      return `${c.proc} open ${c.device}${as}`;
    }
    case 'close':
    case 'release':
      return `${subject(c.mirror, tracker)} ${c.op}`;
    case 'devbuf':
      return `${subject(c.mirror, tracker)} fill ${formatRange(c.range)} ${formatValue(c.value)}`;
    case 'dev-touch': {
      const w = c.write ? ' write' : '';
      return `${subject(c.mirror, tracker)} touch ${formatRange(c.range)}${w}`;
    }
    case 'dev-read':
    case 'dev-write':
    case 'migrate-to-dev':
    case 'migrate-to-sys':
    case 'snapshot':
    case 'exclusive':
    case 'check-exclusive':
      return `${subject(c.mirror, tracker)} ${MIRROR_WORD[c.op]} ${formatRange(c.range)}`;
    case 'hotplug':
      return `machine hotplug ${c.device} ${c.type} ${c.pages}`;
    case 'unplug':
      return `machine unplug ${c.device}`;
    case 'reclaim':
      return `machine reclaim ${c.pages}`;
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
