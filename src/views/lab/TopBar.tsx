/** The title, the machine in one line, and the machine controls. */
import { lazy, Suspense, useState } from 'react';
import { selectSpec, selectStatus } from '../../store/selectors';
import { useLab } from '../../store/react';
import { Button } from './Button';
import { MachineDialog } from './MachineDialog';

// The presets (76 scenario texts) load when the gallery first opens, not with the page.
const PresetGallery = lazy(() =>
  import('./PresetGallery').then((m) => ({ default: m.PresetGallery })),
);

export function TopBar({ debug }: { debug: boolean }) {
  const spec = useLab(selectSpec);
  const status = useLab(selectStatus);
  const newMachine = useLab((s) => s.newMachine);
  const load = useLab((s) => s.load);
  const [gallery, setGallery] = useState(false);
  const inject = useLab((s) => s.injectFailure);
  const [open, setOpen] = useState(false);
  const devs = spec.devices.map((d) => `${d.name} ${d.type} ${d.pages}p`).join(', ');
  return (
    <header className="flex h-10 items-center gap-3 border-b border-slate-800 px-3">
      <h1 className="text-base font-semibold tracking-tight">HMM Lab</h1>
      <span className="text-xs text-slate-400" data-testid="machine-summary">
        {spec.kernel === 'seeds' ? 'seeds kernel (≈ v4.14)' : 'modern kernel (v6.x)'} ·{' '}
        {spec.platform === 'c2c' ? 'NVLink-C2C' : 'PCIe 4.0'} · RAM {spec.ramPages} pages ·{' '}
        {devs || 'no devices'}
      </span>
      <span className="text-xs text-slate-500" data-testid="status">
        {status === 'starting' ? 'starting the engine…' : status === 'busy' ? 'working…' : ''}
      </span>
      <span className="flex-1" />
      {debug && (
        <>
          <Button testId="debug-throw" onClick={() => void inject(false)}>
            make the engine throw
          </Button>
          <Button testId="debug-crash" kind="danger" onClick={() => void inject(true)}>
            crash the worker
          </Button>
        </>
      )}
      <Button testId="open-presets" kind="primary" onClick={() => setGallery(true)}>
        presets…
      </Button>
      {gallery && (
        <Suspense fallback={null}>
          <PresetGallery
            onClose={() => setGallery(false)}
            onOpen={(p) => {
              setGallery(false);
              void load(p.text, {
                at: { op: -1, step: -1 },
                selection: null,
                watched: null,
                banner: {
                  kind: 'notice',
                  message: `Opened the preset “${p.title}” at its start: step with → (or press space to play). Undo in the editor brings back your previous text.`,
                },
              });
            }}
          />
        </Suspense>
      )}
      <Button testId="new-machine" onClick={() => setOpen(true)}>
        new machine…
      </Button>
      {open && (
        <MachineDialog
          spec={spec}
          onCancel={() => setOpen(false)}
          onStart={(s) => {
            setOpen(false);
            void newMachine(s);
          }}
        />
      )}
    </header>
  );
}
