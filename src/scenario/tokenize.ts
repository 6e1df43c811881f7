/**
 * Lines into tokens, and a cursor over one line's tokens for the statement parsers.
 * Tokens are separated by spaces and tabs; `#` outside a quoted string starts a comment; a
 * token that starts with `"` is a quoted string running to the next unescaped `"` (escapes:
 * `\"` and `\\`). Columns are 1-based, in UTF-16 code units.
 */
import { quote } from './values';

export interface Token {
  /** The token as written (for a quoted string: with its quotes and escapes). */
  text: string;
  /** For a quoted string: its contents, unescaped. Otherwise the same as text. */
  value: string;
  quoted: boolean;
  col: number;
}

export interface TokenizedLine {
  tokens: Token[];
  /** The column just after the last token: where "found end of line" is reported. */
  endCol: number;
  error?: { col: number; message: string };
}

/** Splits text into lines at \n, \r\n or \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Where the line starting at `from` ends: the index of its \r or \n, or text.length. */
export function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Where the next line starts, after the line break at `end` (\r\n counts as one). */
export function nextLineStart(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t';
}

export function tokenizeLine(line: string): TokenizedLine {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i] ?? '';
    if (isSpace(c)) {
      i += 1;
      continue;
    }
    if (c === '#') break;
    const start = i;
    if (c === '"') {
      let value = '';
      i += 1;
      let closed = false;
      while (i < n) {
        const d = line[i] ?? '';
        if (d === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (d === '\\') {
          const e = line[i + 1];
          if (e === '"' || e === '\\') {
            value += e;
            i += 2;
            continue;
          }
          const shown = e === undefined ? 'end of line' : quote(`\\${e}`);
          return fail(
            tokens,
            i + 1,
            `expected \\" or \\\\ after a backslash in a string, found ${shown}`,
          );
        }
        value += d;
        i += 1;
      }
      if (!closed) {
        return fail(tokens, start + 1, 'expected a closing " for this string, found end of line');
      }
      if (i < n && !isSpace(line[i] ?? '') && line[i] !== '#') {
        return fail(
          tokens,
          i + 1,
          `expected a space after a string, found ${quote(line[i] ?? '')}`,
        );
      }
      tokens.push({ text: line.slice(start, i), value, quoted: true, col: start + 1 });
      continue;
    }
    while (i < n && !isSpace(line[i] ?? '') && line[i] !== '#') i += 1;
    const text = line.slice(start, i);
    tokens.push({ text, value: text, quoted: false, col: start + 1 });
  }
  return { tokens, endCol: endOf(tokens) };
}

function endOf(tokens: Token[]): number {
  const last = tokens[tokens.length - 1];
  return last === undefined ? 1 : last.col + last.text.length;
}

function fail(tokens: Token[], col: number, message: string): TokenizedLine {
  return { tokens, endCol: endOf(tokens), error: { col, message } };
}

/** A problem on one line: the statement parsers throw it, parse() records it and moves on. */
export class LineError extends Error {
  constructor(
    readonly col: number,
    message: string,
    readonly expected?: readonly string[],
  ) {
    super(message);
  }
}

/** Reads one line's tokens left to right. */
export class Cursor {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly endCol: number,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  /** The next token; at the end of the line, an error saying `what` was expected. */
  next(what: string, expected?: readonly string[]): Token {
    const t = this.tokens[this.i];
    if (t === undefined) throw this.error(undefined, what, expected);
    this.i += 1;
    return t;
  }

  /** The next token, which must be one of `words`. */
  word<W extends string>(words: readonly W[], what: string): { word: W; tok: Token } {
    const tok = this.next(what, words);
    const w = words.find((x) => x === tok.text);
    if (w === undefined) throw this.error(tok, what, words);
    return { word: w, tok };
  }

  /** There must be nothing more on the line. */
  end(): void {
    const t = this.tokens[this.i];
    if (t !== undefined) throw this.error(t, 'end of line (or a # comment)');
  }

  /** `expected <what>, found "<tok>"` (or `found end of line`) at the token. */
  error(tok: Token | undefined, what: string, expected?: readonly string[]): LineError {
    const found = tok === undefined ? 'end of line' : quote(tok.text);
    return new LineError(tok?.col ?? this.endCol, `expected ${what}, found ${found}`, expected);
  }
}
