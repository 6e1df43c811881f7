import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { LabCrashError } from '../worker/client';
import { LabHost } from '../worker/host';
import type { StateReply } from '../worker/protocol';
import { storyboard } from '../worker/testFixtures';
import { createRequests } from './requests';
import type { LabState } from './types';

const f = storyboard();
const host = new LabHost();
const first = host.init(f.spec, f.steps, null, null);

type Lab = Pick<
  LabState,
  'status' | 'ops' | 'snapshot' | 'position' | 'history' | 'error' | 'lastLatencyMs' | 'watched'
>;

/** Resolves with `reply` when `release` is called. */
function later(reply: StateReply) {
  let release = () => {};
  const done = new Promise<StateReply>((r) => (release = () => r(reply)));
  return { call: () => done, release: () => release() };
}

function requests() {
  const log: string[] = [];
  const store = createStore<Lab>()(() => ({
    status: 'ready',
    ops: first.ops,
    snapshot: first.snapshot,
    position: first.position,
    history: null,
    error: null,
    lastLatencyMs: null,
    watched: null,
  }));
  const crashes = {
    pending: false,
    noteFailed: (e: { message: string }) => void log.push(`noted ${e.message}`),
    recover: () => {
      log.push('recover');
      crashes.pending = false;
      return Promise.resolve();
    },
  };
  let t = 0;
  const r = createRequests(store.setState, store.getState, crashes, () => (t += 5));
  r.onDrained(() => log.push('drained'));
  return { r, crashes, log, s: () => store.getState() };
}

describe('requests', () => {
  it('run one at a time, busy until the last, each reply applied with its patch and latency', async () => {
    const { r, s, log } = requests();
    const a = later(host.seek(1, 0, null));
    const b = later(host.seek(2, 0, null));
    const pa = r.request(a.call, () => ({ watched: 1 }));
    const pb = r.request(b.call);
    expect(s().status).toBe('busy');
    expect(r.size).toBe(2);
    b.release(); // b answers first, but waits its turn
    await Promise.resolve();
    expect(s().position).toEqual(first.position);
    a.release();
    await pa;
    expect(s()).toMatchObject({ position: { op: 1, step: 0 }, watched: 1, status: 'busy' });
    expect(s().lastLatencyMs).toBeGreaterThan(0);
    expect(log).toEqual([]);
    await pb;
    expect(s()).toMatchObject({ position: { op: 2, step: 0 }, status: 'ready' });
    expect(log).toEqual(['drained']);
  });

  it('a worker error leaves the lab as it was and says so; it never rejects', async () => {
    const { r, s } = requests();
    await r.request(() => Promise.reject(new Error('no such frame')));
    expect(s().error).toEqual({ kind: 'worker', message: 'no such frame. The lab is unchanged.' });
    expect(s().position).toEqual(first.position);
    expect(s().status).toBe('ready');
  });

  it('a crash is noted and healed; a pending one is healed before the next call', async () => {
    const { r, crashes, log } = requests();
    await r.request(() => Promise.reject(new LabCrashError('boom')));
    expect(log).toEqual(['noted The engine worker stopped (boom)', 'recover', 'drained']);
    crashes.pending = true;
    log.length = 0;
    await r.request(() => {
      log.push('call');
      return Promise.resolve(host.seek(0, 0, null));
    });
    expect(log).toEqual(['recover', 'call', 'drained']);
    log.length = 0;
    await r.request(null);
    expect(log).toEqual(['drained']);
  });
});
