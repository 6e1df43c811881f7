/**
 * What the lab opens with: the scenario in the URL fragment when there is one (a scenario link,
 * or a preset link naming a preset), else the autosaved draft, else the default machine. A link that cannot be opened says why and opens
 * the draft untouched; a link that opens keeps the draft it replaces under PREVIOUS_DRAFT_KEY,
 * with a banner button to get it back.
 */
import { decodeLink } from '../share/link';
import { isPresetFragment, parsePresetLink, quoted, unknownPreset } from '../share/presetLink';
import { PREVIOUS_DRAFT_KEY, readDraft, writeDraft, type Draft, type DraftStorage } from './draft';
import type { InitialLab } from './labStore';
import type { LabError, LabState, PresetCatalog, PresetSource } from './types';

export type { PresetCatalog, PresetSource };

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

export type OpenedPreset =
  { ok: true; lab: InitialLab; preset: PresetSource } | { ok: false; message: string };

/**
 * Read a preset link (`preset=storyboard&step=4.2`, src/share/presetLink.ts) against `catalog`:
 * the preset and where to land, or why it cannot be opened (a sentence for the user). The
 * draft is the caller's business.
 */
export function readPresetLink(fragment: string, catalog: PresetCatalog | null): OpenedPreset {
  const r = parsePresetLink(fragment);
  if (!r.ok) return { ok: false, message: r.error.message };
  const preset = catalog?.find(r.name);
  if (!preset) return { ok: false, message: unknownPreset(r.name, catalog?.ids ?? []).message };
  const where = r.step === null ? 'at its start' : `at step ${r.step}`;
  const lab: InitialLab = {
    text: preset.text,
    at: r.at ?? { op: -1, step: -1 },
    // As the gallery opens it: on its focus.
    selection: null,
    watched: null,
    banner: { kind: 'notice', message: `Opened the preset ${quoted(preset.title)} ${where}.` },
  };
  if (r.step !== null)
    lab.missingStep = {
      kind: 'link',
      message: `The preset ${quoted(preset.title)} has no step ${r.step}: showing its end. The timeline shows its steps as “op N · step M”; link to one as step=N.M.`,
    };
  return { ok: true, lab, preset };
}

/**
 * Open a preset link over the current work (`current`, the saved draft): a draft with another
 * text is kept (its banner offers it back); a draft of the preset itself (a reload of its link)
 * keeps its selection and inspected frame, and no banner says what is already on screen.
 */
export function openPresetLink(
  fragment: string,
  catalog: PresetCatalog | null,
  storage: DraftStorage | null,
  current: Draft | null,
  restore: (d: Draft) => void,
): { ok: true; lab: InitialLab; preset: PresetSource } | { ok: false; banner: LabError } {
  const r = readPresetLink(fragment, catalog);
  if (!r.ok)
    return {
      ok: false,
      banner: {
        kind: 'link',
        message: `This preset link could not be opened: ${r.message} Your own scenario is untouched.`,
      },
    };
  const { lab, preset } = r;
  if (current && current.text === preset.text && current.ranText === preset.text) {
    const missing = lab.missingStep;
    return {
      ok: true,
      preset,
      lab: {
        ...lab,
        selection: current.selection,
        watched: current.watched,
        banner: null,
        ...(missing ? { missingStep: missing } : {}),
      },
    };
  }
  const kept = current !== null && writeDraft(storage, current, PREVIOUS_DRAFT_KEY);
  if (kept && current && lab.banner) {
    lab.banner.message += ' Your previous draft is kept.';
    lab.banner.action = { label: 'restore my draft', run: () => restore(current) };
  }
  return { ok: true, lab, preset };
}

/**
 * What an embedded player opens with: only its link. An embed shares the lab's origin (and so
 * its storage) on the page that frames it: it never reads or writes the user's draft.
 */
export function embedLab(
  hash: string,
  defaultText: string,
  presets: PresetCatalog | null = null,
): InitialLab {
  const fragment = linkFragment(hash);
  if (fragment === null)
    return {
      text: defaultText,
      banner: { kind: 'link', message: 'This player was opened without a scenario in its link.' },
    };
  if (isPresetFragment(fragment)) {
    const p = readPresetLink(fragment, presets);
    if (!p.ok)
      return {
        text: defaultText,
        banner: { kind: 'link', message: `This player's link could not be opened: ${p.message}` },
      };
    const { banner: _opened, ...lab } = p.lab;
    return lab;
  }
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

/**
 * The lab to open with, given the page's URL hash and the browser's storage (`presets`: what a
 * preset link may name), and the preset it opens when the hash is a preset link that opens.
 */
export function initialLab(
  hash: string,
  storage: DraftStorage | null,
  defaultText: string,
  restore: (d: Draft) => void,
  presets: PresetCatalog | null = null,
): InitialLab & { preset?: PresetSource } {
  const draft = readDraft(storage);
  const base: InitialLab = draft ? fromDraft(draft) : { text: defaultText };
  const fragment = linkFragment(hash);
  if (fragment === null) return base;
  if (isPresetFragment(fragment)) {
    const p = openPresetLink(fragment, presets, storage, draft, restore);
    return p.ok ? { ...p.lab, preset: p.preset } : { ...base, banner: p.banner };
  }
  const r = openLink(fragment, storage, draft, restore);
  return r.ok ? r.lab : { ...base, banner: r.banner };
}
