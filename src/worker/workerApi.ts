/**
 * What the worker exposes: a LabHost whose replies travel with their snapshot's buffers
 * transferred (each reply's snapshot is a fresh copy, so nothing live is detached). Kept apart
 * from host.worker.ts so tests can expose it over a MessageChannel in Node.
 */
import * as Comlink from 'comlink';
import { parse } from '../scenario/parse';
import { transferables } from '../engine/snapshot';
import type { LabHost } from './host';
import type { OpView } from '../timeline/operations';
import { OPS_PART, type StateReply, type WorkerApi } from './protocol';

/**
 * `die` ends the worker; it runs after fail(true) has answered. A reply with more than OPS_PART
 * operations goes in parts: the first with the reply, the rest through moreOps.
 */
export function workerApi(host: LabHost, die: () => void): WorkerApi {
  let rest: OpView[] = [];
  let next = 0;
  const send = (full: StateReply): StateReply => {
    let reply = full;
    rest = [];
    next = 0;
    if (full.ops.length > OPS_PART) {
      rest = full.ops;
      next = OPS_PART;
      reply = { ...full, ops: full.ops.slice(0, OPS_PART), opsMore: full.ops.length - OPS_PART };
    }
    return Comlink.transfer(reply, transferables(reply.snapshot));
  };
  return {
    parse: (text) => parse(text),
    moreOps: () => {
      const part = rest.slice(next, next + OPS_PART);
      next += part.length;
      if (next >= rest.length) rest = [];
      return part;
    },
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
