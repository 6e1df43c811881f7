/**
 * Named selectors for the views. Each returns a value already in the state (or null), never a
 * fresh object, so `useLab(selectX)` re-renders only when that value changes.
 */
import type { Note } from '../scenario/ast';
import { inspectedFrame } from './inspection';
import type { LabState } from './types';

export const selectSnapshot = (s: LabState) => s.snapshot;
export const selectPosition = (s: LabState) => s.position;
export const selectOps = (s: LabState) => s.ops;
export const selectSelection = (s: LabState) => s.selection;
export const selectWatched = (s: LabState) => s.watched;
export const selectInspecting = (s: LabState) => s.inspecting;
/** The frame `struct page` shows: the clicked one, else the one the followed page maps now. */
export const selectInspectedFrame = (s: LabState) => inspectedFrame(s);
export const selectHistory = (s: LabState) => s.history;
export const selectError = (s: LabState) => s.error;
export const selectStatus = (s: LabState) => s.status;
export const selectSteps = (s: LabState) => s.steps;
export const selectText = (s: LabState) => s.text;
export const selectTextErrors = (s: LabState) => s.textErrors;
export const selectTextPending = (s: LabState) => s.textPending;
export const selectTitle = (s: LabState) => s.title;
export const selectPlaying = (s: LabState) => s.playing;
export const selectSpeed = (s: LabState) => s.speed;
export const selectSpec = (s: LabState) => s.spec;

/** The operation at the current position (null at boot or before the first reply). */
export const selectCurrentOp = (s: LabState) =>
  s.position && s.position.op >= 0 ? (s.ops[s.position.op] ?? null) : null;

/** The micro-step at the current position (null before the operation's first step). */
export const selectCurrentStep = (s: LabState) =>
  s.position ? (selectCurrentOp(s)?.steps[s.position.step] ?? null) : null;

const NO_NOTES: readonly Note[] = [];

/** The lecturer's notes of the operation at the current position (its step's `note` lines). */
export const selectCurrentNotes = (s: LabState): readonly Note[] =>
  (s.position && s.position.op >= 0 ? s.steps[s.position.op]?.notes : undefined) ?? NO_NOTES;
