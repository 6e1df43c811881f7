/**
 * The scenario text, editable: CodeMirror 6 with scenario highlighting, the parser's
 * diagnostics inline and in the gutter, the lab's active operation marked, and Mod-Enter to
 * run to the cursor. Loaded lazily (`React.lazy(() => import('./ScenarioEditor'))`) so
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
import { afterNextFrame } from '../../ui/afterNextFrame';
import { activeOpExtension, lineStart, setActiveOp } from './activeOp';
import { sameDiagnostics, toCmDiagnostics } from './diagnostics';
import { hmmCompletion } from './completion';
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

interface Parts {
  readOnly: Compartment;
  label: Compartment;
  /** The extensions added after the view is built (LATER), a group per task. */
  later: Compartment;
  echo: EchoFilter;
}

/**
 * What the editor gains after its first paint, a group per task: the highlighting, then the
 * gutters and marks. Built with everything at once, a cold EditorView was a 50-70 ms task.
 */
const LATER: readonly ((run: (line: number) => void) => Extension)[] = [
  () => [hmmLanguage, bracketMatching(), hmmCompletion],
  (run) => [
    lineNumbers(),
    highlightActiveLineGutter(),
    lintGutter(),
    activeOpExtension(run),
    drawSelection(),
    highlightActiveLine(),
  ],
];

/**
 * The editor's state, from the props as they are now (read through `latest` by its handlers):
 * the text, its theme, keys and history. LATER adds the rest.
 */
function createState(latest: { current: ScenarioEditorProps }, parts: Parts): EditorState {
  const initial = latest.current;
  const ro = initial.readOnly ?? false;
  let lastHistory = [false, false];
  const extensions: Extension[] = [
    history(),
    hmmTheme,
    Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: (view) => {
            latest.current.onRunToCursor(cursorLine(view));
            return true;
          },
        },
      ]),
    ),
    // No indentWithTab: Tab moves the focus on, as everywhere else in the lab.
    keymap.of([...historyKeymap, ...lintKeymap, ...defaultKeymap]),
    parts.readOnly.of(readOnlyConfig(ro)),
    parts.label.of(labelConfig(initial.ariaLabel ?? DEFAULT_LABEL, ro)),
    parts.later.of([]),
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
  return EditorState.create({ doc: normalizeNewlines(initial.value), extensions });
}

export default function ScenarioEditor(props: ScenarioEditorProps) {
  const { value, diagnostics, activeLine, readOnly = false, ariaLabel = DEFAULT_LABEL } = props;
  const host = useRef<HTMLDivElement>(null);
  // The view, once built: effects that talk to it run again when it arrives.
  const [view, setView] = useState<EditorView | null>(null);
  const latest = useRef(props);
  // The read-only flag and label the view has: set when its state is made, then on changes.
  const configured = useRef({ readOnly: false, label: DEFAULT_LABEL });
  const [parts] = useState<Parts>(() => ({
    readOnly: new Compartment(),
    label: new Compartment(),
    later: new Compartment(),
    echo: new EchoFilter(),
  }));

  // Callbacks and current props, for the view's handlers (declared first: effects run in order).
  useEffect(() => {
    latest.current = props;
  });

  // Built a part per task (the state, the view, then each LATER group) after the commit that
  // mounted the host: in one, with its first transactions, it was a task of 80-120 ms on a
  // cold load. The rest of the lab talks to it once it is whole.
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const run = (line: number): void => latest.current.onRunToCursor(line);
    let built: EditorView | null = null;
    let state: EditorState | null = null;
    const later: Extension[] = [];
    const steps: (() => void)[] = [
      () => {
        const now = latest.current;
        configured.current = {
          readOnly: now.readOnly ?? false,
          label: now.ariaLabel ?? DEFAULT_LABEL,
        };
        state = createState(latest, parts);
      },
      () => {
        if (state) built = new EditorView({ state, parent });
      },
      ...LATER.map((group) => () => {
        later.push(group(run));
        built?.dispatch({ effects: parts.later.reconfigure([...later]) });
      }),
      () => {
        if (!built) return;
        parts.echo.clear();
        latest.current.onHistoryChange?.(false, false);
        latest.current.onReady?.(makeApi(built));
        setView(built);
      },
    ];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = (i: number): void => {
      timer = setTimeout(() => {
        steps[i]?.();
        if (i + 1 < steps.length) next(i + 1);
      }, 0);
    };
    next(0);
    return () => {
      clearTimeout(timer);
      built?.destroy();
    };
  }, [parts]);

  // The store's text: applied as one undoable change, unless it is an echo of our own edits.
  // After the next frame, and only the latest (as the marks below): CodeMirror reads the DOM
  // selection on a change, which forces a layout of whatever the lab just changed unless a frame
  // has laid it out already; and replacing a 10,000-line text re-highlights for tens of ms, which
  // would otherwise join the task that applied the worker's reply.
  useEffect(() => {
    if (view === null) return;
    return afterNextFrame(() => {
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
    });
  }, [view, value, parts]);

  // Every run makes a new list, most often equal to the last one (empty): skip those, unless
  // the text changed under marks that are still there (their positions would have moved).
  const shown = useRef<{ list: EditorDiagnostic[]; doc: Text } | null>(null);
  // After the text (queued later in the same commit, so run later): marks made for a new text
  // must land on that text, not on the one it replaces.
  useEffect(() => {
    if (view === null) return;
    return afterNextFrame(() => {
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
    });
  }, [view, diagnostics]);

  // After the next frame, and only the latest: marking and scrolling to a far line reads the
  // DOM selection (a forced layout of everything the step just changed, unless a frame has laid
  // it out) and highlights the lines it brings into view; done in the commit of a seek on a
  // 10,000-line scenario, it made the reply's task 100 ms long.
  useEffect(() => {
    if (view === null) return;
    return afterNextFrame(() => {
      const from = lineStart(view.state, activeLine);
      view.dispatch({
        effects: [
          setActiveOp.of(activeLine),
          ...(from === null
            ? []
            : [EditorView.scrollIntoView(from, { y: 'nearest', yMargin: 16 })]),
        ],
      });
    });
  }, [view, activeLine]);

  // The view was built with the props of its time: reconfigured only when they changed since.
  useEffect(() => {
    if (view === null) return;
    const was = configured.current;
    if (was.readOnly === readOnly && was.label === ariaLabel) return;
    configured.current = { readOnly, label: ariaLabel };
    view.dispatch({
      effects: [
        parts.readOnly.reconfigure(readOnlyConfig(readOnly)),
        parts.label.reconfigure(labelConfig(ariaLabel, readOnly)),
      ],
    });
  }, [view, readOnly, ariaLabel, parts]);

  return (
    <div
      ref={host}
      data-testid="scenario-editor"
      data-active-line={activeLine ?? ''}
      style={{ height: '100%', minHeight: 0, overflow: 'hidden' }}
    />
  );
}
