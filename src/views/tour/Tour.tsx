/**
 * The first-visit tour: six short steps over the lab's parts (timeline, page tables, physical
 * memory, struct page, narration, presenter button), each a card beside the part it names, the
 * part outlined. Next / Back / Skip; Escape skips; Tab stays inside the card while it is open
 * (politely: nothing else is blocked, and focus goes back where it was when it closes).
 * Dismissing it (Skip, Escape, Done) stores that (tourState.ts); the help dialog reopens it.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { placeCard } from '../../ui/placeCard';
import { TOUR_EVENT, TOUR_STEPS, markTourSeen } from './tourState';

/** The visible rectangle of the part a step names, or null when it is not on screen. */
function targetRect(testId: string): DOMRect | null {
  const el = document.querySelector(`[data-testid="${testId}"]`);
  const r = el?.getBoundingClientRect();
  return r && r.width > 0 && r.height > 0 ? r : null;
}

export function Tour({ initiallyOpen }: { initiallyOpen: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [at, setAt] = useState(0);
  const card = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [rect, setRect] = useState<DOMRect | null>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  const close = useCallback(() => {
    markTourSeen();
    setOpen(false);
    setAt(0);
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) back.focus();
  }, []);

  useEffect(() => {
    const onOpen = (): void => {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setAt(0);
      setOpen(true);
    };
    window.addEventListener(TOUR_EVENT, onOpen);
    return () => window.removeEventListener(TOUR_EVENT, onOpen);
  }, []);

  const step = TOUR_STEPS[at];
  useLayoutEffect(() => {
    if (!open || !step) return;
    const place = (): void => {
      const r = targetRect(step.target);
      const c = card.current?.getBoundingClientRect();
      setRect(r);
      if (!c) return;
      const vp = { width: window.innerWidth, height: window.innerHeight };
      const anchor = r ?? {
        left: vp.width / 2 - c.width / 2,
        top: vp.height / 3,
        width: c.width,
        height: 0,
      };
      setPos(placeCard(anchor, c, vp, 8, 8));
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, step]);

  // Focus the card's heading at each step once it is placed (a hidden element takes no focus),
  // so a screen reader reads it.
  const placed = pos !== null;
  useEffect(() => {
    if (open && placed) card.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [open, at, placed]);

  if (!open || !step) return null;
  const last = at === TOUR_STEPS.length - 1;
  return (
    <>
      {rect && (
        <div
          aria-hidden="true"
          className="pointer-events-none fixed z-40 rounded border-2 border-amber-300 shadow-[0_0_0_4px_rgba(252,211,77,0.25)]"
          style={{
            left: rect.left - 3,
            top: rect.top - 3,
            width: rect.width + 6,
            height: rect.height + 6,
          }}
        />
      )}
      <div
        ref={card}
        role="dialog"
        aria-modal="true"
        aria-labelledby="tour-title"
        aria-describedby="tour-text"
        data-testid="tour"
        className="fixed z-50 w-[min(22rem,calc(100vw-16px))] rounded border border-amber-300/70 bg-slate-900 p-3 text-sm text-slate-100 shadow-xl"
        style={pos ? { left: pos.left, top: pos.top } : { left: 8, top: 8, visibility: 'hidden' }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
            return;
          }
          if (e.key !== 'Tab') return;
          const items = [
            ...e.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled])'),
          ];
          const first = items[0];
          const lastItem = items[items.length - 1];
          if (!first || !lastItem) return;
          if (
            e.shiftKey &&
            (document.activeElement === first ||
              !e.currentTarget.contains(document.activeElement) ||
              document.activeElement?.tagName === 'H2')
          ) {
            e.preventDefault();
            lastItem.focus();
          } else if (!e.shiftKey && document.activeElement === lastItem) {
            e.preventDefault();
            first.focus();
          }
        }}
      >
        <p className="text-2xs text-amber-200" data-testid="tour-progress">
          Tour · {at + 1} of {TOUR_STEPS.length}
        </p>
        <h2 id="tour-title" tabIndex={-1} className="mt-0.5 font-semibold outline-none">
          {step.title}
        </h2>
        <p id="tour-text" className="mt-1 text-xs leading-snug text-slate-200">
          {step.text}
        </p>
        <div className="mt-3 flex items-center gap-2">
          <button
            type="button"
            data-testid="tour-back"
            disabled={at === 0}
            onClick={() => setAt(at - 1)}
            className="rounded border border-slate-600 px-2 py-0.5 text-xs disabled:opacity-50"
          >
            Back
          </button>
          <button
            type="button"
            data-testid="tour-next"
            onClick={() => (last ? close() : setAt(at + 1))}
            className="rounded bg-amber-300 px-2 py-0.5 text-xs font-semibold text-slate-950"
          >
            {last ? 'Done' : 'Next'}
          </button>
          <span className="flex-1" />
          <button
            type="button"
            data-testid="tour-skip"
            onClick={close}
            className="rounded px-2 py-0.5 text-xs text-slate-300 underline"
          >
            Skip tour
          </button>
        </div>
      </div>
    </>
  );
}
