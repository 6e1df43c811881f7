import { lazy, Suspense, useEffect, useLayoutEffect, useMemo } from 'react';
import { applyTheme } from './views/theme/theme';
import { autosave, readDraft, DRAFT_KEY, type Draft, type DraftStorage } from './store/draft';
import { createLabStore } from './store/labStore';
import { LabStoreProvider } from './store/react';
import { machineText } from './store/source';
import { embedLab, initialLab, linkFragment, loadDraft, openLink } from './store/startup';
import { parseMode } from './views/modes/mode';
import { useMode } from './views/modes/modeContext';
import { ModeProvider } from './views/modes/ModeProvider';
import { usePredictInUrl } from './views/modes/usePredictInUrl';
import { PHONE_QUERY, PHONE_VIEWS, useMediaQuery } from './views/modes/useMediaQuery';
import { Player } from './views/player/Player';
import { Presenter } from './views/present/Presenter';
import { DEFAULT_MACHINE } from './views/defaultMachine';
import { Lab } from './views/lab/Lab';
import { installTestHook } from './views/testHook';
import { LabClient } from './worker/client';

// Only `?selfcheck` needs the conformance files: a chunk of their own.
const SelfCheck = lazy(() =>
  import('./selfcheck/SelfCheck').then((m) => ({ default: m.SelfCheck })),
);

/** `?selfcheck` runs the conformance suite in this browser; `?debug` adds fault-injection buttons. */
export function App() {
  useLayoutEffect(() => applyTheme(), []);
  const params = new URLSearchParams(window.location.search);
  if (params.has('selfcheck'))
    return (
      <main data-testid="app" className="min-h-screen bg-slate-950 px-6 py-10 text-slate-100">
        <div className="mx-auto max-w-3xl">
          <h1 className="text-3xl font-semibold tracking-tight">HMM Lab</h1>
          <Suspense
            fallback={<p className="mt-4 text-slate-400">loading the conformance suite…</p>}
          >
            <SelfCheck />
          </Suspense>
        </div>
      </main>
    );
  return <ModeApp debug={params.has('debug')} />;
}

function ModeApp({ debug }: { debug: boolean }) {
  const parsed = useMemo(() => parseMode(window.location.search), []);
  return (
    <ModeProvider initial={parsed.mode}>
      <LabApp debug={debug} embed={parsed.mode.kind === 'embed'} ignored={parsed.problems} />
    </ModeProvider>
  );
}

/** The layout for the mode and the screen: the lab, presenter, an embed, or a phone's player. */
function Shell({ debug }: { debug: boolean }) {
  const { mode } = useMode();
  usePredictInUrl();
  const phone = useMediaQuery(PHONE_QUERY);
  if (mode.kind === 'embed') return <Player mode={mode} layout={phone ? 'stack' : 'grid'} />;
  if (mode.kind === 'present') return <Presenter />;
  if (phone) return <Player mode={{ ...mode, views: [...PHONE_VIEWS] }} layout="stack" />;
  return <Lab debug={debug} />;
}

/** localStorage, or null where the browser refuses it (then nothing is autosaved). */
function browserStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Drop the link from the address bar once read, so a reload opens the (autosaved) draft. */
function clearHash(): void {
  if (window.location.hash)
    history.replaceState(null, '', window.location.pathname + window.location.search);
}

function LabApp({ debug, embed, ignored }: { debug: boolean; embed: boolean; ignored: string[] }) {
  // An embed never touches the draft (it shares the lab's storage on the page that frames it).
  const storage = useMemo(() => (embed ? null : browserStorage()), [embed]);
  const { store, ranText } = useMemo(() => {
    // Restoring a draft a link replaced.
    const restore = (d: Draft): void => void loadDraft(s.getState(), d);
    const defaultText = machineText({ title: null, machine: DEFAULT_MACHINE });
    const initial = embed
      ? embedLab(window.location.hash, defaultText)
      : initialLab(window.location.hash, storage, defaultText, restore);
    if (!embed) clearHash();
    if (ignored.length > 0 && !initial.banner)
      initial.banner = {
        kind: 'notice',
        message: `Ignored in the address: ${ignored.join('; ')}.`,
      };
    const client = new LabClient();
    const s = createLabStore(client, initial);
    installTestHook(s, client);
    return { store: s, ranText: initial.ranText ?? initial.text };
  }, [storage, embed, ignored]);

  useEffect(() => {
    if (embed) return;
    const stop = autosave(store, storage, ranText, {
      loadDraft: (d) => void loadDraft(store.getState(), d),
    });
    // A link pasted into the address bar of an open lab.
    const onHash = (): void => {
      const fragment = linkFragment(window.location.hash);
      if (fragment === null) return;
      clearHash();
      const cur = store.getState();
      void cur.flushText();
      const draft = readDraft(storage, DRAFT_KEY);
      const r = openLink(fragment, storage, draft, (d) => void loadDraft(store.getState(), d));
      if (r.ok) void cur.load(r.lab.text, r.lab);
      else cur.showError(r.banner);
    };
    window.addEventListener('hashchange', onHash);
    return () => {
      stop();
      window.removeEventListener('hashchange', onHash);
    };
  }, [store, storage, ranText, embed]);

  return (
    <LabStoreProvider store={store}>
      <Shell debug={debug} />
    </LabStoreProvider>
  );
}
