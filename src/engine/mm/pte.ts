/**
 * CPU page-table entries. A present entry maps a pfn with hardware bits; the non-present
 * kinds are the kernel's special swap entries (device-private, migration, device-exclusive,
 * hwpoison) and real swap.
 */

export const PTE = {
  none: 0,
  present: 1,
  devicePrivate: 2,
  migration: 3,
  deviceExclusive: 4,
  hwpoison: 5,
  swap: 6,
} as const;

export type PteKind = (typeof PTE)[keyof typeof PTE];

export const PTE_KIND_NAMES = [
  'none',
  'present',
  'device-private',
  'migration',
  'device-exclusive',
  'hwpoison',
  'swap',
] as const;

/** Entry bits. For non-present entries only `write` (and `young`/`dirty` on migration entries) apply. */
export const PTEB = {
  write: 1 << 0,
  dirty: 1 << 1,
  young: 1 << 2,
  /** pte_devmap: maps ZONE_DEVICE memory the CPU can address (coherent, pmem). */
  devmap: 1 << 3,
  /** pte_special: no struct page refcounting (the zero page, VM_PFNMAP). */
  special: 1 << 4,
  /** NUMA-hinting protnone: present but inaccessible until do_numa_page. */
  protnone: 1 << 5,
} as const;

export const PTE_BIT_NAMES = ['write', 'dirty', 'young', 'devmap', 'special', 'protnone'] as const;

/** Whether this entry makes the page "mapped" (counts in the page's mapcount). */
export function countsAsMapping(kind: number, special: boolean): boolean {
  return (
    (kind === PTE.present && !special) || kind === PTE.devicePrivate || kind === PTE.deviceExclusive
  );
}
