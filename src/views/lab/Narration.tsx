/**
 * The current micro-step: its kernel function and sentence, the list of the operation's
 * micro-steps (click one to see the machine at that point), and the result or error line.
 */
import { errnoName } from '../../engine/errno';
import { selectCurrentOp, selectCurrentStep, selectPosition } from '../../store/selectors';
import { useLab } from '../../store/react';
import { describeCommand } from '../../scenario/describe';
import { formatNs } from '../model/format';
import { Panel } from './Panel';

export function Narration() {
  const op = useLab(selectCurrentOp);
  const step = useLab(selectCurrentStep);
  const pos = useLab(selectPosition);
  const seek = useLab((s) => s.seek);
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
      title={`Narration · op ${op.index + 1}: ${describeCommand(op.command)}`}
      testId="narration"
    >
      {step && (
        <div aria-live="polite" className="mb-1">
          <div className="font-mono text-sm text-sky-300" data-testid="current-fn">
            {step.fn}
          </div>
          <div className="text-sm text-slate-100" data-testid="current-text">
            {step.text}
          </div>
        </div>
      )}
      <div
        role="status"
        data-testid="result"
        className={`mb-1 text-xs ${failed ? 'text-rose-300' : 'text-emerald-300'}`}
      >
        {op.problem ? `Not run: ${op.problem}` : `returned ${errnoName(op.ret)}`}
        {op.cpages !== null ? ` · cpages ${op.cpages}, faults ${op.faults}` : ''} ·{' '}
        {formatNs(op.cost)}
      </div>
      <ol className="space-y-0.5 text-[11px]" data-testid="step-list">
        {op.steps.map((s, i) => (
          <li key={s.seq}>
            <button
              type="button"
              onClick={() => void seek(op.index, i)}
              aria-current={i === pos.step ? 'step' : undefined}
              className={`w-full truncate rounded px-1 text-left font-mono ${i === pos.step ? 'bg-sky-900 text-sky-100' : 'text-slate-400 hover:bg-slate-800'}`}
              title={`${s.fn}: ${s.text}${s.source ? ` (${s.source})` : ''}`}
            >
              {i + 1}. {s.fn}
            </button>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
