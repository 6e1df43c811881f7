/**
 * What the worker exposes: a LabHost whose replies travel with their snapshot's buffers
 * transferred (each reply's snapshot is a fresh copy, so nothing live is detached). Kept apart
 * from host.worker.ts so tests can expose it over a MessageChannel in Node.
 */
import * as Comlink from 'comlink';
import { transferables } from '../engine/snapshot';
import type { LabHost } from './host';
import type { LabHostApi, StateReply } from './protocol';

const send = (reply: StateReply): StateReply =>
  Comlink.transfer(reply, transferables(reply.snapshot));

/** `die` ends the worker; it runs after fail(true) has answered. */
export function workerApi(host: LabHost, die: () => void): LabHostApi {
  return {
    version: () => host.version(),
    init: (spec, steps, at, watch) => send(host.init(spec, steps, at, watch)),
    append: (steps, watch) => send(host.append(steps, watch)),
    seek: (op, step, watch) => send(host.seek(op, step, watch)),
    watch: (pfn) => send(host.watch(pfn)),
    // Comlink posts the answer in a microtask; a timer runs after it.
    fail: (fatal) => (fatal ? void setTimeout(die, 0) : host.fail(false)),
    fault: (plan) => host.fault(plan),
  };
}
