/**
 * Everything the lab needs before its first render, done outside React: the mode from the
 * address, the stored draft or the link, the store and its engine worker. Done during the
 * first render (as it once was), it made that render a task of 80 ms on a cold load.
 */
import type { StoreApi } from 'zustand';
import {
  readDraft,
  DRAFT_KEY,
  PREVIOUS_DRAFT_KEY,
  type Draft,
  type DraftStorage,
} from '../store/draft';
import { createLabStore } from '../store/labStore';
import type { LabState } from '../store/types';
import { machineText } from '../store/source';
import { isPresetFragment } from '../share/presetLink';
import {
  embedLab,
  initialLab,
  linkFragment,
  loadDraft,
  openLink,
  openPresetLink,
  type PresetCatalog,
  type PresetSource,
} from '../store/startup';
import type { InitialLab } from '../store/labStore';
import { DEFAULT_MACHINE } from '../views/defaultMachine';
import { showPreset } from '../views/lab/presetAddress';
import { parseMode, type LabMode } from '../views/modes/mode';
import { PHONE_QUERY } from '../views/modes/useMediaQuery';
import { shouldOfferTour } from '../views/tour/tourState';
import { installTestHook } from '../views/testHook';
import type { LabClient } from '../worker/client';

export interface OpenedLab {
  store: StoreApi<LabState>;
  /** The text the lab runs first (the draft's ran text, a link's, or the default machine's). */
  ranText: string;
  /** Where the draft is kept; null in an embed, or where the browser refuses storage. */
  storage: DraftStorage | null;
  mode: LabMode;
  /** `?debug`: fault-injection buttons in the top bar. */
  debug: boolean;
  /** The link named a step to open at (a player otherwise starts at its range's start). */
  linkedStep: boolean;
  /** A first visit to the plain lab (nothing stored, no link): offer the tour. */
  tour: boolean;
}

/** localStorage, or null where the browser refuses it (then nothing is autosaved). */
function browserStorage(): DraftStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Drop the link from the address bar once read, so a reload opens the (autosaved) draft. */
function clearHash(): void {
  if (window.location.hash)
    history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The presets, for a preset link (a chunk of their own, loaded only for one). */
export function loadPresets(): Promise<PresetCatalog> {
  return import('../views/lab/presetCatalog').then((m) => m.PRESET_CATALOG);
}

/**
 * A phone with nothing to open (no link, no draft, the plain lab) opens the storyboard, the
 * first flow of every lecture, rather than an empty machine: its short link is put in the
 * address, and the preset link path opens it.
 */
export function phoneOpensStoryboard(): void {
  const { pathname, search, hash } = window.location;
  if (!window.matchMedia(PHONE_QUERY).matches || linkFragment(hash) !== null) return;
  if (parseMode(search).mode.kind !== 'lab') return;
  const storage = browserStorage();
  if (storage && readDraft(storage, DRAFT_KEY)) return;
  history.replaceState(null, '', `${pathname}${search}#preset=storyboard`);
}

/** Whether the page's address is a preset link (`#preset=…`), good or bad. */
export function addressIsPresetLink(): boolean {
  return isPresetFragment(linkFragment(window.location.hash) ?? '');
}

/**
 * The lab the address asks for: `?present`, `?embed`… pick the layout (mode.ts), `#…` a link
 * (`presets`: what a preset link may name; loaded by the caller when the address has one).
 * `client` is its engine worker, started a task earlier (starting a worker takes a while).
 */
export function openLab(client: LabClient, presets: PresetCatalog | null = null): OpenedLab {
  const { search, hash } = window.location;
  const parsed = parseMode(search);
  // An embed never touches the draft (it shares the lab's storage on the page that frames it).
  const embed = parsed.mode.kind === 'embed';
  const storage = embed ? null : browserStorage();
  // Restoring a draft a link replaced.
  const restore = (d: Draft): void => void loadDraft(store.getState(), d);
  const tour = shouldOfferTour(storage, parsed.mode, linkFragment(hash) !== null, [
    DRAFT_KEY,
    PREVIOUS_DRAFT_KEY,
  ]);
  const defaultText = machineText({ title: null, machine: DEFAULT_MACHINE });
  const initial: InitialLab & { preset?: PresetSource } = embed
    ? embedLab(hash, defaultText, presets)
    : initialLab(hash, storage, defaultText, restore, presets);
  // A preset link that opened stays in the address (a reload opens it again, at its step);
  // any other link goes once read, so a reload opens the autosaved draft.
  const preset = embed ? undefined : initial.preset;
  delete initial.preset;
  if (preset) showPreset(preset, true);
  else if (!embed) clearHash();
  if (parsed.problems.length > 0) {
    // Said beside the link's own notice ("Opened the scenario from the link."); an error wins.
    const ignored = `Ignored in the address: ${parsed.problems.join('; ')}.`;
    if (!initial.banner) initial.banner = { kind: 'notice', message: ignored };
    else if (initial.banner.kind === 'notice')
      initial.banner = { ...initial.banner, message: `${initial.banner.message} ${ignored}` };
  }
  const store = createLabStore(client, initial);
  installTestHook(store, client);
  return {
    store,
    ranText: initial.ranText ?? initial.text,
    storage,
    mode: parsed.mode,
    debug: new URLSearchParams(search).has('debug'),
    linkedStep: initial.at !== undefined && initial.at !== null,
    tour,
  };
}

/**
 * A link pasted into the address bar of an open lab: opened, or refused with a banner
 * (`presets`: what a preset link may name; the caller loads them when the address has one).
 */
export function openPastedLink(
  store: StoreApi<LabState>,
  storage: DraftStorage | null,
  presets: PresetCatalog | null = null,
): void {
  const fragment = linkFragment(window.location.hash);
  if (fragment === null) return;
  const cur = store.getState();
  void cur.flushText();
  const draft = readDraft(storage, DRAFT_KEY);
  const restore = (d: Draft): void => void loadDraft(store.getState(), d);
  if (isPresetFragment(fragment)) {
    const r = openPresetLink(fragment, presets, storage, draft, restore);
    if (!r.ok) {
      clearHash();
      cur.showError(r.banner);
      return;
    }
    void cur.load(r.lab.text, r.lab);
    showPreset(r.preset, true);
    return;
  }
  clearHash();
  const r = openLink(fragment, storage, draft, restore);
  if (r.ok) void cur.load(r.lab.text, r.lab);
  else cur.showError(r.banner);
}
