/**
 * What a machine costs in memory: the JavaScript heap (objects) plus ArrayBuffers (every typed
 * array's storage, which V8 keeps outside the heap), measured around Engine.create after full
 * garbage collections. Both are reported; the figure is their sum.
 */
import type { MachineSpec } from '../engine/command';
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
 * Boot `spec`, optionally run `cmds` on it, and measure what the engine holds. The engine is
 * kept alive across the second measurement.
 */
export function measureMachine(
  spec: MachineSpec,
  hasGc: boolean,
  prepare?: (e: Engine) => void,
): MemoryResult {
  gc();
  const before = heap();
  const c = Engine.create(spec);
  if (!c.ok) throw new Error(c.error);
  prepare?.(c.engine);
  gc();
  const after = heap();
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
