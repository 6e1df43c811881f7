/**
 * "Did you mean": an error that lists the words it would have accepted gets the one closest to
 * the word the text has, when that word is close enough to be a typo (`migrat` → `migrate`,
 * `gpu9` → `gpu0`). The distance is fastest-levenshtein's (a small, well-kept implementation of
 * the edit distance); a suggestion must be the single closest word.
 */
import { distance } from 'fastest-levenshtein';
import type { ScenarioError } from './errors';

/** Edits allowed for a typo: one per three letters, at least one, at most three. */
function allowedEdits(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(word.length / 3)));
}

/** The one word of `words` within a typo of `found`, or null (none, or a tie). */
export function didYouMean(found: string, words: readonly string[]): string | null {
  if (found === '' || words.includes(found)) return null;
  let best: string | null = null;
  let bestDistance = allowedEdits(found) + 1;
  let tie = false;
  for (const w of words) {
    const d = distance(found, w);
    if (d < bestDistance) {
      best = w;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? null : best;
}

/** The text of 1-based lines `wanted` (ascending), read without splitting the whole text. */
function linesOf(text: string, wanted: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  let start = 0;
  let line = 1;
  for (const w of wanted) {
    while (line < w && start <= text.length) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) return out;
      start = nl + 1;
      line++;
    }
    const nl = text.indexOf('\n', start);
    out.set(w, text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, ''));
  }
  return out;
}

/** The bare word at 0-based `col` of `line` (up to a space, `#` or the end); '' for a string. */
function wordAt(line: string, col: number): string {
  if (line[col] === '"') return '';
  const m = /^[^\s#]+/.exec(line.slice(col));
  return m ? m[0] : '';
}

/**
 * `errors` of the parse of `text`, each one that lists accepted words given a `suggestion` and a
 * message ending "; did you mean …?" when the word at its position is a typo of one of them.
 */
export function withSuggestions(text: string, errors: ScenarioError[]): ScenarioError[] {
  const listed = errors.filter((e) => e.expected && e.expected.length > 0);
  if (listed.length === 0) return errors;
  const lines = linesOf(
    text,
    [...new Set(listed.map((e) => e.line))].sort((a, b) => a - b),
  );
  return errors.map((e) => {
    if (!e.expected || e.expected.length === 0) return e;
    const found = wordAt(lines.get(e.line) ?? '', e.column - 1);
    const suggestion = didYouMean(found, e.expected);
    return suggestion === null
      ? e
      : { ...e, suggestion, message: `${e.message}; did you mean "${suggestion}"?` };
  });
}
