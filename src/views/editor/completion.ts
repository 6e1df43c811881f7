/**
 * Completion in the scenario editor: CodeMirror's autocompletion over completionsAt
 * (src/scenario/complete.ts), which offers the command table's verbs and argument words and
 * the names declared above. Ctrl+Space asks anywhere; typing asks once a line has a word.
 */
import {
  autocompletion,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { completionsAt } from '../../scenario/complete';

export function hmmCompletions(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  // Unasked, an empty line start offers nothing: every line would open a list.
  if (!ctx.explicit && line.text.slice(0, ctx.pos - line.from).trim() === '') return null;
  // The whole text: a focus line (in the header) offers the buffers mapped below it.
  const c = completionsAt(ctx.state.doc.toString(), ctx.pos);
  if (!c) return null;
  // The table's order (a verb's arguments, a subject's verbs) over CodeMirror's alphabetical one.
  const options = c.options.map((o, i) => ({ ...o, boost: Math.max(-99, -i) }));
  return { from: c.from, options, validFor: /^[^\s#"]*$/ };
}

export const hmmCompletion: Extension = [
  // Nothing is selected until an arrow key picks a word: Enter keeps starting a new line. So
  // the keys need no grace period after the list opens (CodeMirror's interactionDelay, which
  // otherwise lets an arrow pressed as the list appears move the cursor instead).
  autocompletion({
    override: [hmmCompletions],
    icons: false,
    selectOnOpen: false,
    interactionDelay: 0,
  }),
  keymap.of(completionKeymap),
];
