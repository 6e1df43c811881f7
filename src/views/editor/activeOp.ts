/**
 * The line of the operation the lab is showing (a line background and a gutter mark), the
 * gutter's "run to here" marks on command lines, and `data-line` attributes on the rendered
 * lines so e2e tests can tell which line an element is on.
 */
import { RangeSetBuilder, StateEffect, StateField, type EditorState } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  GutterMarker,
  ViewPlugin,
  gutter,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { lineKindOf } from './hmmWords';

/** Sets the active operation's 1-based line (null: none). */
export const setActiveOp = StateEffect.define<number | null>();

interface ActiveOp {
  /** As set; may be past the end of the document, then nothing is marked. */
  line: number | null;
  decorations: DecorationSet;
}

export const ACTIVE_OP_CLASS = 'cm-hmm-activeOp';

const activeOpLine = Decoration.line({
  class: ACTIVE_OP_CLASS,
  attributes: { 'data-active-op': 'true' },
});

/** The line's start offset, or null when there is no such line. */
export function lineStart(state: EditorState, line: number | null): number | null {
  if (line === null || !Number.isInteger(line) || line < 1 || line > state.doc.lines) return null;
  return state.doc.line(line).from;
}

function decorate(state: EditorState, line: number | null): DecorationSet {
  const from = lineStart(state, line);
  return from === null ? Decoration.none : Decoration.set([activeOpLine.range(from)]);
}

/** Keeps the active line by number: an edit above it does not move the mark (the lab's
 * next `activeLine` says where the operation is). */
export const activeOpField = StateField.define<ActiveOp>({
  create: () => ({ line: null, decorations: Decoration.none }),
  update(value, tr) {
    let line = value.line;
    for (const e of tr.effects) if (e.is(setActiveOp)) line = e.value;
    if (line === value.line && !tr.docChanged) return value;
    return { line, decorations: decorate(tr.state, line) };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
});

/** The active operation's line, if it is in the document. */
export function activeOpLineOf(state: EditorState): number | null {
  const { line } = state.field(activeOpField);
  return lineStart(state, line) === null ? null : line;
}

class RunMarker extends GutterMarker {
  constructor(
    readonly line: number,
    readonly active: boolean,
  ) {
    super();
  }

  override eq(other: RunMarker): boolean {
    return other.line === this.line && other.active === this.active;
  }

  override toDOM(): Node {
    const el = document.createElement('span');
    el.className = this.active ? 'cm-hmm-run cm-hmm-run-active' : 'cm-hmm-run';
    el.textContent = this.active ? '▶' : '▸';
    el.title = `run to line ${this.line}`;
    el.setAttribute('data-run-line', String(this.line));
    return el;
  }
}

/** The gutter: ▶ at the active operation, ▸ on every command line; a click on either runs
 * to that line. */
function runGutter(run: (line: number) => void) {
  return gutter({
    class: 'cm-hmm-runGutter',
    lineMarker(view, block) {
      const line = view.state.doc.lineAt(block.from);
      const active = activeOpLineOf(view.state) === line.number;
      if (!active && lineKindOf(line.text) !== 'command') return null;
      return new RunMarker(line.number, active);
    },
    lineMarkerChange: (u) =>
      u.docChanged || u.startState.field(activeOpField) !== u.state.field(activeOpField),
    initialSpacer: () => new RunMarker(0, true),
    domEventHandlers: {
      mousedown(view, block) {
        const line = view.state.doc.lineAt(block.from);
        if (lineKindOf(line.text) !== 'command') return false;
        run(line.number);
        return true;
      },
    },
  });
}

function lineAttributes(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  let last = 0;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      if (line.number > last) {
        const attributes = { 'data-line': String(line.number) };
        builder.add(line.from, line.from, Decoration.line({ attributes }));
        last = line.number;
      }
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

/** `data-line="N"` on each rendered `.cm-line`, for tests and styling. */
const lineNumberAttributes = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = lineAttributes(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged) this.decorations = lineAttributes(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

/** Everything about the active operation's line, with `run` called for gutter clicks. */
export function activeOpExtension(run: (line: number) => void) {
  return [activeOpField, runGutter(run), lineNumberAttributes];
}
