import type { ReactNode } from 'react';

/**
 * A button that explains itself when it cannot be used: `disabledWhy` disables it and shows the
 * reason as its tooltip and accessible description (never a silent grey button).
 */
export function Button({
  children,
  onClick,
  disabledWhy = null,
  testId,
  kind = 'normal',
  title,
  pressed,
}: {
  children: ReactNode;
  onClick: () => void;
  disabledWhy?: string | null;
  testId?: string;
  kind?: 'normal' | 'primary' | 'danger';
  title?: string;
  /** A toggle's state (aria-pressed), shown highlighted. */
  pressed?: boolean;
}) {
  const base =
    'rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:opacity-40';
  const color =
    kind === 'primary' || pressed
      ? 'bg-sky-700 text-white hover:brightness-90'
      : kind === 'danger'
        ? 'bg-rose-700 text-white hover:brightness-90'
        : 'bg-slate-700 text-slate-100 hover:bg-slate-600';
  return (
    <button
      type="button"
      className={`${base} ${color}`}
      onClick={onClick}
      disabled={disabledWhy !== null}
      title={disabledWhy ?? title}
      aria-description={disabledWhy ?? undefined}
      data-testid={testId}
      aria-pressed={pressed}
    >
      {children}
    </button>
  );
}
