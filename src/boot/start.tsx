/**
 * The page's start, in steps that each run as a task of their own (nextTask): the theme, the
 * engine's worker, the lab's store, then the first render, which mounts the lab a part per frame
 * (useMountStages). Together they were one or two tasks of 60-100 ms on a cold load, long
 * enough to delay a click; now each is well under 50 ms.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, SelfCheckPage } from '../App';
import { applyTheme } from '../views/theme/theme';
import { nextTask } from './nextTask';
import { openLab } from './openLab';
import { LabClient } from '../worker/client';

export async function start(element: HTMLElement): Promise<void> {
  // The theme first, so nothing paints in the wrong one; it follows the system and other tabs
  // for the page's whole life.
  applyTheme();
  await nextTask();
  const root = createRoot(element);
  if (new URLSearchParams(window.location.search).has('selfcheck')) {
    root.render(
      <StrictMode>
        <SelfCheckPage />
      </StrictMode>,
    );
    return;
  }
  await nextTask();
  const client = new LabClient();
  await nextTask();
  const lab = openLab(client);
  await nextTask();
  root.render(
    <StrictMode>
      <App lab={lab} />
    </StrictMode>,
  );
}
