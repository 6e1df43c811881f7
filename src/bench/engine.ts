/**
 * Engine throughput: migrate a whole buffer to a device-private device (MIGRATE_TO_DEV, with
 * its read-back) and fault all of it back with a CPU read (one do_swap_page ->
 * migrate_to_ram per page), through Engine.run exactly as the worker runs a command: a fresh
 * engine per repetition, the change log recording every micro-step's changes, no invariant
 * checks. Each repetition is checked afterwards (every page on the device, then every page
 * back in RAM with its value), outside the timed region.
 */
import type { MachineSpec, RangeRef } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import { Engine } from '../engine/engine';
import { PTE } from '../engine/mm/pte';
import type { Machine } from '../engine/state';
import { baselineSetup, baselineToDevice, baselineToRam } from './baseline';
import { gc } from './node';
import { summarize, type Summary } from './stats';

export interface RoundTripSpec {
  /** Buffer size in pages. */
  pages: number;
  /** RAM and device size in pages (at least `pages`). */
  ramPages: number;
  devPages: number;
}

export interface RoundTripResult {
  spec: RoundTripSpec;
  toDevice: Summary;
  toRam: Summary;
  baseToDevice: Summary;
  baseToRam: Summary;
  /** Micro-steps each command recorded (the same in every repetition). */
  stepsToDevice: number;
  stepsToRam: number;
}

const WHOLE: RangeRef = { kind: 'buf', buf: 'buf', first: 0, count: null };

export function machineFor(s: RoundTripSpec): MachineSpec {
  return {
    kernel: 'modern',
    platform: 'pcie4',
    ramPages: s.ramPages,
    devices: [{ name: 'gpu0', type: 'private', pages: s.devPages }],
    processes: ['app'],
  };
}

function must(e: Engine, cmd: Command): number {
  const r = e.run(cmd);
  if (r.result.ret !== 0)
    throw new Error(`bench: ${cmd.op} returned ${r.result.ret}: ${r.steps.at(-1)?.text ?? ''}`);
  return r.steps.length;
}

/** The machine after the setup: a buffer of `pages` written by the CPU, gpu0 opened. */
export function setupEngine(s: RoundTripSpec): Engine {
  const c = Engine.create(machineFor(s));
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  must(e, {
    op: 'mmap',
    proc: 'app',
    buf: 'buf',
    pages: s.pages,
    backing: 'anon',
    file: null,
    shared: false,
    prot: 'rw',
  });
  must(e, { op: 'cpu-write', proc: 'app', range: WHOLE, value: { scale: 1, offset: 7 } });
  must(e, { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' });
  return e;
}

function checkWhere(m: Machine, pages: number, onDevice: boolean): void {
  const p = m.procs[0];
  const dev = m.devices[0];
  const start = p?.buffers.get('buf')?.start ?? 0;
  if (!p || !dev) throw new Error('bench: machine lost its process or device');
  const kind = onDevice ? PTE.devicePrivate : PTE.present;
  for (let i = 0; i < pages; i++) {
    const vpn = start + i;
    const pfn = p.pt.pfn(vpn);
    if (p.pt.kind(vpn) !== kind || m.isDevicePage(pfn) !== onDevice)
      throw new Error(`bench: page ${i} is not ${onDevice ? 'on the device' : 'in RAM'}`);
    if ((m.frames.value[pfn] ?? 0) !== i + 7) throw new Error(`bench: page ${i} lost its value`);
  }
  if (dev.bitmap.allocated !== (onDevice ? pages : 0))
    throw new Error(`bench: ${dev.bitmap.allocated} device pages allocated`);
}

export function roundTrip(s: RoundTripSpec, reps: number): RoundTripResult {
  const toDevice: number[] = [];
  const toRam: number[] = [];
  const baseToDevice: number[] = [];
  const baseToRam: number[] = [];
  let stepsToDevice = 0;
  let stepsToRam = 0;
  // The worker always holds a machine; so does the bench, from one repetition to the next (a
  // full collection with no machine alive would make V8 forget the engine's object shapes and
  // recompile everything, which no real session sees).
  let live: Engine | null = null;
  for (let r = 0; r < reps; r++) {
    const run = runEngine(s, toDevice, toRam);
    live = run.engine;
    stepsToDevice = run.stepsToDevice;
    stepsToRam = run.stepsToRam;
    runBaseline(s, baseToDevice, baseToRam);
  }
  if (!live) throw new Error('bench: no repetitions');
  return {
    spec: s,
    toDevice: summarize(toDevice),
    toRam: summarize(toRam),
    baseToDevice: summarize(baseToDevice),
    baseToRam: summarize(baseToRam),
    stepsToDevice,
    stepsToRam,
  };
}

/** One repetition on a fresh engine; returns it and the micro-steps of each command. */
function runEngine(
  s: RoundTripSpec,
  toDevice: number[],
  toRam: number[],
): { engine: Engine; stepsToDevice: number; stepsToRam: number } {
  const e = setupEngine(s);
  gc();
  let t = performance.now();
  const stepsToDevice = must(e, { op: 'migrate-to-dev', mirror: 'app/gpu0', range: WHOLE });
  toDevice.push(performance.now() - t);
  checkWhere(e.machine, s.pages, true);
  gc();
  t = performance.now();
  const stepsToRam = must(e, { op: 'cpu-read', proc: 'app', range: WHOLE });
  toRam.push(performance.now() - t);
  checkWhere(e.machine, s.pages, false);
  return { engine: e, stepsToDevice, stepsToRam };
}

/** The baseline on a fresh state of the same size, in the same repetition. */
function runBaseline(s: RoundTripSpec, toDevice: number[], toRam: number[]): void {
  const b = baselineSetup(s.pages, s.ramPages, s.devPages);
  gc();
  let t = performance.now();
  const moved = baselineToDevice(b);
  toDevice.push(performance.now() - t);
  gc();
  t = performance.now();
  const sum = baselineToRam(b);
  toRam.push(performance.now() - t);
  if (moved !== s.pages || b.freeTop !== s.ramPages - s.pages)
    throw new Error(`bench: the baseline moved ${moved} pages (sum ${sum})`);
}
