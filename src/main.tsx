/**
 * The entry: small on purpose. React and the app are evaluated in tasks of their own (one
 * module graph evaluated at once was a 40-60 ms task), then boot/start.tsx opens the lab.
 */
import './index.css';
import { removeBootLoading } from './boot/bootLoading';
import { nextTask } from './boot/nextTask';

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root element');

async function boot(root: HTMLElement): Promise<void> {
  // A module's evaluation and the code awaiting it share a task: nextTask() parts them.
  await import('react-dom/client');
  await nextTask();
  const { start } = await import('./boot/start');
  await nextTask();
  await start(root);
}

boot(element).catch((e: unknown) => {
  // A chunk that failed to load (an interrupted deploy, a flaky network): say so, as text.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'p-6 text-slate-100';
  message.textContent = `HMM Lab could not start: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`;
  element.replaceChildren(message);
  removeBootLoading();
  throw e;
});
