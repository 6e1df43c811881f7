/**
 * Keeping the editor's text in step with the store's: the smallest single change between two
 * texts, and a filter that tells an external change from a late echo of the editor's own edits.
 * Pure; no CodeMirror.
 */

/** Replace `from..to` of the old text with `insert` to get the new text. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The one change that turns `a` into `b`, keeping their common prefix and suffix; null when
 * they are equal. Never splits a surrogate pair. For an appended line, `from === to === a.length`.
 */
export function minimalChange(a: string, b: string): TextChange | null {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  // Do not end the prefix between the two halves of a pair.
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix -= 1;
  let suffix = 0;
  const room = max - prefix;
  while (
    suffix < room &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix -= 1;
  return { from: prefix, to: a.length - suffix, insert: b.slice(prefix, b.length - suffix) };
}

/** Applies a change (the inverse of minimalChange, for tests and callers without an editor). */
export function applyChange(a: string, change: TextChange | null): string {
  if (change === null) return a;
  return a.slice(0, change.from) + change.insert + a.slice(change.to);
}

/** CodeMirror keeps lines apart with `\n`; compare texts the way it stores them. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Remembers the texts the editor reported through onChange that the store has not yet sent
 * back. A `value` equal to one of them is an echo (perhaps late, while the user typed on), not
 * an external change, and must not be applied.
 */
export class EchoFilter {
  private pending: string[] = [];

  constructor(private readonly limit = 64) {}

  /** The editor reported `text` through onChange. */
  sent(text: string): void {
    this.pending.push(text);
    if (this.pending.length > this.limit) this.pending.shift();
  }

  /**
   * The store sent `value`. True when it is an echo of a text the editor sent; that text and
   * every older one are forgotten (echoes come back in order, so the oldest match is the one).
   */
  isEcho(value: string): boolean {
    const i = this.pending.indexOf(value);
    if (i < 0) return false;
    this.pending.splice(0, i + 1);
    return true;
  }

  /** Editor and store agree (or the editor took the store's text): nothing is in flight. */
  clear(): void {
    this.pending = [];
  }
}
