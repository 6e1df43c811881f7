/**
 * The engine: a simulated machine plus the commands that drive it. Pure and deterministic:
 * no DOM, no timers, no randomness; the same scenario gives the same steps, states and trace
 * hash everywhere.
 *
 * @example
 * const e = Engine.create(spec);
 * if (e.ok) {
 *   const rec = e.engine.run({ op: 'mmap', proc: 'p0', buf: 'buf', pages: 1, backing: 'anon', file: null, shared: false, prot: 'rw' });
 *   rec.result.ret; // 0
 * }
 */
import type { MachineSpec } from './commands/terms';
import type { Command } from './commands/table';
import { Kernel } from './kernel';
import { LIMITS, overLimit } from './limits';
import { addDevice } from './mem/hotplug';
import { PageTable } from './mm/pagetable';
import { runCommand } from './ops';
import type { OpResult } from './ops/types';
import { Machine, Proc } from './state';
import { Hasher } from './trace/hash';
import type { Gen, StepRecord } from './trace/step';

export interface RunRecord {
  cmd: Command;
  result: OpResult;
  steps: StepRecord[];
  /** Simulated nanoseconds the command took. */
  cost: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** Why a machine spec cannot be built, or null. */
export function checkSpec(spec: MachineSpec): string | null {
  if (!Number.isInteger(spec.ramPages) || spec.ramPages < 1 || spec.ramPages > LIMITS.ramPages)
    return overLimit('ram', spec.ramPages, 'ramPages');
  if (spec.devices.length > LIMITS.devices)
    return overLimit('devices', spec.devices.length, 'devices');
  if (spec.processes.length > LIMITS.processes)
    return overLimit('processes', spec.processes.length, 'processes');
  const names = new Set<string>();
  for (const n of [...spec.devices.map((d) => d.name), ...spec.processes]) {
    if (!NAME.test(n)) return `"${n}" is not a valid name`;
    if (names.has(n)) return `the name "${n}" is used twice`;
    names.add(n);
  }
  for (const d of spec.devices) {
    if (!Number.isInteger(d.pages) || d.pages < 1 || d.pages > LIMITS.devicePages)
      return overLimit(`device ${d.name} pages`, d.pages, 'devicePages');
  }
  return null;
}

export class Engine {
  readonly k: Kernel;
  private hasher = new Hasher();

  private constructor(
    readonly spec: MachineSpec,
    m: Machine,
  ) {
    this.k = new Kernel(m);
  }

  static create(spec: MachineSpec): { ok: true; engine: Engine } | { ok: false; error: string } {
    const why = checkSpec(spec);
    if (why) return { ok: false, error: why };
    const devicePages = spec.devices.reduce((n, d) => n + d.pages, 0);
    const m = new Machine(
      spec.kernel,
      spec.platform,
      spec.ramPages,
      undefined,
      undefined,
      undefined,
      devicePages,
    );
    const e = new Engine(spec, m);
    for (const d of spec.devices) addDevice(e.k, d.name, d.type, d.pages);
    for (const name of spec.processes)
      m.procs.push(new Proc(m.procs.length, name, new PageTable(m.procs.length, m.log)));
    m.log.take();
    e.hasher.str(JSON.stringify(spec));
    return { ok: true, engine: e };
  }

  get machine(): Machine {
    return this.k.m;
  }

  /** Run a command step by step: each `next()` ends at a micro-step boundary. */
  *execute(cmd: Command): Gen<OpResult> {
    this.k.opCost = 0;
    this.hasher.str(JSON.stringify(cmd));
    const gen = runCommand(this.k, cmd);
    for (;;) {
      const n = gen.next();
      if (n.done) {
        const r = n.value;
        this.hasher
          .num(r.ret)
          .num(r.cpages ?? -1)
          .num(r.faults ?? -1);
        return r;
      }
      this.hasher.str(n.value.fn).str(n.value.text).num(n.value.cost);
      yield n.value;
    }
  }

  /** Run a command to completion; `onStep` sees the state after every micro-step. */
  run(cmd: Command, onStep?: (s: StepRecord) => void): RunRecord {
    const steps: StepRecord[] = [];
    const gen = this.execute(cmd);
    for (;;) {
      const n = gen.next();
      if (n.done) return { cmd, result: n.value, steps, cost: this.k.opCost };
      steps.push(n.value);
      onStep?.(n.value);
    }
  }

  /** The hash of everything run so far: commands, steps, narration, costs and results. */
  traceHash(): string {
    return new Hasher().str(this.hasher.hex()).hex();
  }
}
