import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../engine/commands/table';
import type { ScenarioError } from '../scenario/errors';
import { STORYBOARD } from '../scenario/examples';
import { LabHost } from '../worker/host';
import type { StateReply } from '../worker/protocol';
import { storyboard } from '../worker/testFixtures';
import {
  EDIT_PAUSE_MS,
  scenarioSlice,
  textAccepted,
  textRan,
  textRefused,
  withAppendedLine,
} from './scenarioSlice';
import { keptRequests, sliceStore } from './testStore';
import { oneShot, pageTimers } from './timers';
import type { LabState, ScenarioSlice } from './types';

const f = storyboard();
const scenario = { title: 'T', focus: null, machine: f.spec, steps: f.steps };
const run = { scenario, steps: f.steps, watched: 3, killed: null };
const sel = { proc: 'app', buf: 'buf', first: 0, count: 1 };

function reply(at: { op: number; step: number } | null = null): StateReply {
  return new LabHost().init(f.spec, f.steps, at, null);
}

describe('the scenario text: state transitions', () => {
  it('a text that does not parse keeps the last run and says so; one that parses clears that', () => {
    const errors: ScenarioError[] = [{ line: 4, column: 1, message: 'line 4: what' }];
    expect(textRefused(errors)).toEqual({
      textErrors: errors,
      textPending: false,
      error: {
        kind: 'scenario',
        message:
          'The scenario text has 1 error (line 4: what); the lab shows the last version that ran.',
      },
    });
    expect(textAccepted({ kind: 'scenario', message: 'x' })).toEqual({
      textErrors: [],
      textPending: false,
      error: null,
    });
    // Another banner (a crash, a link) is not the text's to clear.
    expect(textAccepted({ kind: 'crash', message: 'x' })).toEqual({
      textErrors: [],
      textPending: false,
    });
  });

  it('a run takes the scenario, the watched frame, and keeps a selection that still holds', () => {
    const r = reply();
    expect(textRan(run, { at: null }, r, sel)).toEqual({
      title: 'T',
      spec: f.spec,
      steps: f.steps,
      watched: 3,
    });
    expect(textRan(run, { at: null }, r, { ...sel, buf: 'gone' }).selection).toBeNull();
    // One that load asked for is taken as it is.
    const asked = { ...sel, buf: 'gone' };
    expect(textRan(run, { at: null, selection: asked }, r, sel).selection).toBe(asked);
  });

  it('says so when the step asked for does not exist, unless there is a banner to show', () => {
    const r = reply({ op: 99, step: 0 });
    const at = { op: 99, step: 0 };
    expect(textRan(run, { at }, r, null).error?.message).toBe(
      'The scenario has no step 100.1: showing its end.',
    );
    const banner = { kind: 'notice' as const, message: 'Opened it.' };
    expect(textRan(run, { at, banner }, r, null).error).toBe(banner);
    expect(textRan(run, { at: { op: 1, step: 0 } }, reply({ op: 1, step: 0 }), null).error).toBe(
      undefined,
    );
  });

  it('a text whose command stops the engine keeps the commands before it and names it', () => {
    const r = new LabHost().init(f.spec, f.steps.slice(0, 2), null, null);
    const killed = { k: 2, reason: 'it hung' };
    const p = textRan({ ...run, killed }, { at: null, selection: null }, r, { ...sel, buf: 'x' });
    expect(p.steps).toEqual(f.steps.slice(0, 2));
    expect(p.error?.kind).toBe('crash');
    expect(p.error?.message).toMatch(/^The engine worker stopped \(it hung\) on command 3 /);
    // The selection is checked against what ran, whatever load asked for.
    expect(p.selection).toBeNull();
  });

  it('a line clicked while the user typed goes at the end of what they typed', () => {
    expect(withAppendedLine('a\nb\n  \n', 'a\n', 'a\nc 1\n')).toBe('a\nb\nc 1\n');
    expect(withAppendedLine('x', '', 'c\n')).toBe('x\nc\n');
  });
});

describe('the scenario text: actions', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  type Reads = ScenarioSlice &
    Pick<LabState, 'error' | 'playing' | 'position' | 'selection' | 'watched' | 'inspecting'>;

  /** A scenario slice whose requests are kept (not run), on vitest's fake clock. */
  function editor() {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { request, kept: requests } = keptRequests();
    const playTimer = oneShot(pageTimers);
    const store = sliceStore<ScenarioSlice, Reads>(
      scenarioSlice(
        {
          request,
          crashes: { initText: () => Promise.reject(new Error('not run here')) },
          client: {
            parse: () => Promise.reject(new Error('not here')),
            append: () => Promise.reject(new Error('not here')),
          },
          editPause: oneShot(pageTimers),
          playTimer,
          timers: pageTimers,
        },
        { text: '', spec: f.spec },
      ),
      {
        error: null,
        playing: true,
        position: null,
        selection: sel,
        watched: null,
        inspecting: null,
      },
    );
    return { s: () => store.getState(), requests, playTimer };
  }

  it('an edit runs after a pause, once; flushText runs it at once', async () => {
    const { s, requests } = editor();
    s().setText(STORYBOARD);
    s().setText(`${STORYBOARD}\n`);
    expect(s().textPending).toBe(true);
    await vi.advanceTimersByTimeAsync(EDIT_PAUSE_MS - 1);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(1);
    expect(s().textPending).toBe(false);
    s().setText(STORYBOARD);
    await s().flushText();
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(EDIT_PAUSE_MS);
    expect(requests).toHaveLength(2);
  });

  it('a text whose header has errors runs nothing; load stops playback, and drops the selection unless it brings one', async () => {
    const { s, requests, playTimer } = editor();
    playTimer.start(() => {}, 1000);
    // A selection load brings arrives with the reply; until then the current one stays.
    await s().load('ram frobnicate\n', { selection: null });
    expect(playTimer.pending).toBe(false);
    expect(s()).toMatchObject({ playing: false, selection: sel });
    expect(requests).toHaveLength(0);
    expect(s().textErrors).toHaveLength(1);
    expect(s().error?.kind).toBe('scenario');
    await s().load(STORYBOARD);
    expect(s().selection).toBeNull();
    expect(s().error).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('a click with the text in error runs nothing and says why', async () => {
    const { s, requests } = editor();
    await s().load('ram frobnicate\n');
    const read: Command = f.commands[1]!;
    await s().run(read);
    expect(requests).toHaveLength(0);
    expect(s().error?.message).toMatch(/^The scenario text has 1 error/);
  });

  it('a text with an error below the header runs the commands above it', async () => {
    const { s, requests } = editor();
    const text = `${STORYBOARD}\ngpu0 migrat buf\n`;
    await s().load(text);
    expect(requests).toHaveLength(1);
    expect(s().textErrors).toHaveLength(1);
    expect(s().textErrors[0]?.suggestion).toBe('migrate');
    expect(s().textErrors[0]?.message).toMatch(/did you mean "migrate"\?$/);
    expect(s().text).toBe(text); // the user's text stays as typed
  });
});
