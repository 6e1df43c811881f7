/**
 * Where a virtual page's data lives right now, as the address-space view shows it: a colour,
 * a letter (never colour alone) and a sentence for the tooltip.
 */
import { PTE, PTEB } from '../../engine/mm/pte';
import type { ProcSnap, Snapshot } from '../../engine/snapshot';
import { entryAt, frameLabel } from './lookup';

export type Residence =
  | 'unmapped'
  | 'none'
  | 'zero'
  | 'ram'
  | 'device-private'
  | 'device-coherent'
  | 'pmem'
  | 'migration'
  | 'exclusive'
  | 'hwpoison'
  | 'swap';

export interface PageLook {
  residence: Residence;
  /** The device index for device residences. */
  dev: number;
  letter: string;
  title: string;
  write: boolean;
}

export const RESIDENCE_LEGEND: { residence: Residence; letter: string; label: string }[] = [
  { residence: 'none', letter: '·', label: 'not populated' },
  { residence: 'zero', letter: '0', label: 'zero page' },
  { residence: 'ram', letter: 'R', label: 'system RAM' },
  { residence: 'device-private', letter: 'P', label: 'device-private' },
  { residence: 'device-coherent', letter: 'C', label: 'device-coherent' },
  { residence: 'pmem', letter: 'D', label: 'persistent memory (DAX)' },
  { residence: 'migration', letter: 'M', label: 'migration in flight' },
  { residence: 'exclusive', letter: 'X', label: 'device-exclusive' },
  { residence: 'hwpoison', letter: '!', label: 'poisoned' },
  { residence: 'swap', letter: 'S', label: 'swapped out' },
];

const LETTER = new Map(RESIDENCE_LEGEND.map((l) => [l.residence, l.letter]));

export function pageLook(s: Snapshot, p: ProcSnap, vpn: number): PageLook {
  const e = entryAt(p.pte, vpn);
  const look = (residence: Residence, title: string, dev = -1, write = false): PageLook => ({
    residence,
    dev,
    letter: LETTER.get(residence) ?? '?',
    title,
    write,
  });
  if (!e || e.kind === PTE.none) return look('none', 'not populated yet: the next touch faults');
  const write = (e.bits & PTEB.write) !== 0;
  switch (e.kind) {
    case PTE.present: {
      if (e.pfn === s.zeroPfn) return look('zero', 'the shared zero page (read-only)');
      const mem = s.frames.mem[e.pfn] ?? 0;
      if (mem === 0)
        return look(
          'ram',
          `system RAM ${frameLabel(s, e.pfn)}${write ? ', writable' : ', read-only'}`,
          -1,
          write,
        );
      const dev = s.devices[mem - 1];
      const r: Residence = dev?.type === 'pmem' ? 'pmem' : 'device-coherent';
      return look(
        r,
        `${dev?.type === 'pmem' ? 'persistent memory' : 'coherent device memory'} ${frameLabel(s, e.pfn)}, mapped by a present PTE`,
        mem - 1,
        write,
      );
    }
    case PTE.devicePrivate: {
      const mem = s.frames.mem[e.pfn] ?? 0;
      return look(
        'device-private',
        `device-private memory ${frameLabel(s, e.pfn)}: the CPU faults on access`,
        mem - 1,
        write,
      );
    }
    case PTE.migration:
      return look(
        'migration',
        `migration entry for ${frameLabel(s, e.pfn)}: a migration is in flight`,
      );
    case PTE.deviceExclusive:
      return look(
        'exclusive',
        `device-exclusive: ${frameLabel(s, e.pfn)} is held for a device's atomic access`,
        -1,
        write,
      );
    case PTE.hwpoison:
      return look(
        'hwpoison',
        `hwpoison entry: ${frameLabel(s, e.pfn)} had a memory error (SIGBUS on access)`,
      );
    case PTE.swap:
      return look('swap', `swapped out to slot ${e.pfn}`);
    default:
      return look('none', 'unknown entry');
  }
}
