/**
 * The editor's look, matching the lab: slate-950 background, slate-200 text, 11px monospace,
 * slate-500 gutters, token colours from Tailwind's 300 shades (all above 7:1 on slate-950, the
 * comments' slate-400 about 7:1 too).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** Tailwind's slate and the accent shades used here (v3 hex values). */
const C = {
  slate950: '#020617',
  slate900: '#0f172a',
  slate800: '#1e293b',
  slate700: '#334155',
  slate600: '#475569',
  slate500: '#64748b',
  slate400: '#94a3b8',
  slate300: '#cbd5e1',
  slate200: '#e2e8f0',
  slate100: '#f1f5f9',
  sky300: '#7dd3fc',
  sky400: '#38bdf8',
  violet300: '#c4b5fd',
  amber200: '#fde68a',
  amber300: '#fcd34d',
  amber400: '#fbbf24',
  emerald300: '#6ee7b7',
  teal300: '#5eead4',
  lime300: '#bef264',
  indigo300: '#a5b4fc',
  rose300: '#fda4af',
  orange300: '#fdba74',
  pink300: '#f9a8d4',
  red400: '#f87171',
} as const;

const MONO =
  'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace';

export const hmmHighlightStyle = HighlightStyle.define([
  { tag: t.comment, color: C.slate400, fontStyle: 'italic' },
  { tag: t.string, color: C.emerald300 },
  { tag: t.definitionKeyword, color: C.violet300, fontWeight: '600' },
  { tag: t.keyword, color: C.sky300 },
  { tag: t.controlKeyword, color: C.amber300, fontWeight: '600' },
  { tag: t.propertyName, color: C.amber200 },
  { tag: t.special(t.variableName), color: C.slate100, fontWeight: '600' },
  { tag: t.definition(t.variableName), color: C.lime300 },
  { tag: t.local(t.variableName), color: C.pink300 },
  { tag: t.constant(t.variableName), color: C.rose300 },
  { tag: t.variableName, color: C.slate200 },
  { tag: t.atom, color: C.teal300 },
  { tag: t.modifier, color: C.indigo300 },
  { tag: t.number, color: C.orange300 },
  { tag: [t.squareBracket, t.punctuation], color: C.slate400 },
  { tag: t.operator, color: C.pink300 },
  { tag: t.invalid, color: C.red400 },
]);

const editorTheme = EditorView.theme(
  {
    '&': {
      height: '100%',
      color: C.slate200,
      backgroundColor: C.slate950,
      fontSize: '11px',
    },
    '&.cm-focused': { outline: `1px solid ${C.sky400}`, outlineOffset: '-1px' },
    '.cm-scroller': { fontFamily: MONO, lineHeight: '1.5', overflow: 'auto' },
    '.cm-content': { caretColor: C.slate100, padding: '4px 0' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: C.slate100 },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
      { backgroundColor: `${C.slate600} !important` },
    '.cm-selectionMatch': { backgroundColor: `${C.slate700}80` },
    '.cm-activeLine': { backgroundColor: `${C.slate800}66` },
    '.cm-gutters': {
      backgroundColor: C.slate950,
      color: C.slate500,
      borderRight: `1px solid ${C.slate800}`,
    },
    '.cm-activeLineGutter': { backgroundColor: `${C.slate800}66`, color: C.slate300 },
    '.cm-lineNumbers .cm-gutterElement': { padding: '0 4px 0 6px', minWidth: '2.5ch' },
    // The line of the operation the lab shows, and its gutter mark.
    '.cm-hmm-activeOp': {
      backgroundColor: '#0c4a6e73',
      boxShadow: `inset 2px 0 0 ${C.sky400}`,
    },
    '.cm-hmm-runGutter .cm-gutterElement': { padding: '0 2px', cursor: 'default' },
    '.cm-hmm-run': { color: C.slate500, cursor: 'pointer', opacity: '0.6' },
    '.cm-hmm-run:hover': { color: C.sky300, opacity: '1' },
    '.cm-hmm-run-active, .cm-hmm-run-active:hover': { color: C.sky400, opacity: '1' },
    // Lint tooltips and panel, dark.
    '.cm-tooltip': {
      backgroundColor: C.slate900,
      color: C.slate200,
      border: `1px solid ${C.slate700}`,
      borderRadius: '4px',
    },
    '.cm-tooltip-lint': { fontFamily: MONO, fontSize: '11px', maxWidth: '480px' },
    '.cm-diagnostic-error': { borderLeftColor: C.red400 },
    '.cm-diagnostic-warning': { borderLeftColor: C.amber400 },
    '.cm-diagnostic-info': { borderLeftColor: C.sky400 },
    '.cm-panels': { backgroundColor: C.slate900, color: C.slate200 },
    '.cm-panels.cm-panels-bottom': { borderTop: `1px solid ${C.slate700}` },
    '.cm-panel.cm-panel-lint ul [aria-selected]': { backgroundColor: C.slate800 },
    '.cm-matchingBracket': { backgroundColor: C.slate700, outline: `1px solid ${C.slate500}` },
  },
  { dark: true },
);

/** The theme and the highlight style together. */
export const hmmTheme: Extension = [editorTheme, syntaxHighlighting(hmmHighlightStyle)];
