/**
 * The scenario text and its runs. The text is the source of truth: an edit is parsed after a
 * short pause and, when it parses, re-run by the worker (which keeps the unchanged prefix and
 * the current step when it still exists); a clicked action appends its line and runs just that
 * command; a preset, a file or a link replaces the text (load).
 */
import type { MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import type { Scenario, Step } from '../scenario/ast';
import type { ParseResult, ScenarioError } from '../scenario/errors';
import { landingOp, samePosition, type Landing } from '../timeline/position';
import type { LabConnection, StateReply } from '../worker/client';
import type { LabEffects } from './effects';
import { runTarget, watchTarget, withFocus } from './inspection';
import { noStepNotice, textError, textRunsBefore, textStopsEngine } from './messages';
import { selectionHolds } from './navigationSlice';
import type { Slice } from './slice';
import { canonical } from '../scenario/identity';
import { editLanding } from './landing';
import {
  appendCommand,
  machineText,
  parseSource,
  prefixRuns,
  runnablePrefix,
  stepsOf,
} from './source';
import type { LabError, LabState, LoadOptions, ScenarioSlice } from './types';
import type { RangeSelection } from '../timeline/selection';

/** Texts this long (about 1,000 commands) are parsed in the worker, off the main thread. */
export const PARSE_IN_WORKER_CHARS = 40_000;

/** Pause after the last keystroke before an edit runs. */
export const EDIT_PAUSE_MS = 300;

/**
 * Where a text run lands: `at` when it still exists (null: the end), or for an edit (`edit`),
 * the end of the commands it changed (editLanding); and what load asked.
 */
type RunOptions = LoadOptions & { at: Landing | null; edit?: boolean };

/** A text run: what it ran, and the command that stopped the engine, if one did. */
interface TextRun {
  scenario: Scenario;
  steps: Step[];
  watched: number | null;
  killed: { k: number; reason: string } | null;
}

/** A text that does not parse: its errors, and a banner saying the lab kept the last run. */
export function textRefused(errors: ScenarioError[]): Partial<LabState> {
  const e = errors[0];
  return {
    textErrors: errors,
    textPending: false,
    error: textError(errors.length, e ? e.message : 'unknown'),
  };
}

/** A text that parses: no errors, and the banner about an earlier text's errors goes. */
export function textAccepted(error: LabError | null): Partial<LabState> {
  return {
    textErrors: [],
    textPending: false,
    ...(error?.kind === 'scenario' ? { error: null } : {}),
  };
}

/** `selection` kept when it still names pages of the new run (else it goes). */
function keptSelection(selection: RangeSelection | null, reply: StateReply): Partial<LabState> {
  return !selection || selectionHolds(selection, reply.snapshot) ? {} : { selection: null };
}

/** What changes with a text run's reply (`selection`: the one the lab has now). */
export function textRan(
  run: TextRun,
  opts: RunOptions,
  reply: StateReply,
  selection: RangeSelection | null,
): Partial<LabState> {
  const { scenario, steps, killed } = run;
  const patch: Partial<LabState> = {
    title: scenario.title,
    spec: scenario.machine,
    steps: killed ? steps.slice(0, killed.k) : steps,
    watched: run.watched,
  };
  if (killed) {
    patch.error = textStopsEngine(killed.reason, killed.k, steps, reply.position);
    return withFocus({ ...patch, ...keptSelection(selection, reply) }, selection, scenario);
  }
  if (opts.selection !== undefined) patch.selection = opts.selection;
  const missed = !opts.edit && opts.at ? missedLanding(opts.at, reply) : false;
  if (missed && opts.missingStep) patch.error = opts.missingStep;
  else if (opts.banner) patch.error = opts.banner;
  else if (missed && opts.at && landingOp(opts.at) >= reply.opCount)
    patch.error = noStepNotice(opts.at);
  const kept = opts.selection === undefined ? keptSelection(selection, reply) : {};
  return withFocus({ ...patch, ...kept }, selection, scenario);
}

/** The run did not land where `at` asked (the run has no such operation or step). */
function missedLanding(at: Landing, reply: StateReply): boolean {
  return 'endOf' in at ? at.endOf >= reply.opCount : !samePosition(at, reply.position);
}

/**
 * The user's text `typed` (edited while a clicked command ran on `before`) with the line the
 * command added to `before` (`after`) at its end.
 */
export function withAppendedLine(typed: string, before: string, after: string): string {
  const added = after.slice(before.replace(/\s+$/, '').length).trim();
  return `${typed.replace(/\s+$/, '')}\n${added}\n`;
}

type Reads = ScenarioSlice &
  Pick<LabState, 'error' | 'playing' | 'position' | 'selection' | 'watched' | 'inspecting'>;
type Set = (patch: Partial<Reads>) => void;
type Get = () => Reads;

type ScenarioEffects = Pick<
  LabEffects,
  'request' | 'crashes' | 'editPause' | 'playTimer' | 'timers'
> & { client: Pick<LabConnection, 'parse' | 'append'> };

/** The parse of the text that last parsed (what `steps` came from; a click appends to it). */
interface LastParse {
  parsed: { text: string; scenario: Scenario } | null;
}

/**
 * Run the text as it is now, landing at `at` (kept when it still exists). A large text is
 * parsed in the worker (PARSE_IN_WORKER_CHARS), so the page's main thread stays free; if the
 * worker cannot, it is parsed here.
 */
function textRunner(
  fx: ScenarioEffects,
  set: Set,
  get: Get,
  last: LastParse,
): (opts: RunOptions) => Promise<void> {
  /** A large text is parsed in the worker; if the worker cannot, here. */
  const parseText = (text: string): ParseResult | Promise<ParseResult> =>
    text.length < PARSE_IN_WORKER_CHARS
      ? parseSource(text)
      : fx.client.parse(text).catch(() => parseSource(text));

  /** Run `scenario`, parsed from `text` (the lab's text, or the part before its `errors`). */
  function run(
    text: string,
    scenario: Scenario,
    errors: ScenarioError[],
    opts: RunOptions,
  ): Promise<void> {
    const steps = stepsOf(scenario);
    if (errors.length > 0 && isRunning(get(), scenario, steps)) {
      // Typing a line below the commands: what runs is what ran, so the worker is not asked.
      last.parsed = { text, scenario };
      set({
        textErrors: errors,
        textPending: false,
        ...(opts.banner ? { error: opts.banner } : {}),
      });
      return Promise.resolve();
    }
    set(errors.length > 0 ? { textErrors: errors, textPending: false } : textAccepted(get().error));
    const watched = opts.watched ?? get().watched;
    const at =
      opts.edit && opts.at && !('endOf' in opts.at)
        ? editLanding(get().steps, steps, opts.at)
        : opts.at;
    /** Set when one of this text's commands stopped the engine: the lab runs up to it. */
    let killed: TextRun['killed'] = null;
    return fx.request(
      async () => {
        const target = runTarget(watched, opts.selection, get(), scenario);
        const ran = await fx.crashes.initText(scenario.machine, steps, at, target);
        killed = ran.killed;
        return ran.reply;
      },
      (reply) => {
        last.parsed = { text, scenario };
        return textRan({ scenario, steps, watched, killed }, opts, reply, get().selection);
      },
    );
  }

  /**
   * A text with errors runs the lines before the first one (their commands stay usable while a
   * later line is being fixed), unless that would change the machine: then the lab keeps the
   * last version that ran.
   */
  function runBefore(text: string, errors: ScenarioError[], opts: RunOptions): Promise<void> {
    const prefix = runnablePrefix(text, errors);
    if (!prefix) {
      set(textRefused(errors));
      return Promise.resolve();
    }
    return then(parseText(prefix.text), (p) => {
      if (!p.ok || !prefixRuns(prefix, p.scenario) || text !== get().text) {
        if (text === get().text) set(textRefused(errors));
        return;
      }
      const first = errors.reduce((a, e) => (e.line < a.line ? e : a));
      const n = p.scenario.steps.length;
      const banner = textRunsBefore(errors.length, first.message, first.line, n);
      return run(prefix.text, p.scenario, errors, { ...opts, banner });
    });
  }

  return (opts) => {
    fx.editPause.stop();
    const text = get().text;
    return then(parseText(text), (r) =>
      r.ok ? run(text, r.scenario, [], opts) : runBefore(text, r.errors, opts),
    );
  };
}

/** The lab already runs `scenario` (whose steps are `steps`), lines and all. */
function isRunning(lab: Reads, scenario: Scenario, steps: readonly Step[]): boolean {
  return (
    lab.title === scenario.title &&
    canonical(lab.spec) === canonical(scenario.machine) &&
    canonical(lab.steps) === canonical(steps)
  );
}

/** `f` of `v`, at once when `v` is there (a small text's parse), else when it arrives. */
function then<T>(v: T | Promise<T>, f: (t: T) => Promise<void> | void): Promise<void> {
  return v instanceof Promise ? v.then(f) : Promise.resolve(f(v));
}

/** A clicked command: run at the end of the lab, its line appended to the text. */
function commandRunner(
  fx: ScenarioEffects,
  set: Set,
  get: Get,
  last: LastParse,
): (command: Command) => Promise<void> {
  return async (command) => {
    await get().flushText();
    const s = get();
    if (s.textErrors.length > 0) {
      set({ error: textError(s.textErrors.length, s.textErrors[0]?.message ?? '') });
      return;
    }
    const base = last.parsed && last.parsed.text === s.text ? last.parsed.scenario : null;
    if (!base) return; // the text never ran: nothing to append to
    const before = s.text;
    const { text, line } = appendCommand(before, base, command);
    const step: Step = { command, expects: [], notes: [], line };
    fx.playTimer.stop();
    // Appended only once the worker ran it, whatever its errno: the text is what a replay runs.
    return fx.request(
      () => fx.client.append([step], watchTarget(get())),
      () => {
        const cur = get().text;
        const steps = [...get().steps, step];
        if (cur === before) {
          last.parsed = { text, scenario: { ...base, steps: [...base.steps, step] } };
          return { text, steps, playing: false };
        }
        // The user typed while it ran: append the line to their text and re-run it.
        const next = withAppendedLine(cur, before, text);
        fx.timers.queueMicrotask(() => get().setText(next));
        return { steps, playing: false };
      },
    );
  };
}

export function scenarioSlice(
  fx: ScenarioEffects,
  first: { text: string; spec: MachineSpec },
): Slice<ScenarioSlice, Reads> {
  return (set, get) => {
    const last: LastParse = { parsed: null };
    const runText = textRunner(fx, set, get, last);
    return {
      text: first.text,
      textErrors: [],
      textPending: false,
      title: null,
      spec: first.spec,
      steps: [],
      setText: (text) => {
        if (text === get().text) return;
        set({ text, textPending: true });
        fx.editPause.start(() => void runText({ at: get().position, edit: true }), EDIT_PAUSE_MS);
      },
      flushText: () =>
        get().textPending ? runText({ at: get().position, edit: true }) : Promise.resolve(),
      load: (text, opts = {}) => {
        fx.playTimer.stop();
        // Another scenario: a frame clicked in the last one means nothing in it.
        set({
          text,
          playing: false,
          watched: opts.watched ?? null,
          inspecting: null,
          ...(opts.selection !== undefined ? {} : { selection: null }),
        });
        return runText({ ...opts, at: opts.at ?? null });
      },
      newMachine: (spec) =>
        get().load(machineText({ title: null, machine: spec }), { watched: null, selection: null }),
      run: commandRunner(fx, set, get, last),
    };
  };
}
