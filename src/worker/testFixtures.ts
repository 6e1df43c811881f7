/**
 * Fixtures for the worker and store tests: scenarios parsed from their text form, so the
 * tests drive the lab with the same steps (commands, expectations, lines) a user loads.
 */
import type { KernelModel, MachineSpec } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import { Engine } from '../engine/engine';
import { takeSnapshot, type Snapshot } from '../engine/snapshot';
import { STORYBOARD } from '../scenario/examples';
import { parse } from '../scenario/parse';
import type { Step } from '../scenario/ast';
import type { LabConnection } from './client';
import { LabHost } from './host';

export interface Fixture {
  spec: MachineSpec;
  steps: Step[];
  /** The steps' commands, in order. */
  commands: Command[];
}

export function fixture(text: string): Fixture {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  const steps = r.scenario.steps.map((s) => ({
    command: s.command,
    expects: s.expects,
    notes: s.notes,
    line: s.line,
  }));
  return { spec: r.scenario.machine, steps, commands: steps.map((s) => s.command) };
}

/** Steps for bare commands: no expectations, not from text (line 0). */
export function stepsOf(commands: readonly Command[]): Step[] {
  return commands.map((command) => ({ command, expects: [], notes: [], line: 0 }));
}

/** The storyboard (README.md): one page to the GPU and back, in either kernel model. */
export function storyboard(kernel: KernelModel = 'modern'): Fixture {
  return fixture(STORYBOARD.replace(/^kernel modern/m, `kernel ${kernel}`));
}

/** Every state a fresh engine passes through, stepping from boot: the seek oracle. */
export interface Reference {
  boot: Snapshot;
  /** ops[i][s + 1]: after micro-step s of operation i; ops[i][0]: before it. */
  ops: Snapshot[][];
}

/** Run `commands` once on a fresh Engine, taking a snapshot at every micro-step. */
export function reference(spec: MachineSpec, commands: readonly Command[]): Reference {
  const c = Engine.create(spec);
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  const snap = (): Snapshot => takeSnapshot(e.machine, e.k.seq);
  const boot = snap();
  const ops = commands.map((cmd) => {
    const states = [snap()];
    const gen = e.execute(cmd);
    while (!gen.next().done) states.push(snap());
    // The last state is after the generator finished (as the live machine is).
    if (states.length > 1) states[states.length - 1] = snap();
    return states;
  });
  return { boot, ops };
}

/**
 * Deep equality of plain data and typed arrays (byte for byte), fast enough to compare every
 * snapshot of a timeline: vitest's toEqual walks typed arrays element by element. On false,
 * call toEqual for the diff.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return false;
    if (a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameData(ra[k], rb[k]));
}

/** A connection straight to a host (no worker, no crashes): a store test's real engine. */
export function directConnection(host = new LabHost()): LabConnection {
  return {
    init: (spec, steps, at, watch) => Promise.resolve(host.init(spec, steps, at, watch)),
    append: (steps, watch) => Promise.resolve(host.append(steps, watch)),
    seek: (op, step, watch) => Promise.resolve(host.seek(op, step, watch)),
    watch: (target) => Promise.resolve(host.watch(target)),
    fail: (fatal) => Promise.resolve(host.fail(fatal)),
    parse: (text) => Promise.resolve(parse(text)),
    onCrash: () => () => {},
  };
}
