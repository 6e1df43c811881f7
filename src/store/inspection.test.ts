import { describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { STORYBOARD } from '../scenario/examples';
import { parse } from '../scenario/parse';
import { directConnection } from '../worker/testFixtures';
import { inspectedFrame, runTarget, watchTarget, withFocus } from './inspection';
import { createLabStore } from './labStore';
import { selectInspectedFrame } from './selectors';
import type { LabState } from './types';

/** The storyboard about its one page: `focus app buf`. */
const FOCUSED = STORYBOARD.replace('process app\n', 'process app\nfocus app buf\n');
/** Two pages, the second migrated alone: a selection of both shows each page's own frame. */
const TWO = [
  'device gpu0 private 8',
  'process app',
  'focus app buf',
  'app mmap buf 2',
  'app write buf 7',
  'app open gpu0',
  'gpu0 migrate buf[1]',
  '',
].join('\n');

const page = (index: number) => ({ proc: 'app', buf: 'buf', index });
const whole = (count: number) => ({ proc: 'app', buf: 'buf', first: 0, count });

function scenario(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.scenario;
}

/** Idle, with the history of the frame `struct page` shows (what followInspected keeps). */
function settled(store: StoreApi<LabState>): Promise<void> {
  return vi.waitFor(() => {
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.history?.pfn ?? null).toBe(inspectedFrame(s));
  });
}

async function lab(text: string, opts: Partial<LabState> = {}) {
  const store = createLabStore(directConnection(), { text, ...opts });
  await settled(store);
  const s = () => store.getState();
  /** Show the end of the first operation running `op`. */
  const after = async (op: string) => {
    const o = s().ops.find((x) => x.command.op === op)!;
    await s().seek(o.index, o.steps.length - 1);
    await settled(store);
  };
  return { store, s, after };
}

describe('what the lab points at: pure rules', () => {
  it('the worker watches the clicked frame, else the inspected page of the selection', () => {
    expect(watchTarget({ watched: 5, selection: whole(2), inspecting: page(1) })).toBe(5);
    expect(watchTarget({ watched: null, selection: whole(2), inspecting: page(1) })).toEqual(
      page(1),
    );
    // A switched-to page outside the selection gives way to its first page.
    expect(watchTarget({ watched: null, selection: whole(2), inspecting: page(7) })).toEqual(
      page(0),
    );
    expect(watchTarget({ watched: null, selection: null, inspecting: null })).toBeNull();
  });

  it("a run with no selection takes the scenario's focus; one with a selection keeps it", () => {
    const s = scenario(FOCUSED);
    const mine = { proc: 'app', buf: 'other', first: 0, count: 1 };
    expect(withFocus({ title: 'T' }, null, s)).toEqual({
      title: 'T',
      selection: whole(1),
      inspecting: null,
    });
    expect(withFocus({ selection: null }, mine, s).selection).toEqual(whole(1));
    expect(withFocus({}, mine, s)).toEqual({});
    expect(withFocus({ selection: mine }, null, s)).toEqual({ selection: mine });
    expect(withFocus({}, null, scenario(STORYBOARD))).toEqual({});
    // The request goes out watching the page the run will most likely land on.
    const none = { watched: null, selection: null, inspecting: null };
    expect(runTarget(null, null, none, s)).toEqual(page(0));
    expect(runTarget(3, null, none, s)).toBe(3);
    expect(runTarget(null, mine, none, s)).toEqual({ ...page(0), buf: 'other' });
  });
});

describe('a scenario opens on its focus', () => {
  it("selects the focus, and struct page follows the page's frame from RAM to gpu0 and back", async () => {
    const { s, after } = await lab(FOCUSED);
    expect(s().selection).toEqual(whole(1));
    expect(s().watched).toBeNull();
    await after('cpu-write');
    const ram = selectInspectedFrame(s());
    expect(ram).not.toBeNull();
    expect(s().history?.pfn).toBe(ram);
    await after('migrate-to-dev');
    const dev = s().snapshot!.devices[0]!.start;
    expect(selectInspectedFrame(s())).toBe(dev);
    expect(s().history?.pfn).toBe(dev);
    await after('cpu-read');
    const back = selectInspectedFrame(s());
    expect(back).not.toBe(dev);
    expect(s().history?.pfn).toBe(back);
  });

  it('as a preset opens: at boot, with no selection asked for, then from the first step', async () => {
    const { s, store } = await lab(STORYBOARD);
    expect(s().selection).toBeNull();
    await s().load(FOCUSED, { at: { op: -1, step: -1 }, selection: null, watched: null });
    await settled(store);
    expect(s().selection).toEqual(whole(1));
    expect(selectInspectedFrame(s())).toBeNull(); // nothing is mapped at boot
    await s().seek(1, s().ops[1]!.steps.length - 1);
    await settled(store);
    expect(selectInspectedFrame(s())).not.toBeNull();
  });

  it("a link's own selection and clicked frame are kept", async () => {
    const mine = { proc: 'app', buf: 'buf', first: 0, count: 1 };
    const { s } = await lab(STORYBOARD);
    await s().load(TWO, { selection: { ...mine, first: 1 }, watched: 3 });
    expect(s().selection).toEqual({ ...mine, first: 1 });
    expect(s().watched).toBe(3);
    expect(s().history?.pfn).toBe(3);
    // A scenario without a focus selects nothing; a clicked frame of the last one is dropped.
    await s().load(STORYBOARD);
    expect(s().selection).toBeNull();
    expect(s().watched).toBeNull();
  });

  it('an edit keeps the selection the user made', async () => {
    const { s, store } = await lab(TWO);
    s().select({ proc: 'app', buf: 'buf', first: 1, count: 1 });
    s().setText(`${TWO}app read buf\n`);
    await s().flushText();
    await settled(store);
    expect(s().selection).toEqual({ proc: 'app', buf: 'buf', first: 1, count: 1 });
  });
});

describe('struct page: a clicked frame, or a page of the selection', () => {
  it('switches between the pages of a selection, and back to following after a click', async () => {
    const { s, store } = await lab(TWO);
    expect(s().selection).toEqual(whole(2));
    const dev = s().snapshot!.devices[0]!.start;
    const first = selectInspectedFrame(s());
    expect(first).not.toBe(dev); // page 0 stayed in RAM
    s().inspect(page(1));
    await settled(store);
    expect(selectInspectedFrame(s())).toBe(dev);
    expect(s().history?.pfn).toBe(dev);
    // A click pins a frame: it stays whatever the pages do.
    await s().watch(first);
    await settled(store);
    expect(s().watched).toBe(first);
    expect(selectInspectedFrame(s())).toBe(first);
    // Selecting pages follows them again, from their first page.
    s().select({ proc: 'app', buf: 'buf', first: 1, count: 1 });
    await settled(store);
    expect(s().watched).toBeNull();
    expect(s().inspecting).toBeNull();
    expect(selectInspectedFrame(s())).toBe(dev);
    // Clearing the selection keeps a clicked frame, if any; here none: nothing is shown.
    s().select(null);
    await settled(store);
    expect(selectInspectedFrame(s())).toBeNull();
    expect(s().history).toBeNull();
  });
});
