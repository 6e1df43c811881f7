/**
 * What the store tells the user, word for word: every banner a worker error, a text error or a
 * crash puts up. One place, so the wording stays consistent (tests check it byte for byte).
 */
import type { Step } from '../scenario/ast';
import type { Landing, Position } from '../timeline/position';
import type { LabError } from './types';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const replayed = (n: number): string =>
  `your ${plural(n, 'command')} ${n === 1 ? 'was' : 'were'} replayed`;

/** Where the views are, as the timeline says it. */
function where(p: Position): string {
  return p.op < 0 ? 'the machine as booted' : `op ${p.op + 1}, step ${p.step + 1}`;
}

/** "command 5 (inc, line 9)" for operation `k` of `steps` ("(a new one)" past their end). */
function commandName(k: number, steps: readonly Step[]): string {
  const s = steps[k];
  if (!s) return `command ${k + 1} (a new one)`;
  return `command ${k + 1} (${s.command.op}${s.line > 0 ? `, line ${s.line}` : ''})`;
}

/** The end of a banner for a command that stops the engine: where the lab stopped instead. */
function stoppedBefore(k: number, at: Position): string {
  return `the lab stopped before it, at ${where(at)} (${replayed(k)}). Change or remove that line.`;
}

/** The engine threw (the worker is alive and unchanged). */
export function workerError(e: unknown): LabError {
  return { kind: 'worker', message: `${message(e).replace(/\.$/, '')}. The lab is unchanged.` };
}

/** The text does not parse: `n` errors, the first one's message. */
export function textError(n: number, first: string): LabError {
  return {
    kind: 'scenario',
    message: `The scenario text has ${plural(n, 'error')} (${first}); the lab shows the last version that ran.`,
  };
}

/**
 * The text has `n` errors, the first one (`first`, its message) on `line`: the lab runs the `k`
 * commands above that line.
 */
export function textRunsBefore(n: number, first: string, line: number, k: number): LabError {
  return {
    kind: 'scenario',
    message: `The scenario text has ${plural(n, 'error')} (${first}); the lab runs the ${plural(k, 'command')} above line ${line}.`,
  };
}

/** A link or draft asked for a step the scenario does not have. */
export function noStepNotice(at: Landing): LabError {
  const what = 'endOf' in at ? `operation ${at.endOf + 1}` : `step ${at.op + 1}.${at.step + 1}`;
  return { kind: 'notice', message: `The scenario has no ${what}: showing its end.` };
}

/**
 * "The engine worker stopped (why) on command 5 (inc, line 9)": how a crash banner starts. `op`
 * is the command the dead worker said it was running (null: it did not say).
 */
export function workerStopped(reason: string, op: number | null, steps: readonly Step[]): string {
  return `The engine worker stopped (${reason})${op === null ? '' : ` on ${commandName(op, steps)}`}`;
}

/** The crash was healed: the scenario's `n` commands ran again in a fresh worker, landing at `at`. */
export function restarted(stopped: string, at: Position, n: number): LabError {
  return {
    kind: 'crash',
    message: `${stopped}. It was restarted at ${where(at)} and ${replayed(n)}.`,
  };
}

/** The replay after a crash failed too (`e`); the next action tries it again. */
export function replayFailed(stopped: string, n: number, e: unknown): LabError {
  return {
    kind: 'crash',
    message: `${stopped}, and replaying your ${plural(n, 'command')} failed: ${message(e)}`,
  };
}

/** The replay died again (`again`) on command `k` of `steps`: the lab runs the ones before it. */
export function stoppedAgain(
  stopped: string,
  again: string,
  k: number,
  steps: readonly Step[],
  at: Position,
): LabError {
  return {
    kind: 'crash',
    message: `${stopped}. Replaying your commands stopped it again (${again}) on ${commandName(k, steps)}: that command stops the engine, so ${stoppedBefore(k, at)}`,
  };
}

/** A text's command `k` stopped the engine (`reason`): the lab runs the commands before it. */
export function textStopsEngine(
  reason: string,
  k: number,
  steps: readonly Step[],
  at: Position,
): LabError {
  return {
    kind: 'crash',
    message: `${workerStopped(reason, k, steps)}: that command stops the engine, so it was restarted and ${stoppedBefore(k, at)}`,
  };
}
