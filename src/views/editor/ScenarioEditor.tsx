/**
 * The scenario text, editable: CodeMirror 6 with scenario highlighting, the parser's
 * diagnostics inline and in the gutter, the lab's active operation marked, and Mod-Enter to
 * run to the cursor. Loaded lazily (`React.lazy(() => import('../editor/ScenarioEditor'))`) so
 * CodeMirror stays out of the first paint. The contract is in types.ts.
 *
 * The view is created once; props reach it as transactions (value, diagnostics, active line)
 * and compartment reconfigurations (readOnly, ariaLabel). Callbacks are read through a ref, so
 * new function identities never recreate it.
 */
import {
  history,
  historyKeymap,
  defaultKeymap,
  isolateHistory,
  redo,
  redoDepth,
  undo,
  undoDepth,
} from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import {
  Annotation,
  Compartment,
  EditorState,
  Prec,
  type Extension,
  type Text,
} from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { activeOpExtension, lineStart, setActiveOp } from './activeOp';
import { sameDiagnostics, toCmDiagnostics } from './diagnostics';
import { hmmLanguage } from './hmmLanguage';
import { EchoFilter, minimalChange, normalizeNewlines } from './textSync';
import { hmmTheme } from './theme';
import type { EditorApi, EditorDiagnostic, ScenarioEditorProps } from './types';

/** Marks the transactions that apply the `value` prop: they are not user edits. */
const external = Annotation.define<boolean>();

const DEFAULT_LABEL = 'Scenario text';

function cursorLine(view: EditorView): number {
  return view.state.doc.lineAt(view.state.selection.main.head).number;
}

function readOnlyConfig(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly)];
}

function labelConfig(label: string, readOnly: boolean): Extension {
  return EditorView.contentAttributes.of({
    'aria-label': label,
    'aria-readonly': readOnly ? 'true' : 'false',
  });
}

function makeApi(view: EditorView): EditorApi {
  return {
    undo: () => undo(view),
    redo: () => redo(view),
    canUndo: () => undoDepth(view.state) > 0,
    canRedo: () => redoDepth(view.state) > 0,
    focus: () => view.focus(),
    cursorLine: () => cursorLine(view),
  };
}

export default function ScenarioEditor(props: ScenarioEditorProps) {
  const { value, diagnostics, activeLine, readOnly = false, ariaLabel = DEFAULT_LABEL } = props;
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  const [parts] = useState(() => ({
    readOnly: new Compartment(),
    label: new Compartment(),
    echo: new EchoFilter(),
  }));

  // Callbacks and current props, for the view's handlers (declared first: effects run in order).
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const initial = latest.current;
    const ro = initial.readOnly ?? false;
    let lastHistory = [false, false];
    const runToCursor = (line: number): void => latest.current.onRunToCursor(line);
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      lintGutter(),
      activeOpExtension(runToCursor),
      history(),
      drawSelection(),
      highlightActiveLine(),
      bracketMatching(),
      hmmLanguage,
      hmmTheme,
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: (view) => {
              runToCursor(cursorLine(view));
              return true;
            },
          },
        ]),
      ),
      // No indentWithTab: Tab moves the focus on, as everywhere else in the lab.
      keymap.of([...historyKeymap, ...lintKeymap, ...defaultKeymap]),
      parts.readOnly.of(readOnlyConfig(ro)),
      parts.label.of(labelConfig(initial.ariaLabel ?? DEFAULT_LABEL, ro)),
      EditorView.updateListener.of((u) => {
        const userEdit = u.transactions.some((tr) => tr.docChanged && !tr.annotation(external));
        if (userEdit) {
          const text = u.state.doc.toString();
          parts.echo.sent(text);
          latest.current.onChange(text);
        }
        const now = [undoDepth(u.state) > 0, redoDepth(u.state) > 0] as const;
        if (now[0] !== lastHistory[0] || now[1] !== lastHistory[1]) {
          lastHistory = [now[0], now[1]];
          latest.current.onHistoryChange?.(now[0], now[1]);
        }
      }),
    ];
    const view = new EditorView({
      state: EditorState.create({ doc: normalizeNewlines(initial.value), extensions }),
      parent,
    });
    viewRef.current = view;
    parts.echo.clear();
    latest.current.onHistoryChange?.(false, false);
    latest.current.onReady?.(makeApi(view));
    return () => {
      viewRef.current = null;
      view.destroy();
    };
  }, [parts]);

  // The store's text: applied as one undoable change, unless it is an echo of our own edits.
  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const next = normalizeNewlines(value);
    const doc = view.state.doc.toString();
    if (next === doc) {
      parts.echo.clear();
      return;
    }
    if (parts.echo.isEcho(next)) return;
    const change = minimalChange(doc, next);
    if (change === null) return;
    view.dispatch({
      changes: change,
      annotations: [external.of(true), isolateHistory.of('full')],
    });
    parts.echo.clear();
  }, [value, parts]);

  // Every run makes a new list, most often equal to the last one (empty): skip those, unless
  // the text changed under marks that are still there (their positions would have moved).
  const shown = useRef<{ list: EditorDiagnostic[]; doc: Text } | null>(null);
  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const last = shown.current;
    const doc = view.state.doc;
    if (
      last &&
      sameDiagnostics(last.list, diagnostics) &&
      (diagnostics.length === 0 || last.doc === doc)
    )
      return;
    shown.current = { list: diagnostics, doc };
    view.dispatch(setDiagnostics(view.state, toCmDiagnostics(doc, diagnostics)));
  }, [diagnostics]);

  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const from = lineStart(view.state, activeLine);
    view.dispatch({
      effects: [
        setActiveOp.of(activeLine),
        ...(from === null ? [] : [EditorView.scrollIntoView(from, { y: 'nearest', yMargin: 16 })]),
      ],
    });
  }, [activeLine]);

  useEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    view.dispatch({
      effects: [
        parts.readOnly.reconfigure(readOnlyConfig(readOnly)),
        parts.label.reconfigure(labelConfig(ariaLabel, readOnly)),
      ],
    });
  }, [readOnly, ariaLabel, parts]);

  return (
    <div
      ref={host}
      data-testid="scenario-editor"
      data-active-line={activeLine ?? ''}
      style={{ height: '100%', minHeight: 0, overflow: 'hidden' }}
    />
  );
}
