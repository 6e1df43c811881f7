/**
 * Checkpoints for seeking: the machine before every K-th operation, and the boot machine.
 *
 * The rule: checkpoints sit before operations K, 2K, 3K, … (the boot machine is the one before
 * operation 0, kept apart: frame history needs it). K is a power of two, chosen so that the
 * checkpoints' estimated size stays within a budget (64 MiB by default):
 *
 * - at init, K is the smallest power of two with (ceil(n / K) - 1) × size ≤ budget, for n
 *   operations on a machine of `size` estimated bytes (estimateBytes). The lecture machine
 *   (48 pages: ~4 KiB at boot, ~10 KiB with page tables) gets K = 1 up to several thousand
 *   operations; the benchmark's (5,633 frames: ~280 KiB at boot, ~850 KiB once its page tables
 *   fill) ends at K = 128 for 10,000 operations; a million-frame machine (~70 MiB with the frame
 *   arrays' spare capacity) is over the budget alone and keeps none: its seeks replay from the
 *   boot machine or the cache.
 * - an append or an init that keeps a prefix chooses again from the live machine and the new
 *   operation count, never below the current K.
 * - machines grow (page tables, hotplugged devices), so every checkpoint is measured when it is
 *   taken; when the total goes over the budget K doubles and the checkpoints that are no longer
 *   at a multiple of K are dropped.
 * - a fixed K (the `checkpointEvery` option, for tests) is never changed.
 *
 * Stored machines are never mutated: whoever needs to run one clones it first.
 */
import type { Machine } from '../engine/state';

export const DEFAULT_CHECKPOINT_BUDGET = 64 * 1024 * 1024;

/** Bytes of one sparse-table leaf (512 entries of kind u8, a i32, b i32). */
const LEAF_BYTES = 512 * 9;
/** A rough per-object cost for small JS objects (VMAs, map entries, devices). */
const OBJECT_BYTES = 64;

/** Sparse tables hold entries in 512-page leaves: at least one leaf per 512 entries, plus one. */
const tableBytes = (entries: number): number =>
  entries === 0 ? 0 : (Math.ceil(entries / 512) + 1) * LEAF_BYTES;

/**
 * What a clone of `m` costs, estimated from what is visible from outside: the frame arrays
 * (their whole capacity: clone copies it), the RAM allocator's free stack, device bitmaps,
 * page tables, mirrors, files, swap and the small maps.
 */
export function estimateBytes(m: Machine): number {
  const f = m.frames;
  let n =
    f.ref.byteLength +
    f.map.byteLength +
    f.pin.byteLength +
    f.flags.byteLength +
    f.mem.byteLength +
    f.mappingKind.byteLength +
    f.mappingId.byteLength +
    f.index.byteLength +
    f.value.byteLength;
  n += 4 * m.ramPages;
  for (const d of m.devices) n += d.bitmap.words.byteLength + OBJECT_BYTES;
  for (const p of m.procs)
    n += tableBytes(p.pt.size) + (p.vmas.length + p.buffers.size + 1) * OBJECT_BYTES;
  for (const x of m.mirrors)
    n += tableBytes(x.pt.size) + tableBytes(x.devbuf.size) + x.snapshot.byteLength + OBJECT_BYTES;
  for (const file of m.files) n += tableBytes(file.cache.size) + tableBytes(file.disk.size);
  n += tableBytes(m.swap.size);
  n += (m.zdd.size + m.ksm.size + m.gup.size) * OBJECT_BYTES;
  for (const refs of m.gup.values()) n += refs.length * OBJECT_BYTES;
  return n;
}

/** The smallest power of two K with (ceil(ops / K) - 1) checkpoints of `bytes` within `budget`. */
export function chooseInterval(ops: number, bytes: number, budget: number): number {
  const fit = Math.max(0, Math.floor(budget / Math.max(1, bytes)));
  let k = 1;
  while (Math.ceil(ops / k) - 1 > fit && k < ops) k *= 2;
  return k;
}

export interface CheckpointOptions {
  /** A fixed K (no budget; tests force it small). */
  every: number | null;
  /** Estimated bytes all checkpoints but the boot machine may take. */
  budget: number;
}

interface Stored {
  machine: Machine;
  bytes: number;
}

export class Checkpoints {
  private readonly byOp = new Map<number, Stored>();
  private total = 0;

  private constructor(
    /** The machine as booted (before operation 0). */
    readonly boot: Machine,
    /** K: a checkpoint sits before every operation whose index is a positive multiple of it. */
    public every: number,
    private readonly opts: CheckpointOptions,
  ) {}

  /** Checkpoints for a timeline of about `ops` operations on `boot`. */
  static create(boot: Machine, ops: number, opts: CheckpointOptions): Checkpoints {
    return new Checkpoints(boot, Checkpoints.interval(boot, ops, opts, 1), opts);
  }

  private static interval(
    m: Machine,
    ops: number,
    opts: CheckpointOptions,
    atLeast: number,
  ): number {
    if (opts.every !== null) return opts.every;
    return Math.max(atLeast, chooseInterval(ops, estimateBytes(m), opts.budget));
  }

  /**
   * A new set sharing the machines before operations 1..`upto` (they describe the same
   * operations), for a timeline of about `ops` operations; K never shrinks.
   */
  fork(upto: number, ops: number, live: Machine): Checkpoints {
    const every = Checkpoints.interval(live, ops, this.opts, this.every);
    const c = new Checkpoints(this.boot, every, this.opts);
    for (const [op, s] of this.byOp) {
      if (op <= upto && op % every === 0) {
        c.byOp.set(op, s);
        c.total += s.bytes;
      }
    }
    return c;
  }

  /** Whether the machine before operation `op` should be kept. */
  wants(op: number): boolean {
    return op > 0 && op % this.every === 0 && !this.byOp.has(op);
  }

  /** Keep `machine` (a private copy nobody mutates again) as the one before operation `op`. */
  add(op: number, machine: Machine): void {
    const bytes = estimateBytes(machine);
    this.byOp.set(op, { machine, bytes });
    this.total += bytes;
    if (this.opts.every !== null) return;
    while (this.total > this.opts.budget && this.byOp.size > 0) {
      this.every *= 2;
      for (const [i, s] of this.byOp) {
        if (i % this.every !== 0) {
          this.byOp.delete(i);
          this.total -= s.bytes;
        }
      }
    }
  }

  /** The machine before operation `op`, when one is stored. */
  exactly(op: number): Machine | undefined {
    return op === 0 ? this.boot : this.byOp.get(op)?.machine;
  }

  /** The nearest stored machine before an operation at or before `op` (the boot one at worst). */
  atOrBefore(op: number): { op: number; machine: Machine } {
    for (let i = Math.floor(op / this.every) * this.every; i > 0; i -= this.every) {
      const s = this.byOp.get(i);
      if (s) return { op: i, machine: s.machine };
    }
    return { op: 0, machine: this.boot };
  }

  /** Stored checkpoints, the boot machine not counted. */
  get count(): number {
    return this.byOp.size;
  }

  /** Their estimated bytes, the boot machine not counted. */
  get bytes(): number {
    return this.total;
  }
}
