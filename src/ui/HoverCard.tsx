/**
 * A word that explains itself: focusable, it shows a card on hover and on keyboard focus;
 * Escape closes it (focus stays on the word). The card is `role="tooltip"`, named by the word's
 * `aria-describedby` while open, and sits right after the word in the DOM so Tab goes from the
 * word into the card's links. It is `position: fixed` (no layout shift, not clipped by a
 * scrolling panel) and placed inside the viewport by placeCard.ts, measured after render;
 * under CSS `zoom` (the presenter) the measured size tells the zoom, and under a transformed
 * or contained ancestor the measured position tells that ancestor's origin.
 */
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { placeCard } from './placeCard';

/** How long the pointer may be between the word and its card before the card closes, ms. */
const CLOSE_DELAY = 120;

export function HoverCard({
  children,
  card,
  className = '',
  testId,
}: {
  /** The word, as shown. */
  children: ReactNode;
  /** The card's content, rendered only while it is open. */
  card: () => ReactNode;
  className?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const word = useRef<HTMLSpanElement>(null);
  const box = useRef<HTMLSpanElement>(null);
  const timer = useRef<number | null>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  const cancelClose = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  const show = (): void => {
    cancelClose();
    setOpen(true);
  };
  const hide = useCallback((): void => {
    cancelClose();
    setOpen(false);
    setPos(null);
  }, []);
  const hideSoon = (): void => {
    cancelClose();
    timer.current = window.setTimeout(hide, CLOSE_DELAY);
  };
  useEffect(() => cancelClose, []);

  useLayoutEffect(() => {
    const w = word.current;
    const b = box.current;
    if (!open || !w || !b) return;
    const place = (): void => {
      const a = w.getBoundingClientRect();
      const c = b.getBoundingClientRect();
      const zoom = b.offsetWidth > 0 ? c.width / b.offsetWidth : 1;
      // A transformed or contained ancestor is the fixed card's containing block: where the
      // card is now, less its own left/top, is that block's origin on the screen.
      const originX = c.left - (parseFloat(b.style.left) || 0) * zoom;
      const originY = c.top - (parseFloat(b.style.top) || 0) * zoom;
      const p = placeCard(a, c, { width: window.innerWidth, height: window.innerHeight });
      setPos({ left: (p.left - originX) / zoom, top: (p.top - originY) / zoom });
    };
    // Scrolling what holds the word (focus itself scrolls it into view) moves the word: the
    // card follows it.
    const onScroll = (e: Event): void => {
      if (e.target instanceof Node && e.target.contains(w)) place();
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [open, hide]);

  return (
    <span
      className="relative"
      onPointerEnter={show}
      onPointerLeave={hideSoon}
      onFocus={show}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) hide();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          hide();
          word.current?.focus();
        }
      }}
    >
      <span
        ref={word}
        tabIndex={0}
        aria-describedby={open ? id : undefined}
        data-testid={testId}
        className={`cursor-help underline decoration-dotted decoration-from-font underline-offset-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400 ${className}`}
      >
        {children}
      </span>
      {open && (
        <span
          ref={box}
          id={id}
          role="tooltip"
          data-testid="term-card"
          className="fixed z-50 block max-h-[calc(100vh-16px)] w-[min(22rem,calc(100vw-16px))] overflow-auto rounded border border-slate-600 bg-slate-900 p-2 text-left font-sans text-xs leading-snug font-normal whitespace-normal text-slate-100 shadow-lg"
          style={pos ? { left: pos.left, top: pos.top } : { left: 0, top: 0, visibility: 'hidden' }}
        >
          {card()}
        </span>
      )}
    </span>
  );
}
