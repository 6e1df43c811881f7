import { useEffect, useRef, type ReactNode } from 'react';
import { watchScrolling } from './scrollFocus';

/**
 * A titled panel; `testId` names it for e2e. When its content is taller (or wider) than the
 * panel, the body joins the tab order so the keyboard can scroll it (Up/Down, Page Up/Down).
 * The title is a label, set in small capitals; `detail` (what the panel shows now: a step, a
 * frame, a time) follows it as written, since case carries meaning there (µs is not MS, and
 * names are case-sensitive). `related` marks the header (views/relations: the panel shows the
 * frame of what is hovered or focused elsewhere): a violet bar under it and a data attribute.
 */
export function Panel({
  title,
  detail,
  children,
  testId,
  className = '',
  aside,
  related = false,
}: {
  title: string;
  detail?: string | null;
  children: ReactNode;
  testId?: string;
  className?: string;
  aside?: ReactNode;
  related?: boolean;
}) {
  const body = useRef<HTMLDivElement>(null);
  // The body is a layout and paint boundary: a step that changes one panel's content lays
  // out and repaints that panel, not the whole lab.
  // Whether the body scrolls is read where layout is already done (scrollFocus.ts): reading
  // scrollHeight after every render forced a layout per panel per step.
  useEffect(() => {
    const el = body.current;
    return el ? watchScrolling(el) : undefined;
  }, []);
  return (
    <section
      aria-label={detail ? `${title} · ${detail}` : title}
      data-testid={testId}
      className={`flex min-h-0 flex-col rounded-md border border-slate-800 bg-slate-900/60 ${className}`}
    >
      {/* The aside (a panel's buttons) goes under the title when both do not fit on a line:
          the title is never squeezed to nothing. */}
      <header
        data-related={related ? 'true' : undefined}
        className={`flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 border-b px-2 py-1 ${related ? 'border-violet-400 bg-violet-400/10 shadow-[inset_0_-1px_0_var(--color-violet-400)]' : 'border-slate-800'}`}
      >
        <h2
          className="max-w-full min-w-0 truncate text-2xs font-semibold tracking-wide text-slate-300"
          title={detail ? `${title} · ${detail}` : undefined}
        >
          <span className="uppercase">{title}</span>
          {detail && <span className="font-normal"> · {detail}</span>}
        </h2>
        {aside}
      </header>
      <div ref={body} className="min-h-0 flex-1 overflow-auto p-2 [contain:layout_paint]">
        {children}
      </div>
    </section>
  );
}
