/**
 * The current micro-step: its kernel function and sentence, the result or error line, the
 * lecturer's note on the operation (if the scenario has one), and the list of the operation's
 * micro-steps (click one to see the machine at that point). Screen
 * readers hear each step from the timeline's one live region (timeline/StepAnnouncer.tsx), so
 * nothing here is live.
 */
import { useEffect, useRef } from 'react';
import { errnoName } from '../../engine/errno';
import { describeCommand } from '../../scenario/format';
import { selectCurrentOp, selectCurrentStep, selectPosition } from '../../store/selectors';
import { useLab } from '../../store/react';
import { formatNs } from '../../engine/cost/time';
import { Panel } from '../../ui/Panel';
import { NoteCallout } from '../present/NoteCallout';
import { TermText } from '../glossary/Term';

export function Narration() {
  const op = useLab(selectCurrentOp);
  const step = useLab(selectCurrentStep);
  const pos = useLab(selectPosition);
  const seek = useLab((s) => s.seek);
  // Predicting: the steps ahead would give the answer away.
  const predicting = useLab((s) => s.predict.on);
  const current = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = current.current;
    const root = list.current;
    if (!el || !root) return;
    // Scroll the current step into view only when it is not, and only once the frame's layout
    // is done (an IntersectionObserver reports then): scrolling from the effect itself forced
    // a layout of the whole page on every step.
    const io = new IntersectionObserver(
      ([e]) => {
        io.disconnect();
        // A block body: newer Chromium returns a Promise from scrollIntoView.
        if (e && e.intersectionRatio < 0.99) void el.scrollIntoView({ block: 'nearest' });
      },
      { root, threshold: [0, 1] },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [pos]);
  if (!op || !pos)
    return (
      <Panel title="Narration" testId="narration">
        <p className="text-sm text-slate-400">
          The machine is booted. mmap a buffer, touch it, open a device and migrate.
        </p>
      </Panel>
    );
  const failed = op.ret !== 0 || op.problem;
  return (
    <Panel
      title="Narration"
      detail={`op ${op.index + 1}: ${describeCommand(op.command)}`}
      testId="narration"
    >
      <div className="grid h-full min-h-0 grid-cols-[minmax(0,1fr)_16rem] gap-3">
        {/* Focusable: a long note or result can scroll, and the keyboard must reach it. */}
        <div
          className="min-h-0 overflow-auto"
          tabIndex={0}
          role="group"
          aria-label="what this micro-step does"
        >
          <NoteCallout size="panel" />
          {step && (
            <div>
              <div
                className="font-mono text-sm text-sky-300"
                data-testid="current-fn"
                title={step.source ? `${step.fn}, in ${step.source}` : step.fn}
              >
                <TermText text={step.fn} />
              </div>
              <div className="text-sm text-slate-100" data-testid="current-text">
                <TermText text={step.text} />
              </div>
              {step.source && (
                <div className="mt-0.5 text-2xs text-slate-500" data-testid="current-source">
                  <TermText text={step.source} />
                </div>
              )}
            </div>
          )}
          <div
            data-testid="result"
            className={`mt-1 text-xs ${failed ? 'text-rose-300' : 'text-emerald-300'}`}
          >
            {op.problem ? `Not run: ${op.problem}` : `returned ${errnoName(op.ret)}`}
            {op.cpages !== null ? ` · cpages ${op.cpages}, faults ${op.faults}` : ''} ·{' '}
            {formatNs(op.cost)}
          </div>
          {op.failures.map((f, i) => (
            <div key={i} className="mt-0.5 text-xs text-amber-300" data-testid="expect-failure">
              expectation{f.line > 0 ? ` (line ${f.line})` : ''} failed: {f.message}
            </div>
          ))}
        </div>
        <ol
          ref={list}
          className="min-h-0 space-y-0.5 overflow-auto text-2xs"
          data-testid="step-list"
          aria-label="micro-steps of this operation"
        >
          {(predicting ? op.steps.slice(0, pos.step + 1) : op.steps).map((s, i) => (
            <li key={s.seq}>
              <button
                ref={i === pos.step ? current : undefined}
                type="button"
                onClick={() => void seek(op.index, i)}
                aria-current={i === pos.step ? 'step' : undefined}
                className={`w-full truncate rounded px-1 text-left font-mono ${i === pos.step ? 'bg-sky-900 text-sky-100' : 'text-slate-400 hover:bg-slate-800'}`}
                title={`${s.fn}: ${s.text}${s.source ? ` (${s.source})` : ''}`}
              >
                <span aria-hidden="true">{i === pos.step ? '▸ ' : ''}</span>
                {i + 1}. {s.fn}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </Panel>
  );
}
