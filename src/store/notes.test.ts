import { describe, expect, it, vi } from 'vitest';
import { directConnection } from '../worker/testFixtures';
import { createLabStore } from './labStore';
import { selectCurrentNotes } from './selectors';

const TEXT = [
  'process app',
  'app mmap buf 1',
  '  note "No page yet."',
  'app write buf 1',
  'app read buf',
  '  note "First."',
  '  note "<i>Second</i>, as written."',
  '',
].join('\n');

describe("the lecturer's notes", () => {
  it('are those of the operation shown, at any of its steps, and nothing at boot', async () => {
    const store = createLabStore(directConnection(), { text: TEXT, at: { op: -1, step: -1 } });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    const s = () => store.getState();
    const at = async (op: number, step: number) => {
      await s().seek(op, step);
      return selectCurrentNotes(s()).map((n) => n.text);
    };
    expect(await at(-1, -1)).toEqual([]);
    expect(await at(0, -1)).toEqual(['No page yet.']);
    expect(await at(0, 0)).toEqual(['No page yet.']);
    expect(await at(1, 0)).toEqual([]);
    expect(await at(2, 0)).toEqual(['First.', '<i>Second</i>, as written.']);
    // The same array while nothing changes: a view reading it does not render again.
    expect(selectCurrentNotes(s())).toBe(selectCurrentNotes(s()));
    // An edit of a note shows at once, and runs nothing again (notes change nothing that runs).
    const ops = s().ops;
    s().setText(TEXT.replace('First.', 'Changed.'));
    await s().flushText();
    expect(selectCurrentNotes(s())[0]?.text).toBe('Changed.');
    expect(s().ops).toBe(ops);
  });
});
