/**
 * What just happened, when the user should know: an engine error or crash, a link or file that
 * could not be opened, errors in the scenario text, or a notice (a preset or link opened).
 * The lab keeps working behind it.
 */
import { selectError } from '../../store/selectors';
import { useLab } from '../../store/react';
import type { LabError } from '../../store/types';
import { Button } from '../../ui/Button';

const HEADINGS: Record<LabError['kind'], string> = {
  worker: 'Engine error',
  crash: 'Engine restarted',
  kernel: 'Kernel error',
  link: 'Link not opened',
  file: 'File not opened',
  scenario: 'Scenario has errors',
  notice: 'Note',
};

export function ErrorBanner() {
  const err = useLab(selectError);
  const dismiss = useLab((s) => s.dismissError);
  if (!err) return null;
  const notice = err.kind === 'notice';
  return (
    <div
      role={notice ? 'status' : 'alert'}
      data-testid="error-banner"
      data-kind={err.kind}
      className={`flex items-center gap-2 border-b px-3 py-1 text-xs ${notice ? 'border-sky-800 bg-sky-950 text-sky-100' : err.kind === 'scenario' ? 'border-amber-700 bg-amber-950 text-amber-100' : 'border-rose-700 bg-rose-950 text-rose-100'}`}
    >
      <span className="font-semibold">{HEADINGS[err.kind]}:</span>
      <span className="flex-1" data-testid="error-message">
        {err.message}
      </span>
      {err.action && (
        <Button
          testId="banner-action"
          kind="primary"
          onClick={() => {
            err.action?.run();
            dismiss();
          }}
        >
          {err.action.label}
        </Button>
      )}
      <Button testId="dismiss-error" onClick={dismiss}>
        dismiss
      </Button>
    </div>
  );
}
