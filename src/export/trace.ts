/**
 * The trace of the current run, for slides and for programs: as JSON (every operation and every
 * micro-step, with names instead of codes, and the lecturer's notes) and as narrated text (one
 * block per operation, its notes, then the micro-steps numbered under it). Pure and
 * deterministic: the same run gives the same bytes.
 *
 * Commands are written the way the scenario text writes them (formatCommand, with the names
 * tracked through the run, so a mirror that is its device's only one is called by the device).
 */
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { Step } from '../scenario/ast';
import { errnoName } from '../engine/errno';
import { MARK } from '../engine/trace/step';
import type { Phase } from '../engine/trace/step';
import { checkCommand, checkMachine } from '../scenario/check';
import { formatCommand } from '../scenario/format';
import { SymbolTracker } from '../scenario/symbols';
import { formatNs } from '../engine/cost/time';
import type { OpView } from '../timeline/operations';

export const TRACE_FORMAT = 'hmm-lab/trace';
export const TRACE_VERSION = 1;

/** What a trace is made from: what the lab ran (the store's title, spec, ops and steps). */
export interface TraceSource {
  title: string | null;
  spec: MachineSpec;
  ops: readonly OpView[];
  /** The scenario's steps, one per operation: their notes go with the operations. */
  steps: readonly Pick<Step, 'notes'>[];
}

export type MarkName = keyof typeof MARK;

export interface TraceStep {
  /** Position in the whole run (0-based). */
  seq: number;
  fn: string;
  text: string;
  phase: Phase;
  pages: number;
  costNs: number;
  marks: MarkName[];
  /** The kernel source file or seed this step follows ('' when none). */
  source: string;
}

export interface TraceOperation {
  /** 1-based, as the timeline counts. */
  op: number;
  /** The command as the scenario text writes it. */
  command: string;
  /** The command as data (the scenario's JSON form of it). */
  commandData: Command;
  /** The command's line in the scenario text (0 when not from text). */
  line: number;
  /** The lecturer's notes at this operation (its `note` lines), in order. */
  notes: string[];
  /** "0", or the errno's name ("-ENOMEM"). */
  ret: string;
  cpages: number | null;
  faults: number | null;
  /** A name the command got wrong, so it did not run (null when it ran). */
  problem: string | null;
  costNs: number;
  failures: { line: number; message: string }[];
  steps: TraceStep[];
}

export interface TraceJson {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  title: string | null;
  machine: MachineSpec;
  summary: { operations: number; steps: number; costNs: number; failures: number };
  operations: TraceOperation[];
}

const MARK_NAMES = Object.keys(MARK) as MarkName[];

export function markNames(marks: number): MarkName[] {
  return MARK_NAMES.filter((m) => (marks & MARK[m]) !== 0);
}

/** Each operation's command in the scenario's words, names tracked from the machine on. */
export function commandTexts(spec: MachineSpec, ops: readonly Pick<OpView, 'command'>[]): string[] {
  const tracker = new SymbolTracker();
  const ignore = (): void => {};
  checkMachine(spec, tracker, ignore);
  return ops.map((op) => {
    const text = formatCommand(op.command, tracker);
    checkCommand(op.command, tracker, ignore);
    return text;
  });
}

export function traceJson(src: TraceSource): TraceJson {
  const texts = commandTexts(src.spec, src.ops);
  const operations = src.ops.map((op, i): TraceOperation => ({
    op: op.index + 1,
    command: texts[i] ?? '',
    commandData: op.command,
    line: op.line,
    notes: (src.steps[op.index]?.notes ?? []).map((n) => n.text),
    ret: errnoName(op.ret),
    cpages: op.cpages,
    faults: op.faults,
    problem: op.problem,
    costNs: op.cost,
    failures: op.failures.map((f) => ({ line: f.line, message: f.message })),
    steps: op.steps.map((s) => ({
      seq: s.seq,
      fn: s.fn,
      text: s.text,
      phase: s.phase,
      pages: s.pages,
      costNs: s.cost,
      marks: markNames(s.marks),
      source: s.source,
    })),
  }));
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    title: src.title,
    machine: src.spec,
    summary: {
      operations: operations.length,
      steps: operations.reduce((n, o) => n + o.steps.length, 0),
      costNs: operations.reduce((n, o) => n + o.costNs, 0),
      failures: operations.reduce((n, o) => n + o.failures.length, 0),
    },
    operations,
  };
}

/** The JSON file's text (two-space indented, a final newline). */
export function traceJsonText(src: TraceSource): string {
  return `${JSON.stringify(traceJson(src), null, 2)}\n`;
}

/** The machine in one line: "modern kernel · PCIe 4.0 · RAM 64 pages · gpu0 private 8 pages · app". */
export function machineLine(spec: MachineSpec): string {
  const kernel = spec.kernel === 'seeds' ? 'seeds kernel (≈ v4.14)' : 'modern kernel (v6.x)';
  const platform = spec.platform === 'c2c' ? 'NVLink-C2C' : 'PCIe 4.0';
  const pages = (n: number): string => `${n} page${n === 1 ? '' : 's'}`;
  const devices = spec.devices.map((d) => `${d.name} ${d.type} ${pages(d.pages)}`);
  const procs = spec.processes.length ? `process ${spec.processes.join(', ')}` : 'no process';
  return [kernel, platform, `RAM ${pages(spec.ramPages)}`, ...devices, procs].join(' · ');
}

function result(op: TraceOperation): string {
  if (op.problem) return `not run: ${op.problem}`;
  const counts = op.cpages !== null ? `, cpages ${op.cpages}, faults ${op.faults ?? 0}` : '';
  return `${op.ret}${counts}`;
}

/**
 * The narrated trace: a header, then per operation
 *
 *     op 3  app write buf 42  -> 0 (1.0 µs)
 *       note: The first touch faults: …
 *       1. handle_mm_fault -> do_anonymous_page: app: CPU write: …  [fault, 1.0 µs · mm/memory.c]
 *
 * and its failed expectations, if any.
 */
export function narratedText(src: TraceSource): string {
  const t = traceJson(src);
  const out: string[] = [];
  out.push(`# ${t.title ?? 'Untitled scenario'}`);
  out.push(machineLine(t.machine));
  const s = t.summary;
  out.push(
    `${s.operations} operation${s.operations === 1 ? '' : 's'}, ${s.steps} micro-step${s.steps === 1 ? '' : 's'}, simulated time ${formatNs(s.costNs)}` +
      (s.failures ? `, ${s.failures} failed expectation${s.failures === 1 ? '' : 's'}` : ''),
  );
  for (const op of t.operations) {
    out.push('');
    out.push(`op ${op.op}  ${op.command}  -> ${result(op)} (${formatNs(op.costNs)})`);
    for (const n of op.notes) out.push(`  note: ${n}`);
    op.steps.forEach((st, i) => {
      const where = st.source ? ` · ${st.source}` : '';
      out.push(`  ${i + 1}. ${st.fn}: ${st.text}  [${st.phase}, ${formatNs(st.costNs)}${where}]`);
    });
    for (const f of op.failures)
      out.push(`  ! expectation${f.line > 0 ? ` (line ${f.line})` : ''} failed: ${f.message}`);
  }
  return `${out.join('\n')}\n`;
}
