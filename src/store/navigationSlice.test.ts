import { describe, expect, it } from 'vitest';
import { endPosition } from '../timeline/navigation';
import type { OpView } from '../timeline/operations';
import { BOOT, type Position } from '../timeline/position';
import { opsOf } from '../timeline/testOps';
import { LabHost } from '../worker/host';
import type { StateReply } from '../worker/protocol';
import { storyboard } from '../worker/testFixtures';
import { navigationSlice, selectionHolds } from './navigationSlice';
import { instantSeeks, keptRequests, sliceStore } from './testStore';
import type { LabState, NavigationSlice, PredictState } from './types';

type Reads = NavigationSlice & Pick<LabState, 'predict' | 'flushText' | 'setPlaying'>;

/** Three operations of 2, 0 and 1 steps, on lines 3, 5 and 9. */
const ops = opsOf([2, 0, 1]).map((o, i) => ({ ...o, line: [3, 5, 9][i] })) as OpView[];

const predictOff: PredictState = {
  on: false,
  phase: 'idle',
  unit: 'operation',
  guess: { where: null, ref: null },
  frame: null,
};

/** A navigation slice over `ops` at boot: seeks land at once; requests are kept to look at. */
function navigator() {
  const seeks: Position[] = [];
  const { request, kept: requests } = keptRequests();
  const calls: string[] = [];
  const store = sliceStore<NavigationSlice, Reads>(
    (set, get) =>
      navigationSlice({
        seeks: instantSeeks(set, get, seeks),
        request,
        client: {
          watch: (pfn) => {
            calls.push(`watch ${JSON.stringify(pfn)}`);
            return Promise.resolve({} as StateReply);
          },
        },
      })(set, get),
    {
      predict: predictOff,
      flushText: () => {
        calls.push('flushText');
        return Promise.resolve();
      },
      setPlaying: (playing) => void calls.push(`setPlaying ${playing}`),
    },
  );
  store.setState({ ops });
  return { store, s: () => store.getState(), seeks, requests, calls };
}

describe('navigation', () => {
  it('a selection holds while its buffer has its pages', () => {
    const f = storyboard();
    const { snapshot } = new LabHost().init(f.spec, f.steps, { op: 0, step: 0 }, null);
    expect(selectionHolds({ proc: 'app', buf: 'buf', first: 0, count: 1 }, snapshot)).toBe(true);
    expect(selectionHolds({ proc: 'app', buf: 'buf', first: 0, count: 2 }, snapshot)).toBe(false);
    expect(selectionHolds({ proc: 'app', buf: 'nope', first: 0, count: 1 }, snapshot)).toBe(false);
    expect(selectionHolds({ proc: 'gone', buf: 'buf', first: 0, count: 1 }, snapshot)).toBe(false);
  });

  it('steps by kind from where the last seek went; a step that goes nowhere seeks nothing', async () => {
    const { s, seeks } = navigator();
    await s().step('into');
    await s().step('into');
    await s().step('over');
    expect(seeks).toEqual([
      { op: 0, step: 0 },
      { op: 0, step: 1 },
      { op: 1, step: -1 },
    ]);
    await s().step('end');
    await s().step('into');
    expect(seeks.slice(3)).toEqual([endPosition(ops)]);
    await s().step('start');
    await s().step('backInto');
    expect(seeks.slice(4)).toEqual([BOOT]);
    await s().seek(2, 0);
    expect(s().position).toEqual({ op: 2, step: 0 });
  });

  it('a step forward asks first when predicting, and the next one reveals the end of the operation', async () => {
    const { store, s, seeks } = navigator();
    store.setState({ predict: { ...predictOff, on: true } });
    await s().step('into');
    expect(seeks).toEqual([]);
    expect(s().predict.phase).toBe('asking');
    await s().step('into');
    expect(seeks).toEqual([{ op: 0, step: 1 }]); // op 0 has two micro-steps
    expect(s().predict.phase).toBe('revealed');
  });

  it('asked per micro-step, the reveal moves one micro-step', async () => {
    const { store, s, seeks } = navigator();
    store.setState({ predict: { ...predictOff, on: true, unit: 'step' } });
    await s().step('into');
    await s().step('into');
    expect(seeks).toEqual([{ op: 0, step: 0 }]);
    expect(s().predict.phase).toBe('revealed');
  });

  it('run to a line runs a pending edit, stops playing and shows the end of that operation', async () => {
    const { s, seeks, calls } = navigator();
    await s().runToLine(6);
    expect(calls).toEqual(['flushText', 'setPlaying false']);
    expect(seeks).toEqual([{ op: 1, step: -1 }]);
    await s().runToLine(9);
    await s().runToLine(2);
    expect(seeks.slice(1)).toEqual([{ op: 2, step: 0 }, BOOT]);
  });

  it('watching a frame asks the worker and keeps the frame with the reply', async () => {
    const { s, requests, calls } = navigator();
    const select = { proc: 'app', buf: 'buf', first: 0, count: 1 };
    s().select(select);
    expect(s().selection).toBe(select);
    await s().watch(7);
    const [call, patch] = requests[0]!;
    await call?.();
    expect(calls).toEqual(['watch 7']);
    expect(patch?.({} as StateReply)).toEqual({ watched: 7 });
  });
});
