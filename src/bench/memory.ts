/**
 * What a machine costs in memory: the JavaScript heap (objects) plus ArrayBuffers (every typed
 * array's storage, which V8 keeps outside the heap), measured around Engine.create after full
 * garbage collections. Both are reported; the figure is their sum.
 */
import type { MachineSpec } from '../engine/commands/terms';
import { Engine } from '../engine/engine';
import { gc, heap, type Heap } from './node';

export interface MemoryResult {
  spec: MachineSpec;
  frames: number;
  /** Growth of each part while the engine is alive. */
  heapUsed: number;
  arrayBuffers: number;
  total: number;
  bytesPerFrame: number;
  /** Whether a real garbage collection ran (without one the figures are upper bounds). */
  gc: boolean;
}

function diff(a: Heap, b: Heap): { heapUsed: number; arrayBuffers: number } {
  return { heapUsed: b.heapUsed - a.heapUsed, arrayBuffers: b.arrayBuffers - a.arrayBuffers };
}

/**
 * A heap reading once memory has settled: V8 frees ArrayBuffer storage on a background thread
 * after the collection that found it dead, so one gc() right after a large machine was dropped
 * still counts its arrays. Collect and yield until the ArrayBuffer figure stops falling.
 */
async function settled(): Promise<Heap> {
  let last = heap();
  for (let i = 0; i < 20; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
    const now = heap();
    if (now.arrayBuffers >= last.arrayBuffers && i > 0) return now;
    last = now;
  }
  return last;
}

/**
 * Boot `spec`, optionally run `cmds` on it, and measure what the engine holds. The engine is
 * kept alive across the second measurement.
 */
export async function measureMachine(
  spec: MachineSpec,
  hasGc: boolean,
  prepare?: (e: Engine) => void,
): Promise<MemoryResult> {
  const before = await settled();
  const c = Engine.create(spec);
  if (!c.ok) throw new Error(c.error);
  prepare?.(c.engine);
  const after = await settled();
  const d = diff(before, after);
  const frames = c.engine.machine.frames.count;
  const total = d.heapUsed + d.arrayBuffers;
  // Keep the engine reachable until here.
  if (frames !== c.engine.machine.frames.count) throw new Error('unreachable');
  return {
    spec,
    frames,
    heapUsed: d.heapUsed,
    arrayBuffers: d.arrayBuffers,
    total,
    bytesPerFrame: total / frames,
    gc: hasGc,
  };
}
