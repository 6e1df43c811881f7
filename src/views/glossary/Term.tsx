/**
 * Glossary words in the views: `Term` makes a word a hover/focus card with its explanation and
 * its kernel source at the scenario's kernel model (and at the other model when it differs);
 * `TermText` does it for every glossary word inside a sentence (narration, captions, source
 * lines). The card itself is src/ui/HoverCard.
 */
import type { ReactNode } from 'react';
import type { KernelModel } from '../../engine/commands/terms';
import { sourcesFor, splitTerms, termByKey, type Term as Entry } from '../../glossary';
import { selectSpec } from '../../store/selectors';
import { useLab } from '../../store/react';
import { HoverCard } from '../../ui/HoverCard';

const MODEL_NAME: Record<KernelModel, string> = { modern: 'modern', seeds: 'seeds' };

function TermCard({ entry, kernel }: { entry: Entry; kernel: KernelModel }) {
  return (
    <>
      <span className="block font-mono font-semibold text-sky-200">{entry.name}</span>
      <span className="mt-0.5 block" data-testid="term-text">
        {entry.text}
      </span>
      {sourcesFor(entry, kernel).map((s) => (
        <span
          key={s.model}
          className="mt-1 block text-slate-300"
          data-testid={`term-source-${s.model}`}
        >
          <span className="text-slate-400">
            Linux {s.version} ({MODEL_NAME[s.model]} model
            {s.model === kernel ? ', this scenario' : ''}):{' '}
          </span>
          {s.url ? (
            <a
              href={s.url}
              target="_blank"
              rel="noopener noreferrer"
              className="font-mono break-all text-sky-300 underline"
              data-testid={`term-link-${s.model}`}
            >
              {s.label}
            </a>
          ) : (
            <span className="italic">no source link</span>
          )}
          {s.note && <span className="block text-slate-400">{s.note}</span>}
        </span>
      ))}
    </>
  );
}

/** A glossary word: `k` is its glossary key, `children` the word as the view prints it. */
export function Term({
  k,
  children,
  className,
}: {
  k: string;
  children: ReactNode;
  className?: string;
}) {
  const kernel = useLab((s) => selectSpec(s).kernel);
  const entry = termByKey(k);
  if (!entry) return <>{children}</>;
  return (
    <HoverCard
      card={() => <TermCard entry={entry} kernel={kernel} />}
      className={className}
      testId={`term-${entry.key}`}
    >
      {children}
    </HoverCard>
  );
}

/** A sentence whose kernel words (functions, constants, source files) each become a Term. */
export function TermText({ text }: { text: string }) {
  return (
    <>
      {splitTerms(text).map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <Term key={i} k={p.key}>
            {p.text}
          </Term>
        ),
      )}
    </>
  );
}

/** Words separated by spaces, each one a Term (PTE bits, page flags). */
export function TermList({
  words,
  keyOf,
}: {
  words: readonly string[];
  keyOf: (w: string) => string | undefined;
}) {
  return (
    <>
      {words.map((w, i) => {
        const k = keyOf(w);
        return (
          <span key={w}>
            {i > 0 && ' '}
            {k ? <Term k={k}>{w}</Term> : w}
          </span>
        );
      })}
    </>
  );
}
