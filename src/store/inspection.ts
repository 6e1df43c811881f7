/**
 * What the lab points at: the selection (the user's pages, else the scenario's focus) and the
 * frame `struct page` shows (the one the user clicked, else the frame the selection's inspected
 * page maps at the step shown: src/timeline/selection.ts says why it follows the page).
 *
 * - A run that leaves the lab with no selection selects the scenario's focus: a preset or a
 *   link without a selection opens on the pages it is about, and an edit that drops the
 *   selection (its buffer is not mapped at the step shown) falls back to them. A link or a
 *   draft that carries a selection keeps it.
 * - Every worker call names the watch target (`watchTarget`), so its reply brings the history
 *   of the frame shown. When the state changes without a reply (a selection, a switch of
 *   page, a run that fell back to the focus), `followInspected` asks for that history.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../scenario/ast';
import { focusPages } from '../scenario/focus';
import {
  inspectedPage,
  watchedFrame,
  type RangeSelection,
  type WatchTarget,
} from '../timeline/selection';
import type { LabState } from './types';

type Pointing = Pick<LabState, 'watched' | 'selection' | 'inspecting'>;

/** What the worker is asked to keep a history of: the clicked frame, else the followed page. */
export function watchTarget(s: Pointing): WatchTarget {
  return s.watched ?? inspectedPage(s.selection, s.inspecting);
}

/** The frame `struct page` shows, or null (nothing selected or clicked, or no frame mapped). */
export function inspectedFrame(s: Pointing & Pick<LabState, 'snapshot'>): number | null {
  if (s.watched !== null) return s.watched;
  return s.snapshot ? watchedFrame(s.snapshot, watchTarget(s)) : null;
}

/**
 * A run's patch with the scenario's focus selected where it leaves no selection (`current`:
 * the selection the lab has when the reply lands).
 */
export function withFocus(
  patch: Partial<LabState>,
  current: RangeSelection | null,
  scenario: Pick<Scenario, 'focus' | 'steps'>,
): Partial<LabState> {
  const selection = patch.selection !== undefined ? patch.selection : current;
  const focus = selection === null ? focusPages(scenario) : null;
  return focus ? { ...patch, selection: focus, inspecting: null } : patch;
}

/**
 * The watch target for a text run's request, before its reply: the selection it will most
 * likely land on (the one asked for, the current one, else the focus; withFocus decides).
 */
export function runTarget(
  watched: number | null,
  asked: RangeSelection | null | undefined,
  s: Pointing,
  scenario: Pick<Scenario, 'focus' | 'steps'>,
): WatchTarget {
  const selection = asked !== undefined ? asked : s.selection;
  return watchTarget({
    watched,
    selection: selection ?? focusPages(scenario),
    inspecting: s.inspecting,
  });
}

/**
 * Keep the worker's history on the frame `struct page` shows: once the lab is idle and the
 * history is another frame's, ask for the right one. Asked once per snapshot and target, so a
 * worker that fails to answer is not asked again and again.
 */
export function followInspected(store: StoreApi<LabState>): () => void {
  let asked = '';
  let askedOn: LabState['snapshot'] = null;
  return store.subscribe((s) => {
    if (s.status !== 'ready' || !s.snapshot) return;
    if (inspectedFrame(s) === (s.history?.pfn ?? null)) return;
    const target = JSON.stringify(watchTarget(s));
    if (askedOn === s.snapshot && asked === target) return;
    asked = target;
    askedOn = s.snapshot;
    void s.watch(s.watched);
  });
}
