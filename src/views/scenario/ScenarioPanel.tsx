/**
 * The scenario: its text in an editor (CodeMirror, loaded lazily so the first paint does not
 * wait for it), with errors inline, the lab's current operation marked, undo / redo, run to
 * cursor, open / save and the shareable link. Until the editor has loaded, the text shows as
 * plain text.
 */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import {
  selectCurrentOp,
  selectOps,
  selectSteps,
  selectText,
  selectTextErrors,
  selectTextPending,
  selectTitle,
} from '../../store/selectors';
import { useLab } from '../../store/react';
import type { EditorApi } from '../editor/types';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { checkSummary, editorDiagnostics } from './diagnostics';
import { saveBlob } from '../../export/download';
import { fileName, openScenarioFile, scenarioJson } from '../../scenario/files';
import { ShareLink } from './ShareLink';

/**
 * The editor loads once the browser is idle after the first paint (the text shows as plain
 * text until then): building an EditorView measures the DOM for ~30 ms, which would otherwise
 * land in the same task as the lab's first full render and make it one long task.
 */
const whenIdle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 200);
  });
const ScenarioEditor = lazy(() => whenIdle().then(() => import('../editor/ScenarioEditor')));

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function ScenarioPanel() {
  const text = useLab(selectText);
  const textErrors = useLab(selectTextErrors);
  const pending = useLab(selectTextPending);
  const ops = useLab(selectOps);
  const steps = useLab(selectSteps);
  const title = useLab(selectTitle);
  const op = useLab(selectCurrentOp);
  const setText = useLab((s) => s.setText);
  const load = useLab((s) => s.load);
  const runToLine = useLab((s) => s.runToLine);
  const showError = useLab((s) => s.showError);
  const [api, setApi] = useState<EditorApi | null>(null);
  const [history, setHistory] = useState({ undo: false, redo: false });
  const [expanded, setExpanded] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const diagnostics = useMemo(
    () => editorDiagnostics(textErrors, ops, !pending),
    [textErrors, ops, pending],
  );
  const summary = checkSummary(ops, steps);
  const broken = textErrors.length > 0;

  const openFile = async (file: File): Promise<void> => {
    const r = openScenarioFile(file.name, await file.text());
    if (!r.ok) {
      showError({ kind: 'file', message: `${r.message} Your scenario is untouched.` });
      return;
    }
    await load(r.text, {
      at: { op: -1, step: -1 },
      banner: {
        kind: 'notice',
        message: `Opened ${file.name}${r.converted ? ' (converted from JSON)' : ''}. Undo in the editor brings back the previous text.`,
      },
    });
  };

  const status = broken
    ? `${plural(textErrors.length, 'error')}: the lab shows the last version that ran`
    : pending
      ? 'editing… (runs when you pause)'
      : `${plural(ops.length, 'operation')}${summary.expects ? ` · ${summary.failed ? `${summary.failed} of ${summary.expects} expectations failed` : `all ${summary.expects} expectations hold`}` : ''}`;

  return (
    <div
      className={
        expanded
          ? 'fixed top-12 right-2 bottom-2 z-30 flex w-[min(640px,60vw)] flex-col shadow-2xl'
          : 'contents'
      }
    >
      <Panel
        title="Scenario"
        detail={title}
        testId="scenario"
        className={expanded ? 'h-full bg-slate-950' : ''}
        aside={
          <span className="flex items-center gap-1">
            <Button
              testId="undo"
              title="Undo (Ctrl+Z)"
              disabledWhy={!api ? 'the editor is loading' : history.undo ? null : 'nothing to undo'}
              onClick={() => api?.undo()}
            >
              ↶
            </Button>
            <Button
              testId="redo"
              title="Redo (Ctrl+Shift+Z)"
              disabledWhy={!api ? 'the editor is loading' : history.redo ? null : 'nothing to redo'}
              onClick={() => api?.redo()}
            >
              ↷
            </Button>
            <Button
              testId="run-to-cursor"
              title="Show the machine after the command at the cursor (Ctrl+Enter)"
              disabledWhy={!api ? 'the editor is loading' : null}
              onClick={() => api && void runToLine(api.cursorLine())}
            >
              to cursor
            </Button>
            <Button
              testId="open-file"
              title="Open a .hmm or .json scenario file"
              onClick={() => fileInput.current?.click()}
            >
              open
            </Button>
            <Button
              testId="save-text"
              title="Save the scenario text (.hmm)"
              onClick={() =>
                saveBlob(fileName(title, 'hmm'), new Blob([text], { type: 'text/plain' }))
              }
            >
              .hmm
            </Button>
            <Button
              testId="save-json"
              title="Save the scenario as JSON"
              disabledWhy={
                broken ? 'fix the errors first: JSON needs a scenario that parses' : null
              }
              onClick={() => {
                const r = scenarioJson(text);
                if (r.ok)
                  saveBlob(
                    fileName(title, 'json'),
                    new Blob([r.json], { type: 'application/json' }),
                  );
                else showError({ kind: 'file', message: r.message });
              }}
            >
              .json
            </Button>
            <ShareLink />
            <Button
              testId="expand-scenario"
              title={expanded ? 'Back to the panel' : 'A bigger editor'}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? '⤡' : '⤢'}
            </Button>
          </span>
        }
      >
        <input
          ref={fileInput}
          type="file"
          accept=".hmm,.txt,.json,text/plain,application/json"
          className="hidden"
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void openFile(f);
          }}
        />
        <div className="flex h-full min-h-0 flex-col">
          <div className="min-h-0 flex-1" data-testid="scenario-body">
            <Suspense
              fallback={
                <pre
                  className="font-mono text-2xs leading-snug text-slate-300"
                  data-testid="scenario-text"
                >
                  {text}
                </pre>
              }
            >
              <ScenarioEditor
                value={text}
                onChange={setText}
                diagnostics={diagnostics}
                activeLine={op && op.line > 0 ? op.line : null}
                onRunToCursor={(line) => void runToLine(line)}
                onHistoryChange={(undo, redo) => setHistory({ undo, redo })}
                onReady={setApi}
                ariaLabel="Scenario text"
              />
            </Suspense>
          </div>
          {/* Screen readers hear only the errors (the counts change with every click). */}
          <div className="sr-only" aria-live="polite">
            {broken ? status : ''}
          </div>
          <div
            data-testid="scenario-status"
            className={`shrink-0 pt-0.5 text-2xs ${broken || summary.failed ? 'text-amber-300' : 'text-slate-400'}`}
          >
            {status}
          </div>
        </div>
      </Panel>
    </div>
  );
}
