import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { activeOpField, activeOpLineOf, lineStart, setActiveOp } from './activeOp';

function starts(state: EditorState): number[] {
  const out: number[] = [];
  state.field(activeOpField).decorations.between(0, state.doc.length, (from) => {
    out.push(from);
  });
  return out;
}

describe('the active operation line', () => {
  const create = () =>
    EditorState.create({
      doc: 'process app\napp mmap buf 1\napp read buf',
      extensions: activeOpField,
    });

  it('marks the line it is given', () => {
    const state = create().update({ effects: setActiveOp.of(2) }).state;
    expect(starts(state)).toEqual([12]);
    expect(activeOpLineOf(state)).toBe(2);
  });

  it('marks nothing for null or a line that is not there', () => {
    let state = create().update({ effects: setActiveOp.of(2) }).state;
    state = state.update({ effects: setActiveOp.of(null) }).state;
    expect(starts(state)).toEqual([]);
    state = state.update({ effects: setActiveOp.of(9) }).state;
    expect(starts(state)).toEqual([]);
    expect(activeOpLineOf(state)).toBeNull();
  });

  it('keeps its line number through edits, and comes back when the line does', () => {
    let state = create().update({ effects: setActiveOp.of(3) }).state;
    state = state.update({ changes: { from: 0, insert: '# hi\n' } }).state;
    expect(starts(state)).toEqual([state.doc.line(3).from]);
    state = state.update({ changes: { from: 0, to: state.doc.length, insert: 'x' } }).state;
    expect(starts(state)).toEqual([]);
    state = state.update({ changes: { from: 1, insert: '\ny\nz' } }).state;
    expect(starts(state)).toEqual([4]);
  });

  it('finds line starts only for real lines', () => {
    const state = create();
    expect(lineStart(state, 1)).toBe(0);
    expect(lineStart(state, 3)).toBe(27);
    expect(lineStart(state, 0)).toBeNull();
    expect(lineStart(state, 4)).toBeNull();
    expect(lineStart(state, 1.5)).toBeNull();
    expect(lineStart(state, null)).toBeNull();
  });
});
