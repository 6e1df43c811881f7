/**
 * The editor's look, matching the lab in both themes: the page background, the lab's text,
 * 11px monospace, faint gutters, and token colours, all CSS variables that the theme flips
 * (src/index.css: Tailwind's --color-slate-* and the editor's --hmm-code-* tokens, each at
 * least 4.5:1 on the editor's background in both themes, checked in theme/theme.test.ts).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

const v = (name: string): string => `var(--${name})`;

/** The lab's slate scale and accents, as the current theme defines them. */
const C = {
  bg: v('color-slate-950'),
  panel: v('color-slate-900'),
  line: v('color-slate-800'),
  border: v('color-slate-700'),
  selection: v('color-slate-700'),
  gutter: v('color-slate-500'),
  gutterActive: v('color-slate-300'),
  text: v('color-slate-200'),
  caret: v('color-slate-100'),
  accent: v('hmm-focus'),
  error: v('hmm-code-invalid'),
  warning: v('hmm-code-control'),
} as const;

const MONO =
  'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace';

const tok = (name: string): string => v(`hmm-code-${name}`);

export const hmmHighlightStyle = HighlightStyle.define([
  { tag: t.comment, color: tok('comment'), fontStyle: 'italic' },
  { tag: t.string, color: tok('string') },
  { tag: t.definitionKeyword, color: tok('definition-keyword'), fontWeight: '600' },
  { tag: t.keyword, color: tok('keyword') },
  { tag: t.controlKeyword, color: tok('control'), fontWeight: '600' },
  { tag: t.propertyName, color: tok('property') },
  { tag: t.special(t.variableName), color: tok('special'), fontWeight: '600' },
  { tag: t.definition(t.variableName), color: tok('definition') },
  { tag: t.local(t.variableName), color: tok('local') },
  { tag: t.constant(t.variableName), color: tok('constant') },
  { tag: t.variableName, color: tok('variable') },
  { tag: t.atom, color: tok('atom') },
  { tag: t.modifier, color: tok('modifier') },
  { tag: t.number, color: tok('number') },
  { tag: [t.squareBracket, t.punctuation], color: tok('comment') },
  { tag: t.operator, color: tok('local') },
  { tag: t.invalid, color: tok('invalid') },
]);

const editorTheme = EditorView.theme({
  '&': {
    height: '100%',
    color: C.text,
    backgroundColor: C.bg,
    fontSize: '11px',
  },
  '&.cm-focused': { outline: `2px solid ${C.accent}`, outlineOffset: '-2px' },
  // The editor draws its own focus ring (above), around the whole editor.
  '.cm-content:focus-visible': { outline: 'none' },
  '.cm-scroller': { fontFamily: MONO, lineHeight: '1.5', overflow: 'auto' },
  '.cm-content': { caretColor: C.caret, padding: '4px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: C.caret },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: `${C.selection} !important` },
  '.cm-selectionMatch': {
    backgroundColor: `color-mix(in oklab, ${C.selection} 50%, transparent)`,
  },
  '.cm-activeLine': { backgroundColor: `color-mix(in oklab, ${C.line} 40%, transparent)` },
  '.cm-gutters': {
    backgroundColor: C.bg,
    color: C.gutter,
    borderRight: `1px solid ${C.line}`,
  },
  '.cm-activeLineGutter': {
    backgroundColor: `color-mix(in oklab, ${C.line} 40%, transparent)`,
    color: C.gutterActive,
  },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 4px 0 6px', minWidth: '2.5ch' },
  // The line of the operation the lab shows, and its gutter mark.
  '.cm-hmm-activeOp': {
    backgroundColor: v('hmm-code-active-op'),
    boxShadow: `inset 2px 0 0 ${C.accent}`,
  },
  '.cm-hmm-runGutter .cm-gutterElement': { padding: '0 2px', cursor: 'default' },
  '.cm-hmm-run': { color: C.gutter, cursor: 'pointer', opacity: '0.6' },
  '.cm-hmm-run:hover': { color: C.accent, opacity: '1' },
  '.cm-hmm-run-active, .cm-hmm-run-active:hover': { color: C.accent, opacity: '1' },
  // Lint tooltips and panel.
  '.cm-tooltip': {
    backgroundColor: C.panel,
    color: C.text,
    border: `1px solid ${C.border}`,
    borderRadius: '4px',
  },
  '.cm-tooltip-lint': { fontFamily: MONO, fontSize: '11px', maxWidth: '480px' },
  '.cm-diagnostic-error': { borderLeftColor: C.error },
  '.cm-diagnostic-warning': { borderLeftColor: C.warning },
  '.cm-diagnostic-info': { borderLeftColor: C.accent },
  '.cm-panels': { backgroundColor: C.panel, color: C.text },
  '.cm-panels.cm-panels-bottom': { borderTop: `1px solid ${C.border}` },
  '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: C.line },
  // The completion list: the editor's type, the selected word in the selection colour.
  '.cm-tooltip-autocomplete > ul': { fontFamily: MONO, fontSize: '11px' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: C.selection,
    color: C.caret,
  },
  '.cm-completionDetail': { color: C.gutter, marginLeft: '1ch', fontStyle: 'normal' },
  '.cm-completionInfo': { fontSize: '11px', maxWidth: '320px', padding: '3px 6px' },
  '.cm-matchingBracket': { backgroundColor: C.border, outline: `1px solid ${C.gutter}` },
});

/**
 * The text area in the tab order by attribute too (it is contenteditable, already focusable):
 * checkers such as axe count only tabindex and native controls as focusable content of the
 * scrolling region.
 */
const focusable = EditorView.contentAttributes.of({ tabindex: '0' });

/** The theme, the highlight style and the focusable text area together. */
export const hmmTheme: Extension = [editorTheme, syntaxHighlighting(hmmHighlightStyle), focusable];
