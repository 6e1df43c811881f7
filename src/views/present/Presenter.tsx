/**
 * Presenter mode, for a projector: black and white, only the views the lecturer chose (one to
 * four), laid out again at the projector's size (usePresenterScale: every text at least 18 px
 * on 1920x1080, cells growing to fill their panel), a text size control (A− / A+, [ and ],
 * kept in the link), the narration as a caption, the timeline, and predict-then-reveal. Keys
 * drive everything (? lists them); P leaves, F is fullscreen.
 */
import { Pending } from '../../ui/Pending';
import { useMountStages } from '../../ui/useMountStages';
import { useEffect, useState } from 'react';
import { selectTitle } from '../../store/selectors';
import { useLab } from '../../store/react';
import { HelpOverlay } from '../help/HelpOverlay';
import { forceTheme } from '../theme/theme';
import { EngineStatus } from '../lab/EngineStatus';
import { ErrorBanner } from '../lab/ErrorBanner';
import { DEFAULT_TEXT, MAX_PRESENT_VIEWS, nextTextSize, TEXT_SIZES } from '../modes/mode';
import { useMode } from '../modes/modeContext';
import { toggleFullscreen, useAppKeys } from '../modes/useAppKeys';
import { ViewGrid } from '../modes/ViewGrid';
import { PredictCard } from '../predict/PredictCard';
import { Timeline } from '../timeline/Timeline';
import { useTimelineKeys } from '../timeline/useTimelineKeys';
import { ViewScaleContext } from '../scale/viewScale';
import { Caption } from './Caption';
import { usePresenterScale } from './usePresenterScale';
import { ViewPicker } from './ViewPicker';
import { LeaderLine } from '../relations/LeaderLine';

export function Presenter() {
  const { mode, setMode } = useMode();
  const title = useLab(selectTitle);
  const predictOn = useLab((s) => s.predict.on);
  const setPredict = useLab((s) => s.setPredict);
  const [help, setHelp] = useState(false);
  const [picking, setPicking] = useState(false);
  useTimelineKeys();
  // Black and white on a projector, whatever the lecturer's own theme (it comes back on leaving).
  useEffect(() => forceTheme('contrast'), []);
  const scale = usePresenterScale(mode.text);
  const textBy = (dir: 1 | -1) => setMode({ ...mode, text: nextTextSize(mode.text, dir) });
  useAppKeys({
    textSmaller: () => textBy(-1),
    textLarger: () => textBy(1),
    help: () => setHelp(true),
    present: () => setMode({ ...mode, kind: 'lab' }),
    fullscreen: toggleFullscreen,
    predict: () => setPredict(!predictOn),
  });
  // The title bar first, then the caption, timeline and (a view per frame) the views: at once,
  // a presenter link's first render was a task of 60-110 ms on a cold load.
  const stage = useMountStages(2);
  const btn =
    'rounded bg-slate-800 px-2 py-0.5 text-sm text-slate-100 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300';
  return (
    <ViewScaleContext.Provider value={scale}>
      <div
        data-testid="presenter"
        data-rem={scale.rem}
        className="flex h-screen flex-col overflow-hidden bg-slate-950 text-slate-100"
      >
        <header className="flex items-center gap-2 px-3 py-1">
          <h1 className="flex-1 truncate text-lg font-semibold" data-testid="presenter-title">
            {title ?? 'HMM Lab'}
          </h1>
          <EngineStatus className="text-2xs text-slate-400" />
          <div role="group" aria-label="text size" className="flex items-center gap-1">
            <button
              type="button"
              className={btn}
              onClick={() => textBy(-1)}
              disabled={mode.text === TEXT_SIZES[0]}
              aria-label="A− smaller text ([)"
              title="smaller text ([)"
              data-testid="presenter-text-smaller"
            >
              A−
            </button>
            <span
              className="w-[3em] text-center text-2xs tabular-nums"
              data-testid="presenter-text"
            >
              {mode.text === DEFAULT_TEXT ? 'fit' : `${mode.text}%`}
            </span>
            <button
              type="button"
              className={btn}
              onClick={() => textBy(1)}
              disabled={mode.text === TEXT_SIZES[TEXT_SIZES.length - 1]}
              aria-label="A+ larger text (])"
              title="larger text (])"
              data-testid="presenter-text-larger"
            >
              A+
            </button>
          </div>
          <button
            type="button"
            className={btn}
            onClick={() => setPicking(!picking)}
            aria-expanded={picking}
            data-testid="presenter-views"
          >
            views
          </button>
          <button
            type="button"
            className={btn}
            aria-pressed={predictOn}
            onClick={() => setPredict(!predictOn)}
            data-testid="presenter-predict"
          >
            predict (R)
          </button>
          <button
            type="button"
            className={btn}
            onClick={toggleFullscreen}
            data-testid="presenter-fullscreen"
          >
            fullscreen (F)
          </button>
          <button
            type="button"
            className={btn}
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
            data-testid="presenter-help"
          >
            ?
          </button>
          <button
            type="button"
            className={btn}
            onClick={() => setMode({ ...mode, kind: 'lab' })}
            data-testid="presenter-exit"
          >
            leave (P)
          </button>
        </header>
        {picking && (
          <div className="border-y border-slate-700 bg-slate-900 px-4 py-2">
            <ViewPicker
              max={MAX_PRESENT_VIEWS}
              views={mode.views}
              onChange={(views) => setMode({ ...mode, views })}
              testId="presenter-view-picker"
            />
          </div>
        )}
        <ErrorBanner />
        <main className="relative flex min-h-0 flex-1 flex-col p-2">
          {stage >= 2 ? <ViewGrid views={mode.views} testId="presenter-views-grid" /> : <Pending />}
          {predictOn && (
            <div className="shrink-0 pt-2">
              <PredictCard />
            </div>
          )}
        </main>
        {stage >= 2 && <Caption size="large" />}
        <div className="border-t border-slate-800">
          {stage >= 2 ? <Timeline /> : <div className="h-9" />}
        </div>
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        <LeaderLine />
      </div>
    </ViewScaleContext.Provider>
  );
}
