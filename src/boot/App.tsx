import { lazy, Suspense, useEffect } from 'react';
import { removeBootLoading } from './bootLoading';
import { addressIsPresetLink, loadPresets, openPastedLink, type OpenedLab } from './openLab';
import { selfCheckWorker } from '../worker/selfcheck/client';
import { autosave } from '../store/draft';
import { loadDraft } from '../store/startup';
import { LabStoreProvider } from '../store/react';
import { useMode } from '../views/modes/modeContext';
import { ModeProvider } from '../views/modes/ModeProvider';
import { usePredictInUrl } from '../views/modes/usePredictInUrl';
import { PHONE_QUERY, PHONE_VIEWS, useMediaQuery } from '../views/modes/useMediaQuery';
import { Player } from '../views/player/Player';
import { Presenter } from '../views/present/Presenter';
import { Lab } from '../views/lab/Lab';
import { followPresetAddress } from '../views/lab/presetAddress';

// Only `?selfcheck` needs the conformance files: a chunk of their own.
const SelfCheck = lazy(() =>
  import('../views/selfcheck/SelfCheck').then((m) => ({ default: m.SelfCheck })),
);

/** `?selfcheck`: the conformance suite, run in this browser, in its own worker. */
export function SelfCheckPage() {
  useEffect(removeBootLoading, []);
  return (
    <main data-testid="app" className="min-h-screen bg-slate-950 px-6 py-10 text-slate-100">
      <div className="mx-auto max-w-3xl">
        <h1 className="text-3xl font-semibold tracking-tight">HMM Lab</h1>
        <Suspense fallback={<p className="mt-4 text-slate-400">loading the conformance suite…</p>}>
          <SelfCheck runner={selfCheckWorker} />
        </Suspense>
      </div>
    </main>
  );
}

/** The lab opened by boot/openLab.ts, in the mode its address asked for. */
export function App({ lab }: { lab: OpenedLab }) {
  // Mounted: index.html's loading state gives way (the lab's parts mount a frame at a time).
  useEffect(removeBootLoading, []);
  return (
    <ModeProvider initial={lab.mode}>
      <LabApp lab={lab} />
    </ModeProvider>
  );
}

/** The layout for the mode and the screen: the lab, presenter, an embed, or a phone's player. */
function Shell({
  debug,
  linkedStep,
  tour,
}: {
  debug: boolean;
  linkedStep: boolean;
  tour: boolean;
}) {
  const { mode } = useMode();
  usePredictInUrl();
  const phone = useMediaQuery(PHONE_QUERY);
  if (mode.kind === 'embed')
    return <Player mode={mode} layout={phone ? 'stack' : 'grid'} startAtRange={!linkedStep} />;
  if (mode.kind === 'present') return <Presenter />;
  if (phone) return <Player mode={{ ...mode, views: [...PHONE_VIEWS] }} layout="stack" />;
  return <Lab debug={debug} tour={tour} />;
}

function LabApp({ lab }: { lab: OpenedLab }) {
  const { store, storage, ranText, mode } = lab;
  const embed = mode.kind === 'embed';
  useEffect(() => {
    if (embed) return;
    const stop = autosave(store, storage, ranText, {
      loadDraft: (d) => void loadDraft(store.getState(), d),
    });
    // The address bar follows a preset shown as it came (its short link, at its step).
    const stopAddress = followPresetAddress(store);
    // A link pasted into the address bar of an open lab (a preset link needs the presets).
    const onHash = (): void => {
      if (!addressIsPresetLink()) return openPastedLink(store, storage);
      void loadPresets()
        .catch(() => null)
        .then((presets) => openPastedLink(store, storage, presets));
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      stop();
      stopAddress();
      window.removeEventListener('hashchange', onHash);
    };
  }, [store, storage, ranText, embed]);

  return (
    <LabStoreProvider store={store}>
      <Shell debug={lab.debug} linkedStep={lab.linkedStep} tour={lab.tour} />
    </LabStoreProvider>
  );
}
