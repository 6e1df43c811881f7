/**
 * The physical-memory grids' model: one cell per frame of system RAM and of each device, with
 * the state the canvas paints and the hook reports (so e2e asserts what was drawn).
 */
import { PG } from '../../engine/mem/frames';
import type { Snapshot } from '../../engine/snapshot';
import type { Highlight } from './changes';
import { bitSet } from './lookup';

export type CellState = 'free' | 'allocated' | 'locked' | 'pinned' | 'poisoned' | 'offline';

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
  cells: Cell[];
  used: number;
}

function frameState(s: Snapshot, pfn: number, allocated: boolean): CellState {
  const flags = s.frames.flags[pfn] ?? 0;
  if (flags & PG.hwpoison) return 'poisoned';
  if (!allocated) return 'free';
  if (flags & PG.locked) return 'locked';
  if ((s.frames.pin[pfn] ?? 0) > 0) return 'pinned';
  return 'allocated';
}

export function memoryModels(s: Snapshot, hl: Highlight): MemoryModel[] {
  const ram: Cell[] = [];
  for (let i = 0; i < s.ramPages; i++) {
    const pfn = s.ramStart + i;
    const free = ((s.frames.flags[pfn] ?? 0) & PG.buddy) !== 0;
    ram.push({ pfn, state: frameState(s, pfn, !free), changed: hl.frame(pfn) });
  }
  const out: MemoryModel[] = [
    {
      name: 'ram',
      dev: -1,
      title: `System RAM · ${s.ramPages - s.ramFree}/${s.ramPages} used`,
      cells: ram,
      used: s.ramPages - s.ramFree,
    },
  ];
  for (const d of s.devices) {
    const cells: Cell[] = [];
    for (let b = 0; b < d.pages; b++) {
      const pfn = d.start + b;
      const state: CellState = d.online ? frameState(s, pfn, bitSet(d.bits, b)) : 'offline';
      cells.push({ pfn, state, changed: hl.frame(pfn) || hl.bit(d.index, b) });
    }
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
      cells,
      used: d.allocated,
    });
  }
  return out;
}
