/**
 * Reading a preset's title and description out of its scenario file, so each .hmm file is the
 * one source of truth for what the gallery shows:
 *
 * - the title is the `title "..."` line;
 * - the description is the file's leading comment block. A flow's block is exactly its two
 *   description lines. A conformance case's block (written for people reading the file: the
 *   case, its source in hmm-tests.c or the seeds, sometimes three or four lines) is reduced to
 *   two: what the case does, then where it comes from.
 */

/** The widest a description line should be (characters). */
export const LINE_WIDTH = 110;

/** The lines of the comment block at the top of `text`, without their `#` and spaces. */
export function leadingComments(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line.startsWith('#')) break;
    out.push(line.replace(/^#+\s?/, '').trim());
  }
  return out;
}

/** The text of the `title "..."` line, or null. */
export function titleOf(text: string): string | null {
  const m = /^[ \t]*title[ \t]+"((?:[^"\\]|\\.)*)"/m.exec(text);
  return m ? (m[1] as string).replace(/\\(.)/g, '$1') : null;
}

/** Greedy word wrap at `width` characters (a word longer than that gets a line of its own). */
export function wrap(text: string, width = LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `text` cut at a word boundary to fit `width` with a final ellipsis, when it is longer. */
export function fit(text: string, width = LINE_WIDTH): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > width / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * Two description lines from a conformance file's header comments, e.g.
 * `# Conformance case anon_read (private): read private anonymous memory through the mirror`
 * `# From the kernel's HMM selftests: tools/testing/selftests/mm/hmm-tests.c, TEST_F(hmm, anon_read),`
 * `# variant hmm_device_private, driving lib/test_hmm.c (dmirror). See src/conformance/README.md.`
 */
export function conformanceDescription(comments: readonly string[]): [string, string] {
  const para = comments.join(' ').replace(/\s+/g, ' ').trim();
  const head = /^Conformance case (\S+) \(([^)]*)\):\s*(.*)$/.exec(para);
  const rest = head ? (head[3] as string) : para;
  const at = rest.search(/\s(From |Seed: )/);
  const what = sentence(at < 0 ? rest : rest.slice(0, at));
  const from = at < 0 ? '' : rest.slice(at + 1).trim();
  const test = /TEST_F\([^)]*\)/.exec(from);
  const variant = /variant (\w+)/.exec(from);
  const source = test
    ? `From the kernel's selftests: hmm-tests.c ${test[0]}${variant ? `, variant ${variant[1]}` : ''}.`
    : from || (head ? `Conformance case ${head[1]} (${head[2]}).` : '');
  const lines = wrap(what);
  if (lines.length === 1) return [lines[0] as string, fit(source)];
  // A long summary: it runs on into the second line, and the source follows if there is room.
  const all = wrap(`${what} ${source}`.trim());
  return [all[0] ?? '', fit(all.slice(1).join(' '))];
}

/** `s` trimmed, ending with a full stop unless it ends with punctuation already. */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) || t === '' ? t : `${t}.`;
}
