/**
 * The title, the machine in one line, and the page's controls: presets, presenter mode,
 * predict-then-reveal, embed, help, the machine.
 */
import { lazy, Suspense, useState } from 'react';
import { selectSpec } from '../../store/selectors';
import { useLab } from '../../store/react';
import { ExportMenu } from '../../export/ExportMenu';
import { HelpOverlay } from '../help/HelpOverlay';
import { openTour } from '../tour/tourState';
import { ThemeToggle } from '../theme/ThemeToggle';
import { useMode } from '../modes/modeContext';
import { Button } from '../../ui/Button';
import { EngineStatus } from './EngineStatus';
import { MachineDialog } from './MachineDialog';
import { showPreset } from './presetAddress';

const EmbedDialog = lazy(() =>
  import('../player/EmbedDialog').then((m) => ({ default: m.EmbedDialog })),
);

// The presets (76 scenario texts) load when the gallery first opens, not with the page.
const PresetGallery = lazy(() =>
  import('./PresetGallery').then((m) => ({ default: m.PresetGallery })),
);

export function TopBar({
  debug,
  help,
  setHelp,
}: {
  debug: boolean;
  help: boolean;
  setHelp: (open: boolean) => void;
}) {
  const { mode, setMode } = useMode();
  const predictOn = useLab((s) => s.predict.on);
  const setPredict = useLab((s) => s.setPredict);
  const [embed, setEmbed] = useState(false);
  const spec = useLab(selectSpec);
  const newMachine = useLab((s) => s.newMachine);
  const load = useLab((s) => s.load);
  const [gallery, setGallery] = useState(false);
  const inject = useLab((s) => s.injectFailure);
  const [open, setOpen] = useState(false);
  const devs = spec.devices.map((d) => `${d.name} ${d.type} ${d.pages}p`).join(', ');
  return (
    <header className="flex h-10 items-center gap-3 border-b border-slate-800 px-3">
      <h1 className="text-base font-semibold tracking-tight">HMM Lab</h1>
      <span className="min-w-0 truncate text-xs text-slate-400" data-testid="machine-summary">
        {spec.kernel === 'seeds' ? 'seeds kernel (≈ v4.14)' : 'modern kernel (v6.x)'} ·{' '}
        {spec.platform === 'c2c' ? 'NVLink-C2C' : 'PCIe 4.0'} · RAM {spec.ramPages} pages ·{' '}
        {devs || 'no devices'}
      </span>
      <EngineStatus />
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
      <Button
        testId="present"
        title="Presenter mode, for a projector (P)"
        onClick={() => setMode({ ...mode, kind: 'present' })}
      >
        present
      </Button>
      <Button
        testId="predict"
        title="Predict, then reveal: ask the class before each step (R)"
        pressed={predictOn}
        onClick={() => setPredict(!predictOn)}
      >
        predict
      </Button>
      <Button
        testId="open-embed"
        title="Embed this scenario in a slide or page"
        onClick={() => setEmbed(true)}
      >
        embed…
      </Button>
      {embed && (
        <Suspense fallback={null}>
          <EmbedDialog onClose={() => setEmbed(false)} />
        </Suspense>
      )}
      <ExportMenu />
      <Button testId="open-help" title="Keyboard shortcuts (?)" onClick={() => setHelp(true)}>
        ?
      </Button>
      {help && (
        <HelpOverlay
          onClose={() => setHelp(false)}
          onTour={() => {
            setHelp(false);
            openTour();
          }}
        />
      )}
      <ThemeToggle />
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
                  message: `Opened the preset “${p.title}” at its start: step with → (or press space to play). The address bar is its short link. Undo in the editor brings back your previous text.`,
                },
              });
              // The address bar: this preset's short link, following the step shown.
              showPreset(p);
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
