/**
 * The top bar's "export…" button. The dialog (and, through it, the screenshot library and the
 * encoders) loads when the button is first pressed.
 */
import { lazy, Suspense, useState } from 'react';
import { selectStatus } from '../store/selectors';
import { useLab } from '../store/react';
import { Button } from '../ui/Button';

const ExportDialog = lazy(() =>
  import('./ExportDialog').then((m) => ({ default: m.ExportDialog })),
);

export function ExportMenu() {
  const status = useLab(selectStatus);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        testId="export-open"
        onClick={() => setOpen(true)}
        disabledWhy={status === 'starting' ? 'the engine is starting' : null}
        title="Export a view as SVG or PNG, a step range as GIF or WebM, the trace as JSON or text"
      >
        export…
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
