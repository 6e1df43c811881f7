import type { ReactNode } from 'react';

/** A titled panel; `testId` names it for e2e. */
export function Panel({
  title,
  children,
  testId,
  className = '',
  aside,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  className?: string;
  aside?: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className={`flex min-h-0 flex-col rounded-md border border-slate-800 bg-slate-900/60 ${className}`}
    >
      <header className="flex items-center justify-between gap-2 border-b border-slate-800 px-2 py-1">
        <h2
          className="min-w-0 truncate text-[11px] font-semibold tracking-wide text-slate-300 uppercase"
          title={title}
        >
          {title}
        </h2>
        {aside}
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-2">{children}</div>
    </section>
  );
}
