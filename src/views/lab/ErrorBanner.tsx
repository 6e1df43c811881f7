/** A worker error or crash, in words the user can act on; the lab keeps working behind it. */
import { selectError } from '../../store/selectors';
import { useLab } from '../../store/react';
import { Button } from './Button';

export function ErrorBanner() {
  const err = useLab(selectError);
  const dismiss = useLab((s) => s.dismissError);
  if (!err) return null;
  return (
    <div
      role="alert"
      data-testid="error-banner"
      className="flex items-center gap-2 border-b border-rose-700 bg-rose-950 px-3 py-1 text-xs text-rose-100"
    >
      <span className="font-semibold">
        {err.kind === 'crash' ? 'Engine restarted' : 'Engine error'}:
      </span>
      <span className="flex-1">{err.message}</span>
      <Button testId="dismiss-error" onClick={dismiss}>
        dismiss
      </Button>
    </div>
  );
}
