/**
 * The text form of a scenario → a Scenario. Line based: the header (title, kernel, platform,
 * ram, devices, processes, focus), then one command per line, each optionally followed by
 * `expect` and `note` lines. See README.md for the format. Never throws: problems come back as ScenarioErrors
 * (up to MAX_ERRORS), and parsing goes on at the next line after each one.
 */
import { MEM_TYPE_ARG } from '../engine/commands/machine';
import {
  KERNELS,
  PLATFORMS,
  type DeviceSpec,
  type KernelModel,
  type PlatformId,
} from '../engine/commands/terms';
import { DEVICE_PAGES, LIMITS, RAM_PAGES, overLimit } from '../engine/limits';
import type { Scenario, Step } from './ast';
import { checkCommand, checkExpect, checkNote, type Report } from './check';
import { ErrorList, type ParseResult, type ScenarioError } from './errors';
import { checkFocus, checkFocusMapped } from './focus';
import { parseCommand, readWord } from './parse-command';
import { parseExpect } from './parse-expect';
import { SymbolTracker } from './symbols';
import { withSuggestions } from './suggest';
import { columnOf, readInt, readRange, type Fields } from './terms';
import { Cursor, LineError, lineEnd, nextLineStart, tokenizeLine, type Token } from './tokenize';
import { HEADER_WORDS, UNDER_WORDS, quote, titleProblem, type HeaderWord } from './values';

export const DEFAULT_RAM_PAGES = 64;

interface State {
  errors: ErrorList;
  tracker: SymbolTracker;
  scenario: Scenario;
  /** Line of each single-valued header line already seen. */
  seen: Map<HeaderWord, number>;
  /** The step that `expect` lines attach to; `failed` when that command had a syntax error. */
  last: Step | 'failed' | null;
  firstCommandLine: number;
  commands: number;
  /** Stop at the first command: only the header (the machine) is read. */
  headerOnly: boolean;
  /** Where the focus line's words are, for the check that needs the commands (focus.ts). */
  focusFields: Fields;
}

export function parse(text: string): ParseResult {
  try {
    return parseText(text);
  } catch (e) {
    // A bug, not an input problem: still an answer, never an exception.
    const what = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ line: 1, column: 1, message: `internal error: ${what}` }] };
  }
}

/**
 * The errors of the header alone (title, kernel, platform, RAM, devices, processes): parsing
 * stops at the first line that is not a header line (the first command, or a typo: the full
 * parse reports it), so the cost is the header's, not the text's. A link is checked
 * with this first, so that one asking for a machine over the limits is refused before its
 * commands (up to LIMITS.commands of them) are read. Never throws.
 */
export function parseHeader(text: string): ScenarioError[] {
  try {
    const r = parseText(text, true);
    return r.ok ? [] : r.errors;
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    return [{ line: 1, column: 1, message: `internal error: ${what}` }];
  }
}

function parseText(text: string, headerOnly = false): ParseResult {
  const errors = new ErrorList();
  if (typeof text !== 'string') {
    errors.atText(1, 1, `expected scenario text, found ${typeof text}`);
    return { ok: false, errors: errors.items };
  }
  if (text.length > LIMITS.textLength) {
    errors.atText(1, 1, overLimit('scenario text length', text.length, 'textLength'));
    return { ok: false, errors: errors.items };
  }
  const tracker = new SymbolTracker();
  tracker.ramPages = DEFAULT_RAM_PAGES;
  const st: State = {
    errors,
    tracker,
    scenario: {
      title: null,
      focus: null,
      machine: {
        kernel: 'modern',
        platform: 'pcie4',
        ramPages: DEFAULT_RAM_PAGES,
        devices: [],
        processes: [],
      },
      steps: [],
    },
    seen: new Map(),
    last: null,
    firstCommandLine: 0,
    commands: 0,
    headerOnly,
    focusFields: new Map(),
  };
  // Line by line without splitting the text first: a text of 4 million empty lines (a few
  // bytes in a deflated link) must not cost 4 million strings before anything is read.
  for (let start = 0, line = 1; start <= text.length && !errors.full; line++) {
    const end = lineEnd(text, start);
    const from = start;
    start = nextLineStart(text, end);
    if (isBlank(text, from, end)) continue;
    // The header ends at the first line that cannot be part of it: stop before tokenizing it
    // (a command line of a million tokens costs the header check nothing).
    if (headerOnly && !HEADER_LINE.test(text.slice(from, Math.min(end, from + 24)))) break;
    const tl = tokenizeLine(text.slice(from, end));
    if (tl.error) {
      errors.atText(line, tl.error.col, tl.error.message);
      if (!isUnder(tl.tokens[0]) && !isHeader(tl.tokens[0])) st.last = 'failed';
      continue;
    }
    const first = tl.tokens[0];
    if (first === undefined) continue;
    const cur = new Cursor(tl.tokens, tl.endCol);
    try {
      if (!statement(st, cur, first, line)) break;
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      errors.atText(line, e.col, e.message, e.expected);
    }
  }
  const focus = st.scenario.focus;
  if (focus && !headerOnly && errors.items.length === 0)
    checkFocusMapped(focus, st.scenario.steps, reporter(st, focus.line, st.focusFields));
  return errors.items.length > 0
    ? { ok: false, errors: withSuggestions(text, errors.items) }
    : { ok: true, scenario: st.scenario };
}

/** A line that may belong to the header: a header word (or a line under a command, an error there). */
const HEADER_LINE = new RegExp(
  `^[ \t]*(${[...HEADER_WORDS, ...UNDER_WORDS].join('|')})([ \t#"]|$)`,
);

/** Only spaces and tabs, maybe then a comment: nothing to read (and no string made). */
function isBlank(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i === end || text.charCodeAt(i) === 35;
}

function isHeader(tok: Token | undefined): boolean {
  return tok !== undefined && (HEADER_WORDS as readonly string[]).includes(tok.text);
}

/** A line that belongs to the command above it: `expect`, `note`. */
function isUnder(tok: Token | undefined): boolean {
  return tok !== undefined && (UNDER_WORDS as readonly string[]).includes(tok.text);
}

/** One non-empty line. Returns false to stop parsing (the command limit). */
function statement(st: State, cur: Cursor, first: Token, line: number): boolean {
  cur.next('a statement');
  if (first.text === 'expect') {
    expectLine(st, cur, first, line);
    return true;
  }
  if (first.text === 'note') {
    noteLine(st, cur, first, line);
    return true;
  }
  if (isHeader(first)) {
    if (st.firstCommandLine > 0) {
      throw new LineError(
        first.col,
        `header lines (${first.text}) must come before the first command (line ${st.firstCommandLine})`,
      );
    }
    header(st, cur, first.text as HeaderWord, first, line);
    return true;
  }
  if (st.headerOnly) return false;
  st.last = 'failed';
  // An unknown subject in the header is a typo, not the start of the commands: header lines
  // after it are still accepted (no cascade of "header lines must come before ...").
  const kind = subjectKind(st.tracker, first, st.firstCommandLine === 0);
  if (st.firstCommandLine === 0) st.firstCommandLine = line;
  st.commands += 1;
  if (st.commands > LIMITS.commands) {
    st.errors.atText(line, first.col, overLimit('command count', st.commands, 'commands'));
    return false;
  }
  const parsed = parseCommand(cur, first, kind, st.tracker);
  checkCommand(parsed.command, st.tracker, reporter(st, line, parsed.fields, parsed.defaultMirror));
  const step: Step = { command: parsed.command, expects: [], notes: [], line };
  st.scenario.steps.push(step);
  st.last = step;
  return true;
}

function subjectKind(
  tracker: SymbolTracker,
  tok: Token,
  inHeader: boolean,
): 'process' | 'mirror' | 'machine' {
  if (tok.text === 'machine') return 'machine';
  const kind = tracker.kindOf(tok.text);
  if (kind === 'process') return 'process';
  if (kind === 'mirror' || kind === 'device' || tracker.isClosedMirror(tok.text)) return 'mirror';
  const names = [...tracker.namesOf('process'), ...tracker.namesOf('mirror')];
  names.push(...tracker.namesOf('device'), 'machine');
  if (inHeader) names.unshift(...HEADER_WORDS);
  const what = inHeader
    ? 'a header line or a command (a process, mirror or device declared above, or `machine`)'
    : 'a command: a process, mirror or device declared above, or `machine`';
  throw new LineError(
    tok.col,
    `expected ${what}, found the unknown name ${quote(tok.text)}`,
    names,
  );
}

function reporter(st: State, line: number, fields: Fields, defaultMirror = false): Report {
  return (field, problem, expected) => {
    const hint =
      defaultMirror && field === 'mirror' && problem.includes('already used')
        ? ' (name this one with `as <mirror>`)'
        : '';
    st.errors.atText(line, columnOf(fields, field), problem + hint, expected);
  };
}

function expectLine(st: State, cur: Cursor, first: Token, line: number): void {
  if (st.last === null) {
    throw new LineError(first.col, 'an expect line must follow a command');
  }
  const parsed = parseExpect(cur, st.tracker, line);
  checkExpect(parsed.expect, st.tracker, reporter(st, line, parsed.fields));
  if (st.last !== 'failed') st.last.expects.push(parsed.expect);
}

/** `note "text"`: what a lecturer says at the command above, as a title is quoted. */
function noteLine(st: State, cur: Cursor, first: Token, line: number): void {
  if (st.last === null) {
    throw new LineError(first.col, 'a note line must follow a command (the note is shown at it)');
  }
  const tok = cur.next('a quoted note ("...")');
  if (!tok.quoted) throw cur.error(tok, 'a quoted note ("...")');
  cur.end();
  const note = { text: tok.value, line };
  const fields: Fields = new Map([
    ['', first.col],
    ['text', tok.col],
  ]);
  const index = st.last === 'failed' ? 0 : st.last.notes.length;
  checkNote(note, index, reporter(st, line, fields));
  if (st.last !== 'failed') st.last.notes.push(note);
}

function header(st: State, cur: Cursor, word: HeaderWord, first: Token, line: number): void {
  const m = st.scenario.machine;
  const fields: Fields = new Map([['', first.col]]);
  if (word !== 'device' && word !== 'process') {
    const before = st.seen.get(word);
    if (before !== undefined) {
      throw new LineError(first.col, `${word} is given twice (first on line ${before})`);
    }
  }
  switch (word) {
    case 'title': {
      const tok = cur.next('a quoted title ("...")');
      if (!tok.quoted) throw cur.error(tok, 'a quoted title ("...")');
      const problem = titleProblem(tok.value);
      if (problem !== null) throw new LineError(tok.col, problem);
      st.scenario.title = tok.value;
      break;
    }
    case 'kernel':
      m.kernel = cur.word<KernelModel>(KERNELS, 'a kernel model').word;
      break;
    case 'platform':
      m.platform = cur.word<PlatformId>(PLATFORMS, 'a platform').word;
      break;
    case 'ram':
      m.ramPages = readInt(cur, fields, 'ram', RAM_PAGES);
      st.tracker.ramPages = m.ramPages;
      break;
    case 'device': {
      const name = cur.next('a device name');
      const d: DeviceSpec = {
        name: name.text,
        type: readWord(cur, fields, MEM_TYPE_ARG),
        pages: readInt(cur, fields, 'pages', DEVICE_PAGES),
      };
      cur.end();
      const problem = st.tracker.declareDevice(d.name, d.pages);
      if (problem !== null) throw new LineError(name.col, problem);
      m.devices.push(d);
      return;
    }
    case 'process': {
      const name = cur.next('a process name');
      cur.end();
      const problem = st.tracker.declareProcess(name.text);
      if (problem !== null) throw new LineError(name.col, problem);
      m.processes.push(name.text);
      return;
    }
    case 'focus': {
      const f = st.focusFields;
      f.set('', first.col);
      const proc = cur.next('a process declared above');
      f.set('proc', proc.col);
      const range = readRange(cur, f);
      if (range.kind !== 'buf')
        throw new LineError(
          f.get('range') ?? first.col,
          `expected a buffer range (buf, buf[3] or buf[2..5]): the focus is pages of a buffer, found an address range`,
        );
      cur.end();
      const focus = { proc: proc.text, range, line };
      checkFocus(focus, st.tracker, reporter(st, line, f));
      st.scenario.focus = focus;
      break;
    }
  }
  cur.end();
  st.seen.set(word, line);
}
