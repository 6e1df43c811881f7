/**
 * Predict-then-reveal, on screen: before the next step the audience picks where the selected
 * page will live and what its frame's refcount will be; the next step forward moves the lab
 * and shows the answer beside the guess.
 */
import { selectSelection, selectSnapshot, selectInspectedFrame } from '../../store/selectors';
import { useLab } from '../../store/react';
import { frameLabel } from '../model/lookup';
import { refAnswer, subjectOf, whereAnswer, whereChoices } from './question';

const REFS = [0, 1, 2, 3, 4];

/** What a question is about: a whole operation (the reveal lands at its end) or one micro-step. */
const UNITS = [
  {
    id: 'operation',
    label: 'per operation',
    title: 'Ask about the next operation; → reveals its end state',
  },
  { id: 'step', label: 'per micro-step', title: 'Ask about the next micro-step' },
] as const;

function ChoiceButton(props: {
  label: string;
  picked: boolean;
  verdict: 'right' | 'wrong' | 'answer' | null;
  onPick: () => void;
  disabled: boolean;
  testId: string;
}) {
  const tone =
    props.verdict === 'right' || props.verdict === 'answer'
      ? 'border-emerald-400 bg-emerald-900 text-emerald-50'
      : props.verdict === 'wrong'
        ? 'border-rose-400 bg-rose-900 text-rose-50 line-through'
        : props.picked
          ? 'border-sky-300 bg-sky-700 text-white'
          : 'border-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700';
  return (
    <button
      type="button"
      data-testid={props.testId}
      aria-pressed={props.picked}
      disabled={props.disabled}
      onClick={props.onPick}
      className={`rounded border px-2 py-0.5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300 ${tone}`}
    >
      {props.verdict === 'answer'
        ? '✓ '
        : props.verdict === 'right'
          ? '✓ '
          : props.verdict === 'wrong'
            ? '✗ '
            : ''}
      {props.label}
    </button>
  );
}

/** The presenter sets its own rem (views/scale), so one set of sizes reads in both. */
export function PredictCard() {
  const predict = useLab((s) => s.predict);
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  // The frame asked about: while a question is open, the one struct page showed when it was
  // put (struct page may follow the page to another frame on the reveal); before, today's.
  const shown = useLab(selectInspectedFrame);
  const guess = useLab((s) => s.guess);
  const setPredict = useLab((s) => s.setPredict);
  const setUnit = useLab((s) => s.setPredictUnit);
  if (!predict.on || !snap) return null;
  const frame = predict.phase === 'idle' ? shown : predict.frame;
  const subject = subjectOf(snap, sel);
  const revealed = predict.phase === 'revealed';
  const where = revealed ? whereAnswer(snap, sel) : null;
  const ref = revealed ? refAnswer(snap, frame) : null;
  const verdict = (picked: boolean, isAnswer: boolean): 'right' | 'wrong' | 'answer' | null =>
    !revealed ? null : isAnswer ? (picked ? 'right' : 'answer') : picked ? 'wrong' : null;
  const about = predict.unit === 'operation' ? 'operation' : 'micro-step';
  const status =
    predict.phase === 'idle'
      ? `Press → to ask the class about the next ${about}.`
      : predict.phase === 'asking'
        ? `Take guesses, then press → to reveal the end of the ${about}.`
        : 'Press → for the next question.';
  return (
    <section
      aria-label="Predict, then reveal"
      data-testid="predict-card"
      data-phase={predict.phase}
      className={`rounded-lg border border-amber-500/70 bg-slate-900/95 p-2 text-sm`}
    >
      <header className="mb-1 flex items-center gap-2">
        <h2 className="font-semibold text-amber-200">Predict, then reveal</h2>
        <span className="flex-1 text-slate-300" role="status" data-testid="predict-status">
          {status}
        </span>
        <div
          role="group"
          aria-label="Ask about"
          className="flex overflow-hidden rounded border border-slate-600"
        >
          {UNITS.map((u) => (
            <button
              key={u.id}
              type="button"
              aria-pressed={predict.unit === u.id}
              title={u.title}
              data-testid={`predict-unit-${u.id}`}
              onClick={() => setUnit(u.id)}
              className={`px-1.5 ${predict.unit === u.id ? 'bg-amber-800 text-amber-50' : 'bg-slate-800 text-slate-200 hover:bg-slate-700'}`}
            >
              {u.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="rounded bg-slate-700 px-1.5 text-slate-100 hover:bg-slate-600"
          onClick={() => setPredict(false)}
          data-testid="predict-off"
        >
          stop
        </button>
      </header>
      {predict.phase !== 'idle' && (
        <div className="flex flex-wrap items-start gap-x-6 gap-y-1.5">
          {subject ? (
            <div>
              <div className="mb-0.5 text-slate-200">
                Where will <span className="font-mono">{subject.label}</span> live after the step?
              </div>
              <div className="flex flex-wrap gap-1">
                {whereChoices(snap).map((c) => (
                  <ChoiceButton
                    key={c.id}
                    testId={`guess-where-${c.id}`}
                    label={c.label}
                    picked={predict.guess.where === c.id}
                    verdict={verdict(predict.guess.where === c.id, where === c.id)}
                    disabled={revealed}
                    onPick={() => guess({ where: c.id })}
                  />
                ))}
              </div>
            </div>
          ) : (
            <div className="text-slate-400">Select a page to ask where it will live.</div>
          )}
          {frame !== null ? (
            <div>
              <div className="mb-0.5 text-slate-200">
                Refcount of <span className="font-mono">{frameLabel(snap, frame)}</span> after the
                step?
              </div>
              <div className="flex flex-wrap gap-1">
                {REFS.map((n) => (
                  <ChoiceButton
                    key={n}
                    testId={`guess-ref-${n}`}
                    label={String(n)}
                    picked={predict.guess.ref === n}
                    verdict={verdict(predict.guess.ref === n, ref === n)}
                    disabled={revealed}
                    onPick={() => guess({ ref: n })}
                  />
                ))}
                {revealed && ref !== null && ref > 4 && (
                  <span className="text-emerald-300">answer: {ref}</span>
                )}
              </div>
            </div>
          ) : (
            <div className="text-slate-400">Inspect a frame to ask about its refcount.</div>
          )}
          {revealed && (
            <div data-testid="predict-answer" className="basis-full text-emerald-200">
              {where !== null &&
                `It lives in ${whereChoices(snap).find((c) => c.id === where)?.label ?? where}. `}
              {ref !== null && `Its refcount is ${ref}.`}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
