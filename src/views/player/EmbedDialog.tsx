/**
 * The snippet generator: pick the views, a range of operations, autoplay and loop, size and
 * title; get the iframe code (copy it) and a preview of the player it embeds.
 */
import { useMemo, useState } from 'react';
import { encodeLink } from '../../share/link';
import { useLab } from '../../store/react';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { DEFAULT_EMBED_VIEWS, LAB_MODE, type LabMode, type ViewId } from '../modes/mode';
import { ViewPicker } from '../present/ViewPicker';
import { embedSnippet, embedUrl } from './snippet';

const SPEEDS = [0, 1, 2, 4, 8];

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const text = useLab((s) => s.text);
  const title = useLab((s) => s.title);
  const opCount = useLab((s) => s.ops.length);
  const selection = useLab((s) => s.selection);
  const watched = useLab((s) => s.watched);
  const [views, setViews] = useState<ViewId[]>([...DEFAULT_EMBED_VIEWS]);
  const [first, setFirst] = useState(1);
  const [last, setLast] = useState(Math.max(1, opCount));
  const [autoplay, setAutoplay] = useState(0);
  const [loop, setLoop] = useState(false);
  const [predict, setPredict] = useState(false);
  const [size, setSize] = useState({ width: 800, height: 450 });
  const [name, setName] = useState(title ?? 'HMM Lab');
  const [copied, setCopied] = useState(false);

  const rangeWhy =
    opCount === 0
      ? 'the scenario has no operations yet'
      : !(first >= 1 && last >= first && last <= opCount)
        ? `a range is FIRST ≤ LAST within 1–${opCount}`
        : null;
  const built = useMemo(() => {
    const mode: LabMode = {
      ...LAB_MODE,
      kind: 'embed',
      views,
      predict,
      range:
        rangeWhy || (first === 1 && last === opCount) ? null : { first: first - 1, last: last - 1 },
      autoplay: autoplay || null,
      loop,
    };
    try {
      const fragment = encodeLink({ text, at: null, selection, watched });
      const base = `${window.location.origin}${window.location.pathname}`;
      return {
        ok: true as const,
        url: embedUrl(base, { mode, fragment }),
        html: embedSnippet(base, { mode, fragment, title: name, ...size }),
      };
    } catch (e) {
      return { ok: false as const, why: e instanceof Error ? e.message : String(e) };
    }
  }, [
    views,
    predict,
    rangeWhy,
    first,
    last,
    opCount,
    autoplay,
    loop,
    text,
    selection,
    watched,
    name,
    size,
  ]);

  const num = (v: string, min: number, max: number): number =>
    Math.max(min, Math.min(max, Math.round(Number(v) || min)));
  const input = 'w-16 rounded bg-slate-800 px-1 py-0.5 font-mono';
  return (
    <Dialog label="Embed this scenario" onClose={onClose} width="w-[760px]" testId="embed-dialog">
      <h2 className="mb-2 text-sm font-semibold">Embed this scenario in a slide or course page</h2>
      <div className="space-y-2">
        <ViewPicker views={views} onChange={setViews} testId="embed-views" />
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1">
            operations
            <input
              aria-label="First operation"
              data-testid="embed-first"
              className={input}
              type="number"
              min={1}
              value={first}
              onChange={(e) => setFirst(num(e.target.value, 1, 1e6))}
            />
            to
            <input
              aria-label="Last operation"
              data-testid="embed-last"
              className={input}
              type="number"
              min={1}
              value={last}
              onChange={(e) => setLast(num(e.target.value, 1, 1e6))}
            />
          </label>
          <label className="flex items-center gap-1">
            autoplay
            <select
              aria-label="Autoplay speed"
              data-testid="embed-autoplay"
              className="rounded bg-slate-800 px-1 py-0.5"
              value={autoplay}
              onChange={(e) => setAutoplay(Number(e.target.value))}
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? 'off' : `${s} steps/s`}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              data-testid="embed-loop"
              checked={loop}
              onChange={(e) => setLoop(e.target.checked)}
            />{' '}
            loop
          </label>
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              data-testid="embed-predict"
              checked={predict}
              onChange={(e) => setPredict(e.target.checked)}
            />{' '}
            predict, then reveal
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1">
            size
            <input
              aria-label="Width in pixels"
              className={input}
              type="number"
              value={size.width}
              onChange={(e) => setSize({ ...size, width: num(e.target.value, 240, 4000) })}
            />
            ×
            <input
              aria-label="Height in pixels"
              className={input}
              type="number"
              value={size.height}
              onChange={(e) => setSize({ ...size, height: num(e.target.value, 160, 4000) })}
            />
          </label>
          <label className="flex flex-1 items-center gap-1">
            title
            <input
              aria-label="Title of the embed (for screen readers)"
              data-testid="embed-title"
              className="flex-1 rounded bg-slate-800 px-1 py-0.5"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        </div>
        {rangeWhy && (
          <p className="text-amber-300" role="alert">
            The range is ignored: {rangeWhy}.
          </p>
        )}
        {built.ok ? (
          <>
            <textarea
              readOnly
              aria-label="Embed code"
              data-testid="embed-code"
              className="h-20 w-full rounded bg-slate-950 p-1 font-mono text-2xs"
              value={built.html}
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="flex items-center gap-2">
              <Button
                testId="embed-copy"
                kind="primary"
                onClick={() =>
                  void navigator.clipboard.writeText(built.html).then(
                    () => setCopied(true),
                    () => setCopied(false),
                  )
                }
              >
                {copied ? 'copied' : 'copy code'}
              </Button>
              <a
                className="text-sky-300 underline"
                href={built.url}
                target="_blank"
                rel="noopener"
                data-testid="embed-open"
              >
                open the player ↗
              </a>
              <span className="flex-1" />
              <Button onClick={onClose}>close</Button>
            </div>
          </>
        ) : (
          <p className="text-rose-300" role="alert">
            No embed for this scenario: {built.why}
          </p>
        )}
      </div>
    </Dialog>
  );
}
