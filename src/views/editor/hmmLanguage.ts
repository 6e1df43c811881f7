/**
 * Syntax highlighting for scenario text: a CodeMirror stream tokenizer over the words of
 * hmmWords.ts. Lines are tokenized on their own (the format is line based), so the state only
 * tracks the current line: its kind, its first two words and which word comes next.
 */
import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';
import { classifyWord, kindOf, STYLE, type LineKind, type Segment } from './hmmWords';

export interface HmmState {
  kind: LineKind;
  head: string;
  verb: string;
  /** Index of the next word on the line. */
  word: number;
  /** The pieces of the current word still to emit. */
  queue: readonly Segment[];
}

function startState(): HmmState {
  return { kind: 'command', head: '', verb: '', word: 0, queue: [] };
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

/** A quoted string from the stream's position: to the next unescaped `"`, or the line's end. */
function readString(stream: StringStream): void {
  stream.next();
  for (;;) {
    const c = stream.next();
    if (c === undefined || c === '"') return;
    if (c === '\\') stream.next();
  }
}

/** Notes a word (or string) as the line's `index`-th, setting the line kind from the first. */
function countWord(state: HmmState, word: string): void {
  if (state.word === 0) {
    state.kind = word.startsWith('"') ? 'command' : kindOf(word);
    state.head = word;
  } else if (state.word === 1) {
    state.verb = word;
  }
  state.word += 1;
}

function emit(stream: StringStream, state: HmmState, segments: readonly Segment[]): string | null {
  const [first, ...rest] = segments;
  if (first === undefined) return null;
  stream.pos += first[0];
  state.queue = rest;
  return first[1];
}

function token(stream: StringStream, state: HmmState): string | null {
  if (stream.sol()) {
    state.word = 0;
    state.queue = [];
  }
  if (state.queue.length > 0) return emit(stream, state, state.queue);
  if (stream.eatSpace()) return null;
  const c = stream.peek();
  if (c === '#') {
    stream.skipToEnd();
    return STYLE.comment;
  }
  if (c === '"') {
    const start = stream.pos;
    readString(stream);
    countWord(state, stream.string.slice(start, stream.pos));
    return STYLE.string;
  }
  let end = stream.pos;
  const line = stream.string;
  while (end < line.length && !isSpace(line[end] ?? '') && line[end] !== '#') end += 1;
  const word = line.slice(stream.pos, end);
  const index = state.word;
  countWord(state, word);
  const segments = classifyWord(word, {
    kind: state.kind,
    head: state.head,
    verb: state.verb,
    index,
  });
  // The pieces must cover the word exactly, or the stream would stall or overrun.
  const total = segments.reduce((n, [len]) => n + len, 0);
  const whole = segments.every(([len]) => len > 0) && total === word.length;
  return emit(stream, state, whole ? segments : [[word.length, null]]);
}

/** The tokenizer, exported for tests (drive `token` with a StringStream per line). */
export const hmmStreamParser: StreamParser<HmmState> = {
  name: 'hmm-scenario',
  startState,
  token,
  copyState: (s) => ({ ...s }),
  languageData: { commentTokens: { line: '#' } },
};

export const hmmLanguage = StreamLanguage.define(hmmStreamParser);
