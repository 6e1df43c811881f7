/**
 * The timeline's keyboard map, as data so the help text and the handler cannot disagree.
 * Keys act only when focus is not in something that takes typing (the editor, a field).
 */
import type { StepKind } from '../../timeline/navigation';

export type TimelineAction = { step: StepKind } | { play: true } | { speed: 1 | -1 };

export interface KeyBinding {
  key: string;
  shift: boolean;
  action: TimelineAction;
  help: string;
}

export const TIMELINE_KEYS: readonly KeyBinding[] = [
  {
    key: 'ArrowRight',
    shift: false,
    action: { step: 'into' },
    help: 'step into (next micro-step)',
  },
  { key: 'ArrowRight', shift: true, action: { step: 'over' }, help: 'step over (next operation)' },
  { key: 'ArrowLeft', shift: false, action: { step: 'backInto' }, help: 'step back' },
  { key: 'ArrowLeft', shift: true, action: { step: 'backOver' }, help: 'back one operation' },
  { key: 'Home', shift: false, action: { step: 'start' }, help: 'to the start' },
  { key: 'End', shift: false, action: { step: 'end' }, help: 'to the end' },
  { key: ' ', shift: false, action: { play: true }, help: 'play / pause' },
  { key: '+', shift: false, action: { speed: 1 }, help: 'faster' },
  { key: '=', shift: false, action: { speed: 1 }, help: 'faster' },
  { key: '-', shift: false, action: { speed: -1 }, help: 'slower' },
];

/** The action for a key press, or null ('+' is shifted on most layouts: shift is ignored for it). */
export function actionFor(e: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): TimelineAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const loose = e.key === '+' || e.key === '=' || e.key === '-';
  const b = TIMELINE_KEYS.find((k) => k.key === e.key && (loose || k.shift === e.shiftKey));
  return b ? b.action : null;
}

/**
 * The keys a widget marked `data-owns-arrows` handles itself while focus is in it: moving a
 * cursor (arrows, Home, End, Page Up/Down), choosing (Enter, space) and letting go (Escape).
 * The page cells and the memory grids are such widgets.
 */
export const OWNED_KEYS: ReadonlySet<string> = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Enter',
  ' ',
  'Escape',
]);

/**
 * Elements that keep their keys: typing targets, widgets that own their arrows
 * (`[data-owns-arrows]`, see OWNED_KEYS), and (for space) controls that use it.
 */
export function keepsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.cm-editor')) return true;
  if (OWNED_KEYS.has(key) && target.closest('[data-owns-arrows]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type !== 'checkbox' && type !== 'radio' && type !== 'button';
  }
  // A focused button or checkbox activates with space: let it.
  if (key === ' ' && (tag === 'BUTTON' || tag === 'INPUT' || tag === 'A')) return true;
  return false;
}
