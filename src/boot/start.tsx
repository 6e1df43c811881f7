/**
 * The page's start, in steps that each run as a task of their own (nextTask): the theme, the
 * engine's worker, the lab's store, the views' code, then the first render, which mounts the
 * lab a part per frame (useMountStages). Together they were one or two tasks of 60-100 ms on a
 * cold load, long enough to delay a click; now each is well under 50 ms.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyTheme } from '../views/theme/theme';
import { LabClient } from '../worker/client';
import { nextTask } from './nextTask';
import { addressIsPresetLink, loadPresets, openLab, phoneOpensStoryboard } from './openLab';

export async function start(element: HTMLElement): Promise<void> {
  // The theme first, so nothing paints in the wrong one; it follows the system and other tabs
  // for the page's whole life.
  applyTheme();
  await nextTask();
  const root = createRoot(element);
  if (new URLSearchParams(window.location.search).has('selfcheck')) {
    const { SelfCheckPage } = await import('./App');
    root.render(
      <StrictMode>
        <SelfCheckPage />
      </StrictMode>,
    );
    return;
  }
  // An empty page in the lab's colours: React's first render runs its own code cold (compiled
  // on first use), and a render this small leaves that cost out of the lab's first one.
  root.render(<div aria-busy="true" className="h-screen bg-slate-950" />);
  await nextTask();
  const client = new LabClient();
  await nextTask();
  phoneOpensStoryboard();
  // A preset link (`#preset=storyboard&step=4.2`) needs the presets: only then are they loaded.
  const presets = addressIsPresetLink() ? await loadPresets().catch(() => null) : null;
  const lab = openLab(client, presets);
  await nextTask();
  // The views' code (a chunk of its own, preloaded with this one: vite/preloadBoot.ts).
  const { App } = await import('./App');
  await nextTask();
  root.render(
    <StrictMode>
      <App lab={lab} />
    </StrictMode>,
  );
}
