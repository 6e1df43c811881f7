/**
 * The command reference, generated from the command table: the Commands section of README.md
 * (checked in CI against this), and the CLI's `--help`. One line per command: how it is
 * written, what it does, and the notes its arguments need (ranges, defaults, aliases).
 */
import { MMAP_DEFAULTS, type Arg } from '../engine/commands/args';
import { COMMAND_OPS, specOf, type CommandOp } from '../engine/commands/table';
import { SUBJECTS } from '../engine/commands/spec';
import { KERNELS } from '../engine/commands/terms';

const SUBJECT_WORD = { process: '<p>', mirror: '<m>', machine: 'machine' } as const;

/** How the text writes an argument. */
function argSyntax(arg: Arg): string {
  switch (arg.kind) {
    case 'range':
      return '<range>';
    case 'value':
      return '<value>';
    case 'int':
    case 'name':
      return `<${arg.field}>`;
    case 'word':
      return `<${[...arg.words, ...Object.keys(arg.aliases)].join('|')}>`;
    case 'flags':
      return arg.flags.map((f) => `[${f}]`).join(' ');
    case 'mirror-as':
      return '[as <mirror>]';
    case 'mmap-options':
      return '[anon|file|file:<name>] [private|shared] [rw|r|none]';
  }
}

/** What a reader needs to know about an argument beyond its syntax. */
function argNote(arg: Arg): string | null {
  switch (arg.kind) {
    case 'int': {
      const max = arg.spec.limit ? `\`LIMITS.${arg.spec.limit.name}\`` : String(arg.spec.max);
      return `${arg.field} ${arg.spec.min} to ${max}`;
    }
    case 'word': {
      const aliases = Object.entries(arg.aliases).map(([w, is]) => `\`${w}\` means \`${is}\``);
      return aliases.length > 0 ? aliases.join(', ') : null;
    }
    case 'flags':
      return arg.flags.length > 1 ? 'flags in any order, each at most once' : null;
    case 'name':
      return arg.role === 'new-process'
        ? 'declares the child'
        : arg.role === 'new-device'
          ? 'declares the device'
          : arg.role === 'new-buffer'
            ? `declares the buffer (at most \`LIMITS.buffers\` per process)`
            : null;
    case 'mirror-as':
      return 'declares the mirror, `<p>/<device>` unless named';
    case 'mmap-options':
      return (
        `options in any order, each kind at most once; defaults ${MMAP_DEFAULTS.backing}, ` +
        `private, ${MMAP_DEFAULTS.prot}; a file name is 1 to 255 of letters, digits and ` +
        '`_ . / + : @ = , ~ -`'
      );
    default:
      return null;
  }
}

export interface ReferenceRow {
  op: CommandOp;
  /** Each way to write it (one per verb). */
  syntax: string[];
  summary: string;
  notes: string[];
  kernel: string;
}

export function referenceRows(): ReferenceRow[] {
  const ops = SUBJECTS.flatMap((s) => COMMAND_OPS.filter((op) => specOf(op).subject === s));
  return ops.map((op) => {
    const spec = specOf(op);
    const args = spec.args.map(argSyntax);
    const notes = spec.args.map(argNote).filter((n): n is string => n !== null);
    if (spec.models.length < KERNELS.length) notes.push(`${spec.models.join(', ')} kernel only`);
    if (spec.ends)
      notes.push(spec.subject === 'mirror' ? "frees the mirror's name" : 'keeps the name');
    return {
      op,
      syntax: spec.verbs.map((verb) => [SUBJECT_WORD[spec.subject], verb, ...args].join(' ')),
      summary: spec.summary,
      notes,
      kernel: spec.kernel,
    };
  });
}

const cell = (s: string): string => s.replaceAll('|', '\\|');

/** The README's command table (Markdown). */
export function referenceMarkdown(): string {
  const lines = [
    '| text | command | what it does | kernel path |',
    '| --- | --- | --- | --- |',
    ...referenceRows().map((r) => {
      const text = r.syntax.map((s) => `\`${cell(s)}\``).join(', ');
      const what = [r.summary, ...r.notes].join('; ');
      return `| ${text} | \`${r.op}\` | ${cell(what)} | ${cell(r.kernel)} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** The CLI's list of commands (plain text). */
export function referenceText(): string {
  return referenceRows()
    .map((r) => `  ${r.syntax.join('\n  ')}\n      ${[r.summary, ...r.notes].join('; ')}`)
    .join('\n');
}

/** The markers around the generated table in README.md. */
export const REFERENCE_BEGIN =
  '<!-- commands: generated from src/engine/commands/table.ts by `npm run docs`; do not edit -->';
export const REFERENCE_END = '<!-- commands: end -->';

/** `readme` with its generated section replaced by the current one. */
export function withReference(readme: string): string {
  const a = readme.indexOf(REFERENCE_BEGIN);
  const b = readme.indexOf(REFERENCE_END);
  if (a < 0 || b < a) throw new Error('README.md has no generated commands section');
  return `${readme.slice(0, a + REFERENCE_BEGIN.length)}\n\n${referenceMarkdown()}\n${readme.slice(b)}`;
}
