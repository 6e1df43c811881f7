/**
 * Every keyboard shortcut, in one table: the help overlay (`?`) lists it, and the handlers
 * read their keys from it (timeline/keys.ts for the timeline; APP_KEYS here for the rest).
 */
import { TIMELINE_KEYS } from '../timeline/keys';

export interface Shortcut {
  keys: string;
  what: string;
  where: string;
}

/** Keys the whole page answers (outside the editor and fields). */
export const APP_KEYS = {
  help: '?',
  present: 'p',
  fullscreen: 'f',
  predict: 'r',
  textSmaller: '[',
  textLarger: ']',
} as const;

const keyName = (k: string): string =>
  k === ' ' ? 'Space' : k.replace('Arrow', '').replace('Right', '→').replace('Left', '←');

export const SHORTCUTS: readonly Shortcut[] = [
  ...TIMELINE_KEYS.filter((k) => k.key !== '=').map((k) => ({
    keys: `${k.shift ? 'Shift+' : ''}${keyName(k.key)}`,
    what: k.help,
    where: 'timeline',
  })),
  { keys: APP_KEYS.help, what: 'this help', where: 'everywhere' },
  { keys: 'P', what: 'presenter mode on / off', where: 'lab, presenter' },
  { keys: 'F', what: 'fullscreen on / off', where: 'presenter' },
  { keys: 'R', what: 'predict, then reveal: on / off', where: 'lab, presenter' },
  {
    keys: `${APP_KEYS.textSmaller} / ${APP_KEYS.textLarger}`,
    what: 'smaller / larger text',
    where: 'presenter',
  },
  { keys: 'Escape', what: 'close a dialog or this help', where: 'dialogs' },
  { keys: 'Tab / Shift+Tab', what: 'move between controls', where: 'everywhere' },
  { keys: 'arrows', what: 'move between pages of a buffer', where: 'address space' },
  { keys: 'Enter / Space', what: 'select the focused page', where: 'address space' },
  { keys: 'Shift+arrows', what: 'extend the selection', where: 'address space' },
  { keys: 'Escape', what: 'clear the selection', where: 'address space' },
  { keys: 'arrows, Home, End', what: 'move between frames', where: 'memory grids' },
  { keys: 'Enter / Space', what: 'inspect the frame', where: 'memory grids' },
  { keys: 'Ctrl+Enter', what: 'run to the cursor', where: 'scenario editor' },
  {
    keys: 'Ctrl+Space, Down, Enter',
    what: 'complete a word: names, verbs, arguments',
    where: 'scenario editor',
  },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', what: 'undo / redo', where: 'scenario editor' },
  { keys: 'F8', what: 'list the errors', where: 'scenario editor' },
];
