/**
 * The address bar while the lab shows a preset as it came: the preset's short link,
 * `#preset=NAME&step=N.M`, kept at the step on screen, so a reload opens the same preset at the
 * same step and the address bar is a link a lecturer can copy onto a slide.
 *
 * The address is replaced, never pushed (history.replaceState): the back button leaves the lab
 * as it always did, instead of changing the address without changing the lab. Once the text is
 * edited (a click appends a command too) the lab shows another scenario: the short link leaves
 * the address bar, and a reload opens the autosaved draft. While playing, the address waits for
 * the pause (browsers throttle frequent replaceState calls).
 */
import type { StoreApi } from 'zustand';
import { isPresetFragment, linkLanding, presetFragment } from '../../share/presetLink';
import type { LabState, PresetSource } from '../../store/types';

/** At most one address write per this many milliseconds (and one at the end of a burst). */
const WRITE_EVERY_MS = 250;

type Shown = Pick<PresetSource, 'id' | 'text'>;
type Reads = Pick<LabState, 'text' | 'position' | 'ops' | 'playing'>;

/**
 * The fragment the address should carry for the lab in `s` showing `shown` (null: the lab no
 * longer shows the preset as it came, and the address carries no preset).
 */
export function presetAddress(shown: Shown | null, s: Reads): string | null {
  if (!shown || s.text !== shown.text) return null;
  return presetFragment(
    shown.id,
    linkLanding(s.position, (op) => s.ops[op]?.steps.length),
  );
}

let shown: Shown | null = null;

/** The preset the lab shows, as it came (null: none). */
export function shownPreset(): Shown | null {
  return shown;
}

/** The address `hash` (with '#', or '') in place of the current one, in the same history entry. */
function replaceHash(hash: string): void {
  const { pathname, search } = window.location;
  if (window.location.hash === hash) return;
  history.replaceState(history.state, '', `${pathname}${search}${hash}`);
}

function write(s: Reads): void {
  const fragment = presetAddress(shown, s);
  if (fragment !== null) replaceHash(`#${fragment}`);
  else {
    shown = null;
    // Only our own short link goes: another fragment (a link being opened) is not ours.
    if (isPresetFragment(window.location.hash.slice(1))) replaceHash('');
  }
}

/**
 * The lab now shows preset `p` as it came, from the gallery (its link, at the start, goes up at
 * once) or from its link (`fromLink`: the address already says where).
 */
export function showPreset(p: Shown, fromLink = false): void {
  shown = { id: p.id, text: p.text };
  if (!fromLink) replaceHash(`#${presetFragment(p.id, null)}`);
}

/** Keep the address bar on the preset shown, at its step, until the text changes. */
export function followPresetAddress(store: StoreApi<LabState>): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const flush = (): void => {
    timer = null;
    last = performance.now();
    write(store.getState());
  };
  const changed = (s: Reads, prev: Reads): void => {
    if (!shown) return;
    // Another text: the preset is no longer what the lab shows; say so at once.
    if (s.text !== shown.text) {
      write(s);
      return;
    }
    if (s.playing || timer !== null) return;
    if (s.position === prev.position && s.ops === prev.ops && !prev.playing) return;
    const wait = WRITE_EVERY_MS - (performance.now() - last);
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
  const stop = store.subscribe(changed);
  if (shown) write(store.getState());
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
