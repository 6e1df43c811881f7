/**
 * The narration as a caption: the operation, the kernel function and its sentence, and the
 * lecturer's note on the operation, large, for the back row (presenter: the note floats at the
 * right, beside the narration, so the caption grows little) or under a player (embed, phone:
 * the note under it, the width being narrow).
 */
import { errnoName } from '../../engine/errno';
import { describeCommand } from '../../scenario/format';
import { selectCurrentOp, selectCurrentStep, selectPosition } from '../../store/selectors';
import { useLab } from '../../store/react';
import { NoteCallout } from './NoteCallout';
import { TermText } from '../glossary/Term';

export function Caption({ size = 'large' }: { size?: 'large' | 'small' }) {
  const op = useLab(selectCurrentOp);
  const step = useLab(selectCurrentStep);
  const pos = useLab(selectPosition);
  const big = size === 'large';
  return (
    <figure
      data-testid="caption"
      className={`shrink-0 border-t border-slate-700 bg-slate-950 ${big ? 'flow-root max-h-[32vh] overflow-auto px-6 py-2' : 'max-h-[38vh] overflow-auto px-3 py-1.5'}`}
    >
      {/* The presenter's sizes are in rem, which it sets for the projector (27 px on 1920x1080):
          text-sm there is 24 px. The caption takes at most a third of the screen: the views
          are what the class reads. */}
      {big && <NoteCallout size="large" className="float-right ml-6 w-[min(50vw,60rem)]" />}
      {!op || !pos ? (
        <p className={big ? 'text-lg text-slate-200' : 'text-sm text-slate-200'}>
          The machine is booted: nothing has run yet.
        </p>
      ) : (
        <>
          <div className={`text-slate-400 ${big ? 'text-sm' : 'text-xs'}`}>
            op {op.index + 1}: {describeCommand(op.command)}
            {pos.step === op.steps.length - 1 && (
              <span className={op.ret === 0 && !op.problem ? 'text-emerald-300' : 'text-rose-300'}>
                {' '}
                → {op.problem ? `not run: ${op.problem}` : errnoName(op.ret)}
              </span>
            )}
          </div>
          {step && (
            <figcaption>
              <span
                className={`font-mono text-sky-300 ${big ? 'text-xl' : 'text-base'}`}
                data-testid="caption-fn"
                title={step.source ? `${step.fn}, in ${step.source}` : step.fn}
              >
                <TermText text={step.fn} />
              </span>
              <p
                className={`text-slate-50 ${big ? 'text-lg leading-snug' : 'text-sm'}`}
                data-testid="caption-text"
              >
                <TermText text={step.text} />
              </p>
            </figcaption>
          )}
        </>
      )}
      {!big && <NoteCallout size="small" />}
    </figure>
  );
}
