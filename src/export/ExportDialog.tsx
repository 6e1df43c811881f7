/**
 * The export dialog: a view (or the whole lab) as SVG or PNG; a step range as a GIF or WebM,
 * one frame per micro-step; the trace as JSON or narrated text. Long exports show their progress
 * and can be cancelled; every failure is said here. The screenshot library and the encoders load
 * when first used, not with the dialog.
 */
import { useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import {
  FPS_CHOICES,
  isCancelled,
  noWebCodecs,
  renderGif,
  renderWebm,
  type AnimationJob,
} from './animation';
import { exportName, formatBytes, pictureParts, rangeParts, saveBlob } from './download';
import { MAX_FRAMES, operationRange, parseRange, rangePositions, wholeRun } from './range';
import { narratedText, traceJsonText } from './trace';
import { selectOps, selectPosition, selectStatus } from '../store/selectors';
import { useLab, useLabStore } from '../store/react';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { steppedThrough } from './stepping';
import { findTarget, TARGETS, targetLabel, type TargetId } from './targets';

type Progress = { what: string; done: number; total: number };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const webmWhy = noWebCodecs();

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-1.5 border-t border-slate-800 pt-2">
      <h3 className="text-2xs font-semibold tracking-wide text-slate-400 uppercase">{title}</h3>
      {children}
    </section>
  );
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = useLabStore();
  const ops = useLab(selectOps);
  const status = useLab(selectStatus);
  const pos = useLab(selectPosition);
  const [target, setTarget] = useState<TargetId>('lab');
  const [scale, setScale] = useState(2);
  const [range, setRange] = useState(() => {
    const s = store.getState();
    return operationRange(s.ops, s.position) ?? { from: '', to: '' };
  });
  const [fps, setFps] = useState(2);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const running = progress !== null;
  const checked = parseRange(ops, range.from, range.to);
  const busyWhy = running
    ? 'an export is running'
    : status === 'starting'
      ? 'the engine is starting'
      : null;
  const rangeWhy = busyWhy ?? (checked.ok ? null : checked.why);

  /** Run one export: progress while it runs, its result or its error after. */
  async function run(what: string, work: (signal: AbortSignal) => Promise<string>) {
    const ac = new AbortController();
    abort.current = ac;
    setError(null);
    setDone(null);
    setProgress({ what, done: 0, total: 0 });
    try {
      setDone(await work(ac.signal));
    } catch (e) {
      if (isCancelled(e)) setDone('Cancelled: the lab is back at the step it showed.');
      else setError(message(e));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  const title = store.getState().title;
  const saved = (name: string, blob: Blob, extra = ''): string => {
    saveBlob(name, blob);
    return `Saved ${name} (${extra}${formatBytes(blob.size)}).`;
  };

  function element(): HTMLElement {
    const el = findTarget(target);
    if (!el) throw new Error(`The ${targetLabel(target)} view is not on screen.`);
    return el;
  }

  const picture = (format: 'svg' | 'png') =>
    run(`capturing the ${targetLabel(target)} as ${format.toUpperCase()}…`, async () => {
      const img = await import('./image');
      const el = element();
      const name = exportName(title, pictureParts(store.getState().position, target), format);
      if (format === 'svg') {
        const svg = await img.elementToSvg(el, { scale });
        return saved(name, new Blob([svg], { type: 'image/svg+xml' }));
      }
      const png = await img.elementToPng(el, { scale });
      return saved(name, png, `${Math.floor(el.getBoundingClientRect().width * scale)} px wide, `);
    });

  const animation = (format: 'gif' | 'webm') => {
    if (!checked.ok) return;
    const r = checked.value;
    const what = rangeParts(r.from, r.to, target);
    void run(`${format.toUpperCase()} of ${r.count} steps…`, async (signal) => {
      const img = await import('./image');
      const el = element();
      const background = img.screenBackground(el);
      const capturer = new img.Capturer(() => findTarget(target), { scale, background });
      const positions = rangePositions(store.getState().ops, r);
      try {
        const blob = await steppedThrough(store, positions, (show) => {
          const job: AnimationJob = {
            count: positions.length,
            fps,
            background,
            signal,
            frame: async (i) => {
              await show(i);
              return capturer.capture();
            },
            onProgress: (n, total) =>
              setProgress({ what: `${format.toUpperCase()}: frame`, done: n, total }),
          };
          return format === 'gif' ? renderGif(job) : renderWebm(job);
        });
        return saved(exportName(title, what, format), blob, `${positions.length} frames, `);
      } finally {
        capturer.dispose();
      }
    });
  };

  const trace = (format: 'json' | 'txt') =>
    run('writing the trace…', () => {
      const s = store.getState();
      const src = { title: s.title, spec: s.spec, ops: s.ops, steps: s.steps };
      const blob =
        format === 'json'
          ? new Blob([traceJsonText(src)], { type: 'application/json' })
          : new Blob([narratedText(src)], { type: 'text/plain;charset=utf-8' });
      return Promise.resolve(saved(exportName(title, ['trace'], format), blob));
    });

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const preset = (p: { from: string; to: string } | null) => () => {
    if (p) setRange(p);
  };

  return createPortal(
    <Dialog label="Export" onClose={close} width="w-[520px]" testId="export-dialog">
      <div className="space-y-2">
        <h2 className="text-sm font-semibold">Export for slides</h2>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1">
            capture
            <select
              data-testid="export-target"
              className="rounded bg-slate-800"
              value={target}
              disabled={running}
              onChange={(e) => setTarget(e.target.value as TargetId)}
            >
              {TARGETS.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            scale
            <select
              data-testid="export-scale"
              className="rounded bg-slate-800"
              value={scale}
              disabled={running}
              onChange={(e) => setScale(Number(e.target.value))}
            >
              <option value={1}>1× (as on screen)</option>
              <option value={2}>2× (sharp on a projector)</option>
            </select>
          </label>
        </div>

        <Section title="Picture of the step on screen">
          <div className="flex gap-2">
            <Button testId="export-svg" onClick={() => void picture('svg')} disabledWhy={busyWhy}>
              SVG
            </Button>
            <Button testId="export-png" onClick={() => void picture('png')} disabledWhy={busyWhy}>
              PNG
            </Button>
            <span className="text-slate-400">
              SVG keeps the text as text (browsers, Inkscape); PNG for any slide program.
            </span>
          </div>
        </Section>

        <Section title="Animation: one frame per micro-step">
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1">
              from
              <input
                aria-label="from (op.step)"
                data-testid="export-from"
                className="w-16 rounded bg-slate-800 px-1 font-mono"
                value={range.from}
                disabled={running}
                onChange={(e) => setRange({ ...range, from: e.target.value })}
              />
            </label>
            <label className="flex items-center gap-1">
              to
              <input
                aria-label="to (op.step)"
                data-testid="export-to"
                className="w-16 rounded bg-slate-800 px-1 font-mono"
                value={range.to}
                disabled={running}
                onChange={(e) => setRange({ ...range, to: e.target.value })}
              />
            </label>
            <Button
              testId="export-range-op"
              onClick={preset(operationRange(ops, pos))}
              disabledWhy={busyWhy ?? (ops.length ? null : 'nothing has run yet')}
            >
              this operation
            </Button>
            <Button
              testId="export-range-all"
              onClick={preset(wholeRun(ops))}
              disabledWhy={busyWhy ?? (ops.length ? null : 'nothing has run yet')}
            >
              whole run
            </Button>
          </div>
          <p
            data-testid="export-range"
            className={checked.ok ? 'text-slate-400' : 'text-amber-300'}
          >
            {checked.ok
              ? `${checked.value.count} frame${checked.value.count === 1 ? '' : 's'} (op.step, as the timeline counts; at most ${MAX_FRAMES})`
              : checked.why}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1">
              frames per second
              <select
                data-testid="export-fps"
                className="rounded bg-slate-800"
                value={fps}
                disabled={running}
                onChange={(e) => setFps(Number(e.target.value))}
              >
                {FPS_CHOICES.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
            <Button testId="export-gif" onClick={() => animation('gif')} disabledWhy={rangeWhy}>
              GIF
            </Button>
            <Button
              testId="export-webm"
              onClick={() => animation('webm')}
              disabledWhy={rangeWhy ?? webmWhy}
            >
              WebM
            </Button>
          </div>
          {webmWhy && (
            <p data-testid="export-webm-why" className="text-amber-300">
              {webmWhy}
            </p>
          )}
        </Section>

        <Section title="Trace of the whole run">
          <div className="flex gap-2">
            <Button
              testId="export-trace-json"
              onClick={() => void trace('json')}
              disabledWhy={busyWhy}
            >
              trace JSON
            </Button>
            <Button
              testId="export-trace-text"
              onClick={() => void trace('txt')}
              disabledWhy={busyWhy}
            >
              narrated text
            </Button>
          </div>
        </Section>

        {progress && (
          <div className="flex items-center gap-2 text-sky-300" role="status">
            <span data-testid="export-progress">
              {progress.total > 0
                ? `${progress.what} ${progress.done} of ${progress.total}`
                : progress.what}
            </span>
            <Button testId="export-cancel" onClick={() => abort.current?.abort()}>
              cancel
            </Button>
          </div>
        )}
        {error && (
          <p role="alert" data-testid="export-error" className="text-rose-300">
            {error}
          </p>
        )}
        {done && (
          <p role="status" data-testid="export-done" className="text-emerald-300">
            {done}
          </p>
        )}
        <div className="flex justify-end border-t border-slate-800 pt-2">
          <Button testId="export-close" onClick={close}>
            close
          </Button>
        </div>
      </div>
    </Dialog>,
    document.body,
  );
}
