/**
 * What the lab opens with: the scenario in the URL fragment when there is one, else the
 * autosaved draft, else the default machine. A link that cannot be opened says why and opens
 * the draft untouched; a link that opens keeps the draft it replaces under PREVIOUS_DRAFT_KEY,
 * with a banner button to get it back.
 */
import { decodeLink } from '../share/link';
import { PREVIOUS_DRAFT_KEY, readDraft, writeDraft, type Draft, type DraftStorage } from './draft';
import type { InitialLab } from './labStore';
import type { LabError, LabState } from './types';

export function fromDraft(d: Draft): InitialLab {
  return { text: d.text, ranText: d.ranText, at: d.at, selection: d.selection, watched: d.watched };
}

/** Load a saved draft back: its last text that ran, then its text as left (maybe with errors). */
export function loadDraft(lab: Pick<LabState, 'load' | 'setText'>, d: Draft): Promise<void> {
  return lab.load(d.ranText, fromDraft(d)).then(() => {
    if (d.text !== d.ranText) lab.setText(d.text);
  });
}

/** The fragment of `hash` ('#abc' -> 'abc'), or null when there is no link in it. */
export function linkFragment(hash: string): string | null {
  const f = hash.startsWith('#') ? hash.slice(1) : hash;
  return f === '' ? null : f;
}

/**
 * Open `fragment` as a link: the scenario to load (with the banner saying what happened), or
 * the error banner to show over the current work. `restore` loads a saved draft back.
 */
export function openLink(
  fragment: string,
  storage: DraftStorage | null,
  current: Draft | null,
  restore: (d: Draft) => void,
): { ok: true; lab: InitialLab } | { ok: false; banner: LabError } {
  const r = decodeLink(fragment);
  if (!r.ok)
    return {
      ok: false,
      banner: {
        kind: 'link',
        message: `This link could not be opened: ${r.error.message} Your own scenario is untouched.`,
      },
    };
  const kept = current !== null && writeDraft(storage, current, PREVIOUS_DRAFT_KEY);
  const older =
    r.upgradedFrom !== null ? ` (made by an older HMM Lab, format ${r.upgradedFrom})` : '';
  const banner: LabError = {
    kind: 'notice',
    message: `Opened the scenario from the link${older}.${kept ? ' Your previous draft is kept.' : ''}`,
  };
  if (kept && current) banner.action = { label: 'restore my draft', run: () => restore(current) };
  const s = r.state;
  return {
    ok: true,
    lab: { text: s.text, at: s.at, selection: s.selection, watched: s.watched, banner },
  };
}

/**
 * What an embedded player opens with: only its link. An embed shares the lab's origin (and so
 * its storage) on the page that frames it: it never reads or writes the user's draft.
 */
export function embedLab(hash: string, defaultText: string): InitialLab {
  const fragment = linkFragment(hash);
  if (fragment === null)
    return {
      text: defaultText,
      banner: { kind: 'link', message: 'This player was opened without a scenario in its link.' },
    };
  const r = decodeLink(fragment);
  if (!r.ok)
    return {
      text: defaultText,
      banner: {
        kind: 'link',
        message: `This player's link could not be opened: ${r.error.message}`,
      },
    };
  const s = r.state;
  return { text: s.text, at: s.at, selection: s.selection, watched: s.watched };
}

/** The lab to open with, given the page's URL hash and the browser's storage. */
export function initialLab(
  hash: string,
  storage: DraftStorage | null,
  defaultText: string,
  restore: (d: Draft) => void,
): InitialLab {
  const draft = readDraft(storage);
  const base: InitialLab = draft ? fromDraft(draft) : { text: defaultText };
  const fragment = linkFragment(hash);
  if (fragment === null) return base;
  const r = openLink(fragment, storage, draft, restore);
  return r.ok ? r.lab : { ...base, banner: r.banner };
}
