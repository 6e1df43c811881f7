import { useMemo } from 'react';
import { SelfCheck } from './selfcheck/SelfCheck';
import { createLabStore } from './store/labStore';
import { LabStoreProvider } from './store/react';
import { DEFAULT_MACHINE } from './views/defaultMachine';
import { Lab } from './views/lab/Lab';
import { installTestHook } from './views/testHook';
import { LabClient } from './worker/client';

/** `?selfcheck` runs the conformance suite in this browser; `?debug` adds fault-injection buttons. */
export function App() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('selfcheck'))
    return (
      <main data-testid="app" className="min-h-screen bg-slate-950 px-6 py-10 text-slate-100">
        <div className="mx-auto max-w-3xl">
          <h1 className="text-3xl font-semibold tracking-tight">HMM Lab</h1>
          <SelfCheck />
        </div>
      </main>
    );
  return <LabApp debug={params.has('debug')} />;
}

function LabApp({ debug }: { debug: boolean }) {
  const store = useMemo(() => {
    const s = createLabStore(new LabClient(), DEFAULT_MACHINE);
    installTestHook(s);
    return s;
  }, []);
  return (
    <LabStoreProvider store={store}>
      <Lab debug={debug} />
    </LabStoreProvider>
  );
}
