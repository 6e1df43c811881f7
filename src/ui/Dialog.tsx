/**
 * A modal dialog: an overlay that owns the keyboard (the timeline keys stand down while one is
 * open), closes on Escape, puts focus inside when it opens, keeps Tab and Shift+Tab inside
 * (wrapping at either end), and gives focus back to whatever had it when it closes.
 */
import { useEffect, useRef, type ReactNode } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[contenteditable="true"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** The elements Tab can reach inside `root`, in order (visible ones only). */
function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

export function Dialog({
  label,
  onClose,
  children,
  width = 'w-[460px]',
  testId,
}: {
  label: string;
  onClose: () => void;
  children: ReactNode;
  width?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (e: KeyboardEvent): void => {
      const root = box.current;
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
        return;
      }
      if (e.key !== 'Tab' || !root) return;
      const items = tabbables(root);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      const at = document.activeElement;
      const inside = at instanceof Node && root.contains(at);
      if (e.shiftKey && (!inside || at === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || at === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    const root = box.current;
    if (root) (tabbables(root)[0] ?? root).focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back to the control that opened the dialog (if it is still there).
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={label}
      data-testid={testId}
      className="fixed inset-0 z-40 flex items-start justify-center bg-slate-950/70 pt-12"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        tabIndex={-1}
        className={`${width} max-h-[calc(100vh-6rem)] overflow-auto rounded-lg border border-slate-700 bg-slate-900 p-4 text-xs`}
      >
        {children}
      </div>
    </div>
  );
}
