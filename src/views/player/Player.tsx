/**
 * The read-only player: chosen views, the narration as a caption, and a minimal control bar
 * (back, play / pause, forward, the scrubber, where we are, open in the full lab). The embed
 * (`?embed`, for iframes) and the phone layout both use it. It plays only its range and loops
 * when asked; its keys (arrows, space) work when it has focus.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { encodeLink } from '../../share/link';
import { useLab, useLabStore } from '../../store/react';
import { selectOps, selectPosition } from '../../store/selectors';
import { EngineStatus } from '../lab/EngineStatus';
import { ErrorBanner } from '../lab/ErrorBanner';
import type { LabMode } from '../modes/mode';
import { ViewGrid } from '../modes/ViewGrid';
import { Pending } from '../../ui/Pending';
import { useMountStages } from '../../ui/useMountStages';
import { Caption } from '../present/Caption';
import { PredictCard } from '../predict/PredictCard';
import { LeaderLine } from '../relations/LeaderLine';
import { Icon, type IconName } from '../timeline/icons';
import { Scrubber } from '../timeline/Scrubber';
import { StepAnnouncer } from '../timeline/StepAnnouncer';
import { clampRange, nextInRange, prevInRange, rangeStart } from './range';

/** The full lab at this step, for "open in HMM Lab" (no mode: the lab itself). */
function fullLabUrl(s: ReturnType<ReturnType<typeof useLabStore>['getState']>): string | null {
  try {
    const f = encodeLink({
      text: s.text,
      at: s.position,
      selection: s.selection,
      watched: s.watched,
    });
    return `${window.location.origin}${window.location.pathname}#${f}`;
  } catch {
    return null;
  }
}

/** A control-bar button: an icon, named for screen readers. */
function BarButton(props: {
  label: string;
  testId: string;
  icon: IconName;
  pressed?: boolean;
  onClick: () => unknown;
}) {
  return (
    <button
      type="button"
      className="flex h-8 w-9 items-center justify-center rounded bg-slate-800 text-slate-100 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300"
      aria-label={props.label}
      aria-pressed={props.pressed}
      data-testid={props.testId}
      onClick={() => void props.onClick()}
    >
      <Icon name={props.icon} />
    </button>
  );
}

export function Player({
  mode,
  layout,
  startAtRange = false,
}: {
  mode: LabMode;
  layout: 'grid' | 'stack';
  /** Land at the range's start (an embed whose link named no step: students start at the
   * beginning, not at the end of the run). */
  startAtRange?: boolean;
}) {
  const store = useLabStore();
  const ops = useLab(selectOps);
  const pos = useLab(selectPosition);
  const ready = useLab((s) => s.status !== 'starting' && s.snapshot !== null);
  const [playing, setPlaying] = useState(mode.autoplay !== null);
  const started = useRef(false);
  const range = clampRange(ops, mode.range);

  const forward = async (): Promise<boolean> => {
    const s = store.getState();
    const p = s.position;
    if (!p) return false;
    const next = nextInRange(s.ops, p, clampRange(s.ops, mode.range));
    if (!next) return false;
    await s.seek(next.op, next.step);
    return true;
  };
  const back = async (): Promise<void> => {
    const s = store.getState();
    const p = s.position;
    const prev = p ? prevInRange(s.ops, p, clampRange(s.ops, mode.range)) : null;
    if (prev) await s.seek(prev.op, prev.step);
  };

  const toStart = async (): Promise<void> => {
    const s = store.getState();
    const start = rangeStart(s.ops, clampRange(s.ops, mode.range));
    await s.seek(start.op, start.step);
  };

  // Land at the range's start once (unless the link named its own step), then autoplay if asked.
  useEffect(() => {
    if (!ready || started.current) return;
    started.current = true;
    if (mode.range || mode.autoplay !== null || startAtRange) void toStart();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- toStart reads the store, not props
  }, [ready, store, mode.range, mode.autoplay, startAtRange]);

  // Playback: one step per tick; at the end, loop to the start or stop.
  useEffect(() => {
    if (!playing || !ready) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async (): Promise<void> => {
      if (stop) return;
      const moved = await forward();
      if (!moved) {
        if (!mode.loop) {
          setPlaying(false);
          return;
        }
        await toStart();
      }
      if (!stop) timer = setTimeout(() => void tick(), 1000 / (mode.autoplay ?? 2));
    };
    timer = setTimeout(() => void tick(), 1000 / (mode.autoplay ?? 2));
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- forward reads the store, not props
  }, [playing, ready, mode.loop, mode.autoplay, mode.range, store]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target as HTMLElement).tagName;
    if (e.key === 'ArrowRight') void forward();
    else if (e.key === 'ArrowLeft') void back();
    else if (e.key === 'Home') void toStart();
    else if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'A') setPlaying((p) => !p);
    else return;
    e.preventDefault();
  };

  const op = pos && pos.op >= 0 ? ops[pos.op] : undefined;
  const stack = layout === 'stack';
  // The frame, then the controls with the views' grid, which mounts a view per frame itself
  // (ViewGrid): at once, an embed's first render was a task of 50-90 ms on a cold load.
  const stage = useMountStages(2);
  return (
    <div
      data-testid="player"
      data-layout={layout}
      className={`flex flex-col bg-slate-950 text-slate-100 ${stack ? 'min-h-screen' : 'h-screen overflow-hidden'}`}
      onKeyDown={onKey}
      tabIndex={-1}
    >
      <ErrorBanner />
      <StepAnnouncer />
      <LeaderLine />
      <main className={stack ? 'flex flex-col gap-2 p-2' : 'flex min-h-0 flex-1 flex-col p-1.5'}>
        {stage < 2 ? (
          <Pending />
        ) : stack ? (
          // A phone: each view as tall as its content (no blank under a short one), at most
          // most of the screen (a long one scrolls inside).
          mode.views.map((v) => (
            <div key={v} className="flex max-h-[75vh] min-h-0 flex-col" data-testid={`stack-${v}`}>
              <ViewGrid views={[v]} />
            </div>
          ))
        ) : (
          <ViewGrid views={mode.views} />
        )}
        {mode.predict && <PredictCard />}
      </main>
      <div className={stack ? 'sticky bottom-0 z-10' : ''}>
        {stage >= 2 && <Caption size="small" />}
        {stage >= 2 ? (
          <div
            role="toolbar"
            aria-label="Player"
            className="flex items-center gap-1 border-t border-slate-800 bg-slate-950 px-2 py-1"
          >
            <BarButton label="To the start" testId="player-start" icon="start" onClick={toStart} />
            <BarButton label="Step back" testId="player-back" icon="back" onClick={back} />
            <BarButton
              label={playing ? 'Pause' : 'Play'}
              testId="player-play"
              icon={playing ? 'pause' : 'play'}
              pressed={playing}
              onClick={() => setPlaying(!playing)}
            />
            <BarButton label="Step forward" testId="player-forward" icon="into" onClick={forward} />
            <div className="mx-1 flex min-w-0 flex-1">
              <Scrubber />
            </div>
            <span
              className="shrink-0 font-mono text-2xs text-slate-300"
              data-testid="player-position"
            >
              {op && pos
                ? `op ${pos.op + 1}/${ops.length} · step ${pos.step + 1}/${op.steps.length}`
                : 'boot'}
            </span>
            <EngineStatus className="shrink-0 text-2xs text-slate-400" />
            {mode.range && (
              <span
                className="hidden shrink-0 text-2xs text-slate-400 sm:inline"
                data-testid="player-range"
              >
                ops {range.first + 1}–{range.last + 1}
              </span>
            )}
            <a
              className="shrink-0 rounded px-2 py-1 text-xs text-sky-300 underline hover:text-sky-200"
              data-testid="player-open-lab"
              target="_blank"
              rel="noopener"
              href={fullLabUrl(store.getState()) ?? window.location.pathname}
            >
              open in HMM Lab ↗
            </a>
          </div>
        ) : (
          <div className="h-10 border-t border-slate-800" />
        )}
      </div>
    </div>
  );
}
