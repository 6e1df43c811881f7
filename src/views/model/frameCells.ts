/**
 * The physical-memory grids' model: the state of every frame of system RAM and of each device
 * (one byte per frame, so a million frames cost a loop over typed arrays, not a million
 * objects), which frames the current micro-step changed, and what the hook reports (so e2e
 * asserts what was drawn).
 */
import { PG } from '../../engine/mem/frames';
import type { Snapshot } from '../../engine/snapshot';
import type { ChangesJson } from '../../engine/trace/changes';

export type CellState = 'free' | 'allocated' | 'locked' | 'pinned' | 'poisoned' | 'offline';

/** State codes, in the order `MemoryModel.states` stores them. */
export const CELL_STATES: readonly CellState[] = [
  'free',
  'allocated',
  'locked',
  'pinned',
  'poisoned',
  'offline',
];

export const FREE = 0;
export const ALLOCATED = 1;
export const LOCKED = 2;
export const PINNED = 3;
export const POISONED = 4;
export const OFFLINE = 5;

export interface Cell {
  pfn: number;
  state: CellState;
  changed: boolean;
}

export interface MemoryModel {
  /** 'ram' or the device name. */
  name: string;
  /** -1 for RAM, else the device index. */
  dev: number;
  title: string;
  /** pfn of the first frame. */
  start: number;
  /** Frames. */
  count: number;
  /** Each frame's state, as an index into CELL_STATES. */
  states: Uint8Array;
  /** 1 for each frame the current micro-step changed (the frame, or its bitmap bit). */
  changed: Uint8Array;
  used: number;
}

function frameState(s: Snapshot, pfn: number, allocated: boolean): number {
  const flags = s.frames.flags[pfn] ?? 0;
  if (flags & PG.hwpoison) return POISONED;
  if (!allocated) return FREE;
  if (flags & PG.locked) return LOCKED;
  if ((s.frames.pin[pfn] ?? 0) > 0) return PINNED;
  return ALLOCATED;
}

/** Set `out[i - offset]` for every index i of `runs` ([start, length, ...]) inside `out`. */
function markRuns(out: Uint8Array, runs: readonly number[] | undefined, offset: number): void {
  if (!runs) return;
  for (let k = 0; k + 1 < runs.length; k += 2) {
    const from = Math.max(0, (runs[k] ?? 0) - offset);
    const to = Math.min(out.length, (runs[k] ?? 0) + (runs[k + 1] ?? 0) - offset);
    if (from < to) out.fill(1, from, to);
  }
}

export function memoryModels(s: Snapshot, changes?: ChangesJson | null): MemoryModel[] {
  const ram = new Uint8Array(s.ramPages);
  const flags = s.frames.flags;
  for (let i = 0; i < s.ramPages; i++) {
    const pfn = s.ramStart + i;
    ram[i] = frameState(s, pfn, ((flags[pfn] ?? 0) & PG.buddy) === 0);
  }
  const ramChanged = new Uint8Array(s.ramPages);
  markRuns(ramChanged, changes?.frames, s.ramStart);
  const out: MemoryModel[] = [
    {
      name: 'ram',
      dev: -1,
      title: `System RAM · ${s.ramPages - s.ramFree}/${s.ramPages} used`,
      start: s.ramStart,
      count: s.ramPages,
      states: ram,
      changed: ramChanged,
      used: s.ramPages - s.ramFree,
    },
  ];
  for (const d of s.devices) {
    const states = new Uint8Array(d.pages);
    if (!d.online) states.fill(OFFLINE);
    else
      for (let b = 0; b < d.pages; b++) {
        const set = (((d.bits[b >>> 5] ?? 0) >>> (b & 31)) & 1) === 1;
        states[b] = frameState(s, d.start + b, set);
      }
    const changed = new Uint8Array(d.pages);
    markRuns(changed, changes?.frames, d.start);
    markRuns(changed, changes?.bits[d.index], 0);
    const kind =
      d.type === 'private'
        ? 'device-private'
        : d.type === 'coherent'
          ? s.kernel === 'seeds'
            ? 'device-public'
            : 'device-coherent'
          : 'pmem';
    out.push({
      name: d.name,
      dev: d.index,
      title: `${d.name} · ${kind} · ${d.allocated}/${d.pages} allocated${d.online ? '' : ' · unplugged'}`,
      start: d.start,
      count: d.pages,
      states,
      changed,
      used: d.allocated,
    });
  }
  return out;
}

/** Frame `i` of a memory as a cell (for the e2e hook and tests). */
export function cellOf(m: MemoryModel, i: number): Cell | null {
  if (i < 0 || i >= m.count) return null;
  return {
    pfn: m.start + i,
    state: CELL_STATES[m.states[i] ?? 0] ?? 'free',
    changed: m.changed[i] === 1,
  };
}

/** Every frame's state by name (what the e2e hook reports for a grid). */
export function stateNames(m: MemoryModel): CellState[] {
  return Array.from(m.states, (x) => CELL_STATES[x] ?? 'free');
}
