/**
 * The one polite live region that tells screen readers where the lab is after each move:
 * "op 3 of 5, step 2 of 7: migrate_vma_pages — <the narration>", plus the operation's result
 * on its last step. Its text depends only on the position and the run, so re-renders that
 * change neither (typing, hovering, a repaint) announce nothing. Rendered once per layout (the
 * timeline renders it); the narration panel and the position read-out are not live regions.
 */
import { selectOps, selectPosition } from '../../store/selectors';
import { useLab } from '../../store/react';
import { announcement } from './announce';

export function StepAnnouncer() {
  const ops = useLab(selectOps);
  const pos = useLab(selectPosition);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="step-announcer">
      {announcement(ops, pos)}
    </div>
  );
}
