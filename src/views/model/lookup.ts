/** Finding things in a snapshot: entries by virtual page (binary search), frames by owner. */
import type { ProcSnap, Snapshot } from '../../engine/snapshot';

// The lookup itself is the timeline's: the worker follows a page with it too.
export { entryAt, entryIndex, type Entry } from '../../timeline/entries';

export function procByName(s: Snapshot, name: string): ProcSnap | undefined {
  return s.procs.find((p) => p.name === name);
}

/** Where a frame lives: 'ram' or a device name. */
export function memName(s: Snapshot, pfn: number): string {
  const mem = s.frames.mem[pfn] ?? 0;
  return mem === 0 ? 'ram' : (s.devices[mem - 1]?.name ?? '?');
}

/** A frame's index inside its memory (ram:3, gpu0:5). */
export function memIndex(s: Snapshot, pfn: number): number {
  const mem = s.frames.mem[pfn] ?? 0;
  return mem === 0 ? pfn - s.ramStart : pfn - (s.devices[mem - 1]?.start ?? 0);
}

export function frameLabel(s: Snapshot, pfn: number): string {
  if (pfn === s.zeroPfn) return 'the zero page';
  return `${memName(s, pfn)}:${memIndex(s, pfn)}`;
}

/** Every (process, virtual page) whose entry points at `pfn`. */
export function mappersOf(s: Snapshot, pfn: number): { proc: string; vpn: number; kind: number }[] {
  const out: { proc: string; vpn: number; kind: number }[] = [];
  for (const p of s.procs) {
    const e = p.pte;
    for (let i = 0; i < e.pfn.length; i++) {
      const k = e.kind[i] ?? 0;
      // swap entries hold a slot number, not a pfn
      if ((e.pfn[i] ?? -1) === pfn && k !== 6 && k !== 0)
        out.push({ proc: p.name, vpn: e.vpn[i] ?? 0, kind: k });
    }
  }
  return out;
}

export function bitSet(words: Uint32Array, bit: number): boolean {
  return (((words[bit >>> 5] ?? 0) >>> (bit & 31)) & 1) === 1;
}

export function vaddr(vpn: number): string {
  return '0x' + (vpn * 4096).toString(16);
}
