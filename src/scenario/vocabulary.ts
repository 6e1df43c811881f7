/**
 * Every word the scenario format gives a meaning to, for tools that work on words rather than
 * statements (the editor's highlighter, the fuzzers). Derived from the command table, the
 * header and the expectations, so a new word is known to them as soon as the grammar has it.
 */
import { MMAP_OPTION_WORDS } from '../engine/commands/args';
import { COMMAND_OPS, specOf } from '../engine/commands/table';
import { MEM_TYPE_ARG } from '../engine/commands/machine';
import { KERNELS, PLATFORMS } from '../engine/commands/terms';
import { BIT_STATES, FRAME_CLAUSES, PAGE_CLAUSES } from './parse-expect';
import {
  FRAME_STATES,
  HEADER_WORDS,
  MIRROR_ENTRIES,
  PTE_FLAGS,
  PTE_KINDS,
  UNDER_WORDS,
} from './values';

/** Every word that can start a line (besides a process, mirror or device name). */
export const LINE_STARTS: readonly string[] = [...HEADER_WORDS, 'machine', ...UNDER_WORDS];

/** What a memory type may be written as. */
export const MEM_TYPE_WORDS: readonly string[] = [
  ...MEM_TYPE_ARG.words,
  ...Object.keys(MEM_TYPE_ARG.aliases),
];

/** The words commands take as arguments: word lists and their aliases, flags, mmap options. */
export const COMMAND_ARG_WORDS: readonly string[] = unique(
  COMMAND_OPS.flatMap((op) =>
    specOf(op).args.flatMap((arg) => {
      switch (arg.kind) {
        case 'word':
          return [...arg.words, ...Object.keys(arg.aliases)];
        case 'flags':
          return arg.flags;
        case 'mmap-options':
          return MMAP_OPTION_WORDS.filter((w) => !w.includes('<'));
        default:
          return [];
      }
    }),
  ),
);

/** Words that stand for a value in some argument: the header's, commands', expectations'. */
export const VALUE_WORDS: readonly string[] = unique([
  ...KERNELS,
  ...PLATFORMS,
  ...MEM_TYPE_WORDS,
  ...COMMAND_ARG_WORDS,
  ...PTE_KINDS,
  ...PTE_FLAGS,
  ...MIRROR_ENTRIES,
  ...FRAME_STATES,
  ...BIT_STATES,
  'ram',
]);

/** Clause words (a word that introduces the next argument), by the verb or expectation kind
 * they belong to. */
export const CLAUSES: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(
    COMMAND_OPS.filter((op) => specOf(op).args.some((a) => a.kind === 'mirror-as')).map((op) => [
      specOf(op).verbs[0],
      ['as'],
    ]),
  ),
  page: PAGE_CLAUSES,
  frame: FRAME_CLAUSES.filter((w: string) => !(FRAME_STATES as readonly string[]).includes(w)),
  cpages: ['faults'],
};

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
