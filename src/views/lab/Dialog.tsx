/**
 * A modal dialog: an overlay that owns the keyboard (the timeline keys stand down while one is
 * open), closes on Escape, and puts focus inside when it opens.
 */
import { useEffect, useRef, type ReactNode } from 'react';

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
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('input, button, select, [tabindex]')?.focus();
    return () => window.removeEventListener('keydown', onKey);
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
        className={`${width} max-h-[calc(100vh-6rem)] overflow-auto rounded-lg border border-slate-700 bg-slate-900 p-4 text-xs`}
      >
        {children}
      </div>
    </div>
  );
}
