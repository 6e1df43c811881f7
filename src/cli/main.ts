/**
 * The sim command (npm run sim -- FILE [--json] [--invariants] [--quiet]), as a function of
 * its arguments and output streams so tests can drive it.
 *
 * Runs a scenario headless and prints its narrated trace (or JSON with --json). Exits 0 when
 * every expectation holds, 1 when one fails (each failure named with its line), 2 when the
 * file cannot be read or parsed (each error with line and column).
 */
import { readFileSync, statSync } from 'node:fs';
import { formatNs } from '../engine/cost/time';
import { checkInvariants } from '../engine/invariants';
import { LIMITS } from '../engine/limits';
import { errnoName } from '../engine/errno';
import { changesToJson } from '../engine/trace/changes';
import type { ScenarioError } from '../scenario/errors';
import { fromJson } from '../scenario/json';
import { parse } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { describeCommand } from '../scenario/format';
import { referenceText } from '../scenario/reference';

interface Options {
  file: string;
  json: boolean;
  invariants: boolean;
  quiet: boolean;
}

const USAGE =
  'usage: npm run sim -- FILE [--json] [--invariants] [--quiet]\n  FILE  a scenario, as text (.hmm) or JSON (.json)';

/** --help: the usage, then every command a scenario can hold (from the command table). */
const HELP = `${USAGE}\n\nCommands (<p> a process, <m> a mirror or a device with one open mirror):\n${referenceText()}\n\nThe format, ranges, values and expectations: src/scenario/README.md`;

function parseArgs(argv: readonly string[]): Options | string {
  const files = argv.filter((a) => !a.startsWith('--'));
  const flags = argv.filter((a) => a.startsWith('--'));
  const known = ['--json', '--invariants', '--quiet', '--help'];
  const unknown = flags.find((f) => !known.includes(f));
  if (flags.includes('--help')) return HELP;
  if (unknown) return `unknown option ${unknown}\n${USAGE}`;
  if (files.length !== 1) return `expected one scenario file, got ${files.length}\n${USAGE}`;
  return {
    file: files[0] ?? '',
    json: flags.includes('--json'),
    invariants: flags.includes('--invariants'),
    quiet: flags.includes('--quiet'),
  };
}

function readScenarioText(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) throw new Error(`${file} is not a file`);
  if (st.size > LIMITS.textLength * 4)
    throw new Error(
      `${file} is ${st.size} bytes, over the limit textLength = ${LIMITS.textLength} characters`,
    );
  return readFileSync(file, 'utf8');
}

function printErrors(out: Output, file: string, errors: readonly ScenarioError[]): void {
  for (const e of errors)
    out.stderr(
      `${file}:${e.line}:${e.column}: ${e.message.replace(/^line \d+, column \d+: /, '')}\n`,
    );
}

/** Simulated time in plain ASCII for terminals. */
const ns = (t: number): string => formatNs(t, 'us');

export interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function simMain(argv: readonly string[], out: Output): number {
  const opt = parseArgs(argv);
  if (typeof opt === 'string') {
    out.stderr(opt + '\n');
    return opt === HELP ? 0 : 2;
  }
  let text: string;
  try {
    text = readScenarioText(opt.file);
  } catch (e) {
    out.stderr(`${opt.file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed =
    opt.file.endsWith('.json') || text.trimStart().startsWith('{') ? fromJson(text) : parse(text);
  if (!parsed.ok) {
    printErrors(out, opt.file, parsed.errors);
    return 2;
  }
  const s = parsed.scenario;
  const violations: { line: number; message: string }[] = [];
  const outcome = runScenario(s, {
    onStep: opt.invariants
      ? (step, ci, engine) => {
          for (const v of checkInvariants(engine.machine, false))
            violations.push({
              line: s.steps[ci]?.line ?? 0,
              message: `invariant ${v.rule} broken after step ${step.seq} (${step.fn}): ${v.detail}`,
            });
        }
      : undefined,
    onCommand: opt.invariants
      ? (_rec, ci, engine) => {
          for (const v of checkInvariants(engine.machine, true))
            violations.push({
              line: s.steps[ci]?.line ?? 0,
              message: `invariant ${v.rule} broken after the command: ${v.detail}`,
            });
        }
      : undefined,
  });
  if (!outcome.ok) {
    out.stderr(`${opt.file}: ${outcome.error}\n`);
    return 2;
  }
  const run = outcome.run;
  const steps = run.records.reduce((n, r) => n + r.steps.length, 0);
  const expects = s.steps.reduce((n, st) => n + st.expects.length, 0);
  const failures = [
    ...run.failures,
    ...run.problems.map((p) => ({ line: p.line, expect: 'command', message: p.message })),
    ...violations.map((v) => ({ ...v, expect: 'invariant' })),
  ];
  if (opt.json) {
    const doc = {
      file: opt.file,
      title: s.title,
      kernel: s.machine.kernel,
      platform: s.machine.platform,
      traceHash: run.engine.traceHash(),
      simulatedNs: run.engine.machine.time,
      commands: run.records.map((r, i) => ({
        line: s.steps[i]?.line ?? 0,
        command: r.cmd,
        ret: r.result.ret,
        cpages: r.result.cpages,
        faults: r.result.faults,
        snapshot: r.result.snapshot ? [...r.result.snapshot] : null,
        costNs: r.cost,
        steps: r.steps.map((st) => ({
          seq: st.seq,
          fn: st.fn,
          text: st.text,
          phase: st.phase,
          pages: st.pages,
          costNs: st.cost,
          changed: changesToJson(st.changes),
        })),
      })),
      failures,
      passed: failures.length === 0,
    };
    out.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else {
    if (s.title && !opt.quiet) out.stdout(`# ${s.title}\n`);
    run.records.forEach((r, i) => {
      if (opt.quiet) return;
      const line = s.steps[i]?.line ?? 0;
      out.stdout(`\nline ${line}: ${describeCommand(r.cmd)}\n`);
      for (const st of r.steps)
        out.stdout(`  ${st.fn}\n      ${st.text}  [${st.phase}, ${ns(st.cost)}]\n`);
      const c =
        r.result.cpages !== null ? `, cpages ${r.result.cpages}, faults ${r.result.faults}` : '';
      out.stdout(`  => ret ${errnoName(r.result.ret)}${c}  (${ns(r.cost)})\n`);
    });
    for (const f of failures) out.stderr(`${opt.file}:${f.line}: ${f.expect}: ${f.message}\n`);
    out.stdout(
      `\n${run.records.length} commands, ${steps} micro-steps, ${expects} expectations: ` +
        (failures.length ? `${failures.length} FAILED` : 'all passed') +
        `; simulated time ${ns(run.engine.machine.time)}; trace hash ${run.engine.traceHash()}\n`,
    );
  }
  return failures.length ? 1 : 0;
}
