/**
 * The scenario editor's contract. No CodeMirror here: the lab imports these types eagerly and
 * loads the editor itself lazily (`React.lazy(() => import('./ScenarioEditor'))`).
 */

/** A problem to show in the text; positions as `src/scenario/errors.ts` reports them. */
export interface EditorDiagnostic {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (a tab is one column). */
  column: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** The word the text most likely meant: offered as a one-click fix for the underlined one. */
  suggestion?: string;
}

/** Handed out once through `onReady`: drive the editor from toolbars and shortcuts. */
export interface EditorApi {
  /** Undoes one step (a user edit or an applied `value`); false when there is nothing to undo. */
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  focus(): void;
  /** The 1-based line of the main cursor. */
  cursorLine(): number;
}

export interface ScenarioEditorProps {
  /**
   * The text from the store. When it changes and differs from the editor's text it is applied
   * as one undoable change (only the differing middle is replaced), without calling onChange.
   * Echoes of the editor's own recent onChange texts are ignored, so a store that lags behind
   * fast typing never rolls the text back.
   */
  value: string;
  /** User edits only: typing, paste, undo and redo. Lines end in `\n`. */
  onChange(text: string): void;
  /** Underlined in the text and marked in the gutter, message on hover; replaced on change. */
  diagnostics: EditorDiagnostic[];
  /** 1-based line of the operation the lab shows: highlighted and scrolled into view. */
  activeLine: number | null;
  /** Mod-Enter, or a click on a command line's ▸ in the gutter, with that 1-based line. */
  onRunToCursor(line: number): void;
  onHistoryChange?(canUndo: boolean, canRedo: boolean): void;
  /** Called when the editor view is created (twice in React's StrictMode development
   * remount: keep the latest api, the earlier one drives a destroyed view). */
  onReady?(api: EditorApi): void;
  readOnly?: boolean;
  /** The accessible name of the text area; "Scenario text" by default. */
  ariaLabel?: string;
}
