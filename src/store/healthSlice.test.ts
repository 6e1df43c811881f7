import { describe, expect, it } from 'vitest';
import type { StateReply } from '../worker/protocol';
import { healthSlice } from './healthSlice';
import { keptRequests, sliceStore } from './testStore';
import type { HealthSlice, LabState } from './types';

function health() {
  const calls: string[] = [];
  const { request, kept: requests } = keptRequests();
  const store = sliceStore<
    HealthSlice,
    HealthSlice & Pick<LabState, 'watched' | 'selection' | 'inspecting'>
  >(
    healthSlice({
      request,
      client: {
        fail: (fatal) => {
          calls.push(`fail ${fatal}`);
          return Promise.resolve();
        },
        watch: (pfn) => {
          calls.push(`watch ${JSON.stringify(pfn)}`);
          return Promise.resolve({} as StateReply);
        },
      },
    }),
    { watched: 4, selection: null, inspecting: null },
  );
  return { s: () => store.getState(), calls, requests };
}

describe('health', () => {
  it('starts before the worker answered, with nothing to say', () => {
    const { s } = health();
    expect(s()).toMatchObject({ status: 'starting', error: null, draftNotice: null });
    expect(s().lastLatencyMs).toBeNull();
  });

  it('shows one banner at a time, and the draft notice apart from it', () => {
    const { s } = health();
    const notice = { kind: 'quota' as const, message: 'full', actions: [] };
    s().setDraftNotice(notice);
    s().showError({ kind: 'link', message: 'a' });
    s().showError({ kind: 'notice', message: 'b' });
    expect(s().error).toEqual({ kind: 'notice', message: 'b' });
    s().dismissError();
    expect(s().error).toBeNull();
    expect(s().draftNotice).toBe(notice);
    s().setDraftNotice(null);
    expect(s().draftNotice).toBeNull();
  });

  it('an injected failure is a request: fail, then the state as it is for the watched frame', async () => {
    const { s, calls, requests } = health();
    await s().injectFailure(true);
    expect(requests).toHaveLength(1);
    await requests[0]![0]?.();
    expect(calls).toEqual(['fail true', 'watch 4']);
  });
});
