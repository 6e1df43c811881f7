/**
 * The views' words and the glossary entries they stand for. Each table is keyed by the
 * vocabulary the view prints (typed by it, so a new PTE kind, bit, flag or legend entry does
 * not compile without its glossary key); vocab.test.ts holds every key to the glossary.
 */
import type { KernelModel, MemType } from '../../engine/commands/terms';
import type { PageFlagName } from '../../engine/mem/frames';
import type { PTE_BIT_NAMES, PTE_KIND_NAMES } from '../../engine/mm/pte';
import type { Residence } from '../model/residence';

export const PTE_KIND_TERM: Record<(typeof PTE_KIND_NAMES)[number] | 'zero page', string> = {
  none: 'pte:none',
  present: 'pte:present',
  'zero page': 'pte:zero page',
  'device-private': 'pte:device-private',
  migration: 'pte:migration',
  'device-exclusive': 'pte:device-exclusive',
  hwpoison: 'pte:hwpoison',
  swap: 'pte:swap',
};

export const PTE_BIT_TERM: Record<(typeof PTE_BIT_NAMES)[number], string> = {
  write: 'bit:write',
  dirty: 'bit:dirty',
  young: 'bit:young',
  devmap: 'bit:devmap',
  special: 'bit:special',
  protnone: 'bit:protnone',
};

/** The swap entry types the page-table view prints (their glossary keys are their names). */
export const SWAP_TYPES = [
  'SWP_DEVICE_READ',
  'SWP_DEVICE_WRITE',
  'SWP_MIGRATION_READ',
  'SWP_MIGRATION_WRITE',
  'SWP_DEVICE_EXCLUSIVE',
  'SWP_DEVICE_EXCLUSIVE_READ',
  'SWP_DEVICE_EXCLUSIVE_WRITE',
  'SWP_HWPOISON',
  'swap type 0',
] as const;

export const PAGE_FLAG_TERM: Record<PageFlagName, string> = {
  locked: 'flag:locked',
  lru: 'flag:lru',
  active: 'flag:active',
  dirty: 'flag:dirty',
  uptodate: 'flag:uptodate',
  waiters: 'flag:waiters',
  buddy: 'flag:buddy',
  reserved: 'flag:reserved',
  hwpoison: 'flag:hwpoison',
  ksm: 'flag:ksm',
  anonExclusive: 'flag:anonExclusive',
};

/** struct page's rows, as the inspector labels them. */
export const PAGE_FIELDS = [
  'pfn',
  'refcount',
  'mapcount',
  'pins',
  'flags',
  'mapping',
  'pgmap',
  'data',
  'mapped by',
  'idle',
] as const;
export const pageFieldTerm = (f: (typeof PAGE_FIELDS)[number]): string => `page:${f}`;

/** A device's memory type, as the kernel model names it (struct page's pgmap row). */
export const MEMORY_TYPE_TERM: Record<MemType, Record<KernelModel, string>> = {
  private: { modern: 'MEMORY_DEVICE_PRIVATE', seeds: 'MEMORY_DEVICE_PRIVATE' },
  coherent: { modern: 'MEMORY_DEVICE_COHERENT', seeds: 'MEMORY_DEVICE_PUBLIC' },
  pmem: { modern: 'MEMORY_DEVICE_FS_DAX', seeds: 'MEMORY_DEVICE_FS_DAX' },
};

/** The address-space legend. */
export const RESIDENCE_TERM: Record<Residence, string> = {
  unmapped: 'legend:not populated',
  none: 'legend:not populated',
  zero: 'pte:zero page',
  ram: 'mem:system RAM',
  'device-private': 'MEMORY_DEVICE_PRIVATE',
  'device-coherent': 'MEMORY_DEVICE_COHERENT',
  pmem: 'mem:pmem',
  migration: 'legend:migration',
  exclusive: 'pte:device-exclusive',
  hwpoison: 'legend:poisoned',
  swap: 'legend:swapped out',
};

/** A mirror entry's tag (none, read, atomic, write). */
export const MIRROR_TAG_TERM: Record<string, string> = {
  none: 'mirror:none',
  read: 'mirror:read',
  atomic: 'mirror:atomic',
  write: 'mirror:write',
};

/** The decoded HMM pfn words a mirror row prints: flags[...] and values[...]. */
export const HMM_WORD_TERM: Record<string, string> = {
  VALID: 'HMM_PFN_VALID',
  WRITE: 'HMM_PFN_WRITE',
  DEVICE_PRIVATE: 'HMM_PFN_DEVICE_PRIVATE',
  NONE: 'HMM_PFN_NONE',
  ERROR: 'HMM_PFN_ERROR',
  SPECIAL: 'HMM_PFN_SPECIAL',
};
