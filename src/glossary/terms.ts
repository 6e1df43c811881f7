/**
 * The glossary: every word of the kernel the lab prints (PTE kinds and bits, swap entry types,
 * struct page flags and fields, HMM pfn values, memory types, and every kernel function,
 * constant and source file the narration names), each explained in plain words, with where it
 * lives in the kernel each model follows (KERNEL_VERSIONS), or why it does not exist there.
 *
 * Declared once, here. The views look a word up (lookup.ts) and show its card; the tests hold
 * the narration (every name the engine can narrate) and the views' vocabularies to it, so a new
 * word without an entry fails CI.
 *
 * Links go to Bootlin's Elixir cross-reference at the model's version: `/A/ident/<symbol>`
 * (every definition and use of a symbol: no line number to go stale) or `/source/<file>`.
 */
import type { KernelModel } from '../engine/commands/terms';

/** The kernel release each model follows (the version in every link). */
export const KERNEL_VERSIONS: Readonly<Record<KernelModel, string>> = {
  modern: 'v6.15',
  seeds: 'v4.14',
};

export type TermKind =
  | 'pte'
  | 'swap-type'
  | 'pte-bit'
  | 'page-flag'
  | 'page-field'
  | 'hmm-pfn'
  | 'memory'
  | 'function'
  | 'constant'
  | 'structure'
  | 'file'
  | 'legend';

/**
 * Where a term lives in one model's kernel: a symbol to look up, a source file, or the reason
 * it does not exist in that version (then no link). `note` says what the lab's word stands for
 * when the kernel spells it differently.
 */
export type Where =
  { ident: string; note?: string } | { file: string; note?: string } | { absent: string };

export interface Term {
  /** The lookup key: the kernel's own name for kernel words, `kind:word` for the views' words. */
  key: string;
  /** The card's title. */
  name: string;
  kind: TermKind;
  /** One or two plain sentences for a student who never heard of ZONE_DEVICE. */
  text: string;
  modern: Where;
  seeds: Where;
}

type Options = Partial<Pick<Term, 'modern' | 'seeds' | 'name'>>;

const no = (absent: string): Where => ({ absent });
const as = (ident: string, note?: string): Where => (note ? { ident, note } : { ident });
const file = (path: string, note?: string): Where => (note ? { file: path, note } : { file: path });

function term(key: string, kind: TermKind, text: string, o: Options = {}): Term {
  return {
    key,
    name: o.name ?? key,
    kind,
    text,
    modern: o.modern ?? { ident: key },
    seeds: o.seeds ?? { ident: key },
  };
}

const fn = (key: string, text: string, o: Options = {}) => term(key, 'function', text, o);
const k = (key: string, text: string, o: Options = {}) => term(key, 'constant', text, o);
const st = (key: string, text: string, o: Options = {}) => term(key, 'structure', text, o);

// Reasons shared by many entries.
const SINCE = (v: string, what = 'it') => `Not in v4.14: ${what} arrived in ${v}.`;
const DMIRROR_SEEDS = no(
  'Not in v4.14: the dmirror test driver (lib/test_hmm.c) arrived in v5.7. The seeds model runs the hmm_dummy driver instead.',
);
const DUMMY_SEEDS = no(
  "From the seeds' hmm_dummy test driver (drivers/char/hmm_dummy.c in the HMM patch set), which was never merged into Linux, so no cross-reference has it.",
);
const DUMMY_MODERN = no(
  "hmm_dummy was the seeds' out-of-tree test driver; the modern kernel's test driver is dmirror (lib/test_hmm.c).",
);
const FOLIO = (v: string) => no(`Not in v4.14: folios arrived in v5.16, this helper in ${v}.`);
const SEED_PATCH = no(
  "From a seed patch (memory hotplug with type and flags) that was never merged as written, so no cross-reference has it; v4.14's ZONE_DEVICE hotplug is devm_memremap_pages.",
);

const PTE_KINDS: Term[] = [
  term(
    'pte:none',
    'pte',
    'An empty page-table entry: this virtual page has no memory behind it yet. The next access faults, and the kernel decides then what to map.',
    { name: 'none (pte_none)', modern: as('pte_none'), seeds: as('pte_none') },
  ),
  term(
    'pte:present',
    'pte',
    'The entry maps a physical frame the CPU can use directly: loads and stores go straight to that memory without the kernel stepping in.',
    { name: 'present (pte_present)', modern: as('pte_present'), seeds: as('pte_present') },
  ),
  term(
    'pte:zero page',
    'pte',
    'A read-only mapping of the one shared page full of zeros: reading never-written anonymous memory costs no page of its own until the first write.',
    { name: 'zero page', modern: as('my_zero_pfn'), seeds: as('my_zero_pfn') },
  ),
  term(
    'pte:device-private',
    'pte',
    'Not a real mapping: a marker (a swap-type entry) saying the data sits in device memory the CPU cannot address. A CPU touch faults, and the driver migrates the page back to RAM.',
    {
      name: 'device-private entry',
      modern: as('is_device_private_entry'),
      seeds: as('is_device_private_entry'),
    },
  ),
  term(
    'pte:migration',
    'pte',
    'A temporary marker left while a page is being moved: anyone who touches the page waits until the copy is done and the entry points at the new page.',
    { name: 'migration entry', modern: as('is_migration_entry'), seeds: as('is_migration_entry') },
  ),
  term(
    'pte:device-exclusive',
    'pte',
    'The page stays in system RAM, but a device holds it for atomic operations: a CPU touch faults, the device loses its claim, and the normal mapping comes back.',
    {
      name: 'device-exclusive entry',
      modern: as('is_device_exclusive_entry'),
      seeds: no(SINCE('v5.14', 'device-exclusive entries')),
    },
  ),
  term(
    'pte:hwpoison',
    'pte',
    'The frame behind this page had an uncorrectable memory error: the entry marks it poisoned, and any access gets SIGBUS instead of bad data.',
    { name: 'hwpoison entry', modern: as('is_hwpoison_entry'), seeds: as('is_hwpoison_entry') },
  ),
  term(
    'pte:swap',
    'pte',
    "The page's data was written out to swap space; the entry holds the swap slot, and the next touch reads it back into a new page.",
    { name: 'swap entry', modern: as('is_swap_pte'), seeds: as('is_swap_pte') },
  ),
];

const SWAP_TYPES: Term[] = [
  k(
    'SWP_DEVICE_READ',
    'The swap type of a read-only device-private entry: the data is in device memory, and the CPU may only read it once it is back.',
  ),
  k(
    'SWP_DEVICE_WRITE',
    'The swap type of a writable device-private entry: the data is in device memory, and the page was writable when it left.',
  ),
  k(
    'SWP_MIGRATION_READ',
    'The swap type of a migration entry for a page that was mapped read-only: after the move it is mapped read-only again.',
  ),
  k(
    'SWP_MIGRATION_WRITE',
    'The swap type of a migration entry for a page that was writable: after the move it is mapped writable again.',
  ),
  k(
    'SWP_DEVICE_EXCLUSIVE_READ',
    'The swap type v5.14 gave a device-exclusive entry of a page that was read-only before the device claimed it.',
    {
      modern: no(
        'Not in v6.15: make_device_exclusive() rework merged the read and write types into one, SWP_DEVICE_EXCLUSIVE.',
      ),
      seeds: no(SINCE('v5.14', 'device-exclusive entries')),
    },
  ),
  k(
    'SWP_DEVICE_EXCLUSIVE_WRITE',
    'The swap type of a device-exclusive entry of a page that was writable before the device claimed it.',
    {
      modern: as('SWP_DEVICE_EXCLUSIVE', 'v6.15 has one type for both, SWP_DEVICE_EXCLUSIVE.'),
      seeds: no(SINCE('v5.14', 'device-exclusive entries')),
    },
  ),
  k(
    'SWP_DEVICE_EXCLUSIVE',
    "The swap type of a device-exclusive entry: the device has claimed the page for its atomics, the CPU's PTE points at the page but cannot be used, and a CPU touch gives the page back first (one type since the v6.15 rework; the PTE's writability comes back from the VMA).",
    { seeds: no(SINCE('v5.14', 'device-exclusive entries')) },
  ),
  k(
    'SWP_HWPOISON',
    'The swap type that marks a page whose memory is poisoned (an uncorrectable hardware error).',
  ),
  term(
    'swap type 0',
    'swap-type',
    'A real swap entry: type 0 is the first swap device, and the offset is the slot the data was written to.',
    { modern: as('swp_type'), seeds: as('swp_type') },
  ),
];

const PTE_BITS: Term[] = [
  term(
    'bit:write',
    'pte-bit',
    'The CPU may store to this page. Without it a write faults (copy-on-write, or a protection error).',
    { name: 'write (pte_write)', modern: as('pte_write'), seeds: as('pte_write') },
  ),
  term(
    'bit:dirty',
    'pte-bit',
    'Set by the hardware when the page is written: its data differs from any copy on disk or swap.',
    { name: 'dirty (pte_dirty)', modern: as('pte_dirty'), seeds: as('pte_dirty') },
  ),
  term(
    'bit:young',
    'pte-bit',
    'The accessed bit: set by the hardware on any access, so reclaim can tell recently used pages from idle ones.',
    { name: 'young (pte_young)', modern: as('pte_young'), seeds: as('pte_young') },
  ),
  term(
    'bit:devmap',
    'pte-bit',
    'The entry maps ZONE_DEVICE memory the CPU can address (device-coherent or persistent memory), so the kernel treats its struct page specially.',
    { name: 'devmap (pte_devmap)', modern: as('pte_devmap'), seeds: as('pte_devmap') },
  ),
  term(
    'bit:special',
    'pte-bit',
    'A mapping without normal struct page reference counting, such as the shared zero page.',
    { name: 'special (pte_special)', modern: as('pte_special'), seeds: as('pte_special') },
  ),
  term(
    'bit:protnone',
    'pte-bit',
    'Present but inaccessible on purpose: NUMA balancing sets it so the next touch faults and tells the kernel which CPU uses the page.',
    { name: 'protnone (pte_protnone)', modern: as('pte_protnone'), seeds: as('pte_protnone') },
  ),
];

const PAGE_FLAGS: Term[] = [
  term(
    'flag:locked',
    'page-flag',
    'PG_locked: someone (I/O, migration, truncation) holds the page lock; others wait before changing the page.',
    { name: 'PG_locked', modern: as('PG_locked'), seeds: as('PG_locked') },
  ),
  term(
    'flag:lru',
    'page-flag',
    'PG_lru: the page is on a least-recently-used list, where reclaim looks for pages to evict. Device pages never are.',
    { name: 'PG_lru', modern: as('PG_lru'), seeds: as('PG_lru') },
  ),
  term(
    'flag:active',
    'page-flag',
    'PG_active: the page is on the active LRU list (recently used), not the inactive one reclaim takes from first.',
    { name: 'PG_active', modern: as('PG_active'), seeds: as('PG_active') },
  ),
  term(
    'flag:dirty',
    'page-flag',
    "PG_dirty: the page's contents changed since they were last written back to disk or swap.",
    { name: 'PG_dirty', modern: as('PG_dirty'), seeds: as('PG_dirty') },
  ),
  term(
    'flag:uptodate',
    'page-flag',
    'PG_uptodate: the page holds valid data (its read from disk finished, or it was filled).',
    { name: 'PG_uptodate', modern: as('PG_uptodate'), seeds: as('PG_uptodate') },
  ),
  term(
    'flag:waiters',
    'page-flag',
    'PG_waiters: someone sleeps waiting for this page to be unlocked, so unlocking must wake them.',
    { name: 'PG_waiters', modern: as('PG_waiters'), seeds: as('PG_waiters') },
  ),
  term(
    'flag:buddy',
    'page-flag',
    "PageBuddy: the frame is free, owned by the page allocator (the buddy system), not by anyone's data.",
    { name: 'PageBuddy', modern: as('PageBuddy'), seeds: as('PageBuddy') },
  ),
  term(
    'flag:reserved',
    'page-flag',
    'PG_reserved: a page the allocator never hands out; here, the shared zero page.',
    { name: 'PG_reserved', modern: as('PG_reserved'), seeds: as('PG_reserved') },
  ),
  term(
    'flag:hwpoison',
    'page-flag',
    'PG_hwpoison: the frame had an uncorrectable memory error; it is never used again.',
    { name: 'PG_hwpoison', modern: as('PG_hwpoison'), seeds: as('PG_hwpoison') },
  ),
  term(
    'flag:ksm',
    'page-flag',
    'A KSM page: identical anonymous pages of different processes were merged into this one read-only copy.',
    {
      name: 'KSM page',
      modern: as('folio_test_ksm'),
      seeds: as('PageKsm'),
    },
  ),
  term(
    'flag:anonExclusive',
    'page-flag',
    'PageAnonExclusive: this anonymous page belongs to exactly one process, so a write may reuse it without copying.',
    {
      name: 'PageAnonExclusive',
      modern: as('PageAnonExclusive'),
      seeds: no(SINCE('v5.19', 'PageAnonExclusive')),
    },
  ),
];

const PAGE_FIELDS: Term[] = [
  term(
    'page:pfn',
    'page-field',
    'Page frame number: the index of a physical frame. System RAM and each device have their own range of pfns.',
    { name: 'pfn', modern: as('page_to_pfn'), seeds: as('page_to_pfn') },
  ),
  term(
    'page:refcount',
    'page-field',
    'How many references hold the page (mappings, the page cache, GUP, the kernel itself). A page is freed when the last one is dropped; a ZONE_DEVICE page idles at 1 in v4.14 and at 0 in modern kernels.',
    { name: 'refcount (_refcount)', modern: as('page_ref_count'), seeds: as('page_ref_count') },
  ),
  term(
    'page:mapcount',
    'page-field',
    'How many page-table entries map this page. Refcount minus mapcount tells migration whether someone else holds the page.',
    { name: 'mapcount (_mapcount)', modern: as('folio_mapcount'), seeds: as('page_mapcount') },
  ),
  term(
    'page:pins',
    'page-field',
    'Pins taken by pin_user_pages for DMA (O_DIRECT, RDMA): a pinned page must not move, so migration leaves it where it is.',
    {
      name: 'pins',
      modern: as('folio_maybe_dma_pinned'),
      seeds: no(
        'Not in v4.14: pins (FOLL_PIN) arrived in v5.6; until then get_user_pages took plain references.',
      ),
    },
  ),
  term(
    'page:idle',
    'page-field',
    'The refcount a free ZONE_DEVICE page rests at: 1 in v4.14 (so put_page frees on 2 -> 1 through a hook), 0 in modern kernels (freed on 1 -> 0 like any page).',
    {
      name: 'idle refcount',
      modern: as('free_zone_device_folio'),
      seeds: as('put_zone_device_private_or_public_page'),
    },
  ),
  term(
    'page:flags',
    'page-field',
    'page->flags: bits saying what state the page is in (locked, on the LRU, dirty, up to date...).',
    { name: 'flags (page->flags)', modern: as('pageflags'), seeds: as('pageflags') },
  ),
  term(
    'page:mapping',
    'page-field',
    'page->mapping: who owns the data. An anonymous page points at its anon_vma, a file page at the file; with page->index it says where the page belongs.',
    { name: 'mapping (page->mapping)', modern: as('folio_mapping'), seeds: as('page_mapping') },
  ),
  term(
    'page:pgmap',
    'page-field',
    "page->pgmap: for ZONE_DEVICE pages, the struct dev_pagemap of the device memory they belong to: its type and the driver's callbacks.",
    { name: 'pgmap (struct dev_pagemap)', modern: as('dev_pagemap'), seeds: as('dev_pagemap') },
  ),
  term(
    'page:data',
    'page-field',
    "Not a kernel field: the lab's token for the data the page holds. It follows every copy, so you can see that a migration really moved the data.",
    {
      name: 'data (the lab)',
      modern: no('The lab shows this token; the kernel just has the bytes.'),
      seeds: no('The lab shows this token; the kernel just has the bytes.'),
    },
  ),
  term(
    'page:mapped by',
    'page-field',
    'The virtual addresses whose page-table entries map this frame (the kernel finds them through reverse mapping, rmap).',
    { name: 'mapped by (rmap)', modern: as('rmap_walk'), seeds: as('rmap_walk') },
  ),
];

const MEMORY: Term[] = [
  st(
    'ZONE_DEVICE',
    'The memory zone for memory that belongs to a device (GPU memory, persistent memory): it gets struct pages like RAM, but the page allocator never hands it out; the driver owns it.',
  ),
  k(
    'MEMORY_DEVICE_PRIVATE',
    'Device memory the CPU cannot address (like most GPU memory over PCIe). CPU page tables point at it only through device-private entries; a CPU touch migrates the page back to RAM.',
  ),
  k(
    'MEMORY_DEVICE_COHERENT',
    'Device memory the CPU can address, cache-coherently (CXL, or a GPU over a coherent link): it is mapped by ordinary present PTEs, but it may not be pinned for long.',
    {
      seeds: no(
        'Not in v4.14: added in v6.0. The seeds call this kind of memory MEMORY_DEVICE_PUBLIC.',
      ),
    },
  ),
  k(
    'MEMORY_DEVICE_PUBLIC',
    "The seeds' name for device memory the CPU can address, cache-coherently (CAPI, CCIX). It is mapped by present PTEs marked devmap.",
    {
      modern: no(
        'Not in v6.15: removed in v5.1 for lack of users; MEMORY_DEVICE_COHERENT (v6.0) plays its part.',
      ),
    },
  ),
  k(
    'MEMORY_DEVICE_FS_DAX',
    'Persistent memory used for a DAX filesystem: files are mapped straight onto the device, without the page cache. It is ZONE_DEVICE but never migrated.',
    {
      seeds: as(
        'MEMORY_DEVICE_HOST',
        'v4.14 calls persistent memory MEMORY_DEVICE_HOST; MEMORY_DEVICE_FS_DAX arrived in v4.16.',
      ),
    },
  ),
  term(
    'mem:system RAM',
    'memory',
    "Ordinary memory, managed by the kernel's page allocator: every process page starts here.",
    { name: 'system RAM', modern: as('ZONE_NORMAL'), seeds: as('ZONE_NORMAL') },
  ),
  term(
    'mem:pmem',
    'memory',
    'Persistent memory (DAX): ZONE_DEVICE memory that keeps its data without power, mapped directly by files. Never migrated.',
    {
      name: 'persistent memory (DAX)',
      modern: as('MEMORY_DEVICE_FS_DAX'),
      seeds: as('MEMORY_DEVICE_HOST'),
    },
  ),
];

/** What the mirror (device page table) shows for each entry: HMM's pfn encoding. */
const HMM_PFN: Term[] = [
  k(
    'HMM_PFN_VALID',
    "The device may use this entry: the page is present in the CPU's page table and the pfn is good.",
  ),
  k('HMM_PFN_WRITE', 'The device may also write: the CPU page-table entry is writable.'),
  k(
    'HMM_PFN_ERROR',
    'The address cannot be mirrored (no VMA, poisoned memory, or a fault that failed): the device must not use it.',
  ),
  k(
    'HMM_PFN_DEVICE_PRIVATE',
    "The seeds' flag for an entry that points at device-private memory, that is, at the device's own memory.",
    {
      modern: no(
        'Not in v6.15: per-driver flag tables went in v5.7; a driver tells its own pages by their pgmap owner.',
      ),
      seeds: no(
        'Not in v4.14 (which calls it HMM_PFN_DEVICE_UNADDRESSABLE): the flags[] table with HMM_PFN_DEVICE_PRIVATE came with the seed patch, in v4.17.',
      ),
    },
  ),
  k(
    'HMM_PFN_NONE',
    'The value of an entry with nothing behind it: the CPU page table has no page there (or HMM was told not to fault it in).',
    {
      modern: no('Not in v6.15: since v5.7 an empty entry is simply 0, with no flag set.'),
      seeds: no(
        'Not in v4.14 (which calls it HMM_PFN_EMPTY): the values[] table with HMM_PFN_NONE came with the seed patch, in v4.17.',
      ),
    },
  ),
  k(
    'HMM_PFN_SPECIAL',
    'The value for a special mapping (the zero page, a raw pfn mapping) that has no normal struct page to mirror.',
    {
      modern: no('Not in v6.15: since v5.7 such entries are reported as HMM_PFN_ERROR.'),
      seeds: as(
        'HMM_PFN_SPECIAL',
        'v4.14 has it as a flag bit; the seed patch moved it into values[].',
      ),
    },
  ),
  k(
    'HMM_PFN_REQ_FAULT',
    'Input flag to hmm_range_fault: fault this page in if the CPU page table has none, rather than report it empty.',
    { seeds: no(SINCE('v5.7', 'HMM_PFN_REQ_FAULT')) },
  ),
  k(
    'HMM_PFN_REQ_WRITE',
    'Input flag to hmm_range_fault: the device wants to write, so fault the page in writable (breaking copy-on-write).',
    { seeds: no(SINCE('v5.7', 'HMM_PFN_REQ_WRITE')) },
  ),
  term(
    'mirror:none',
    'hmm-pfn',
    "The device's page table has no entry for this page: a device access would fault and ask HMM for it.",
    { name: 'mirror entry: none', modern: as('hmm_range_fault'), seeds: as('hmm_vma_fault') },
  ),
  term(
    'mirror:read',
    'hmm-pfn',
    'The device maps this page read-only: it was mirrored from a read-only (or read-faulted) CPU entry.',
    { name: 'mirror entry: read', modern: as('dmirror_do_read'), seeds: DUMMY_SEEDS },
  ),
  term(
    'mirror:write',
    'hmm-pfn',
    'The device maps this page writable: the CPU entry behind it is writable too (HMM_PFN_WRITE).',
    { name: 'mirror entry: write', modern: as('dmirror_do_write'), seeds: DUMMY_SEEDS },
  ),
  term(
    'mirror:atomic',
    'hmm-pfn',
    'The device holds this page exclusively for atomic operations (make_device_exclusive): the CPU entry is a device-exclusive entry.',
    {
      name: 'mirror entry: atomic',
      modern: as('dmirror_atomic_map'),
      seeds: no(SINCE('v5.14', 'device-exclusive access')),
    },
  ),
  term(
    'mirror:encoding',
    'hmm-pfn',
    "How a driver's device page table stores an entry. The seeds let each driver give HMM its own flag bits and special values (flags[], values[]); since v5.7 every driver sees the same fixed HMM_PFN_* high bits.",
    {
      name: 'mirror encoding',
      modern: file('include/linux/hmm.h'),
      seeds: file('include/linux/hmm.h'),
    },
  ),
  k(
    'NVIF_VMM_PFNMAP_V0',
    "Nouveau's own page-table entry format for HMM mirrors (valid, writable, VRAM bits; address at bit 12), which the seeds' per-driver tables let HMM fill directly.",
    {
      modern: as('NVIF_VMM_PFNMAP_V0_V', 'v6.15 defines the format as NVIF_VMM_PFNMAP_V0_* bits.'),
      seeds: no(SINCE('v5.1', "nouveau's HMM support")),
    },
  ),
];

/** Device memory legends (address space, physical memory): the lab's words. */
const LEGENDS: Term[] = [
  term(
    'legend:not populated',
    'legend',
    'No page yet: the address was mapped (mmap) but never touched, so its page-table entry is empty.',
    { name: 'not populated', modern: as('pte_none'), seeds: as('pte_none') },
  ),
  term(
    'legend:migration',
    'legend',
    'The page is being migrated right now: its entry is a migration entry until the copy finishes.',
    {
      name: 'migration in flight',
      modern: as('is_migration_entry'),
      seeds: as('is_migration_entry'),
    },
  ),
  term(
    'legend:poisoned',
    'legend',
    'The frame had an uncorrectable memory error (hwpoison); the page is gone and touching it sends SIGBUS.',
    { name: 'poisoned', modern: as('memory_failure'), seeds: as('memory_failure') },
  ),
  term(
    'legend:swapped out',
    'legend',
    'The data was written to swap and the frame reused; the entry records the swap slot.',
    { name: 'swapped out', modern: as('swap_read_folio'), seeds: as('swap_readpage') },
  ),
];

const FUNCTIONS: Term[] = [
  // Page faults.
  fn(
    'handle_mm_fault',
    'The entry point of every CPU page fault: it walks the page table and picks the handler for what it finds.',
  ),
  fn(
    'do_anonymous_page',
    'Handles the first touch of anonymous memory: maps the zero page for a read, or a fresh zeroed page for a write.',
  ),
  fn(
    'do_read_fault',
    'Handles a read fault on a file mapping: maps the file page from the page cache.',
  ),
  fn(
    'do_cow_fault',
    'Handles a write fault on a private file mapping: copies the file page into a new anonymous page.',
  ),
  fn(
    'do_shared_fault',
    'Handles a write fault on a shared file mapping: maps the page-cache page writable and marks it dirty.',
  ),
  fn(
    'do_swap_page',
    "Handles a fault on a non-present entry: reads back a swapped page, and for a device-private entry asks the device's driver to migrate the page back to RAM.",
  ),
  fn(
    'do_wp_page',
    'Handles a write to a write-protected page: reuses the page if only this process has it, copies it otherwise (copy-on-write).',
  ),
  fn(
    'wp_page_copy',
    'The copy half of copy-on-write: allocates a new page, copies the data, and maps the copy writable.',
  ),
  fn(
    'wp_page_reuse',
    'The cheap half of copy-on-write: the page is ours alone, so it is simply made writable again.',
  ),
  fn(
    'wp_page_shared',
    'Write fault on a shared mapping: the page is made writable in place and marked dirty (no copy).',
  ),
  fn(
    'do_numa_page',
    'Handles a NUMA-hinting fault: notes which CPU touched the page and may migrate it closer.',
  ),
  fn('filemap_fault', 'Reads a file page into the page cache (if it is not there) to map it.'),
  k('VM_FAULT_OOM', 'What a fault handler returns when no memory is left to satisfy the fault.'),
  k(
    'VM_FAULT_SIGSEGV',
    'What a fault handler returns for an access the mapping does not allow: the process gets SIGSEGV.',
  ),
  k(
    'VM_FAULT_HWPOISON',
    'What a fault handler returns for a poisoned page: the process gets SIGBUS.',
  ),
  k(
    'FAULT_FLAG_UNSHARE',
    'A fault flag asking to unshare a copy-on-write page without writing it (so a pinned page stays exclusive).',
    {
      seeds: no(SINCE('v5.17', 'FAULT_FLAG_UNSHARE')),
    },
  ),
  fn(
    'alloc_zeroed_user_highpage',
    'Allocates a zero-filled page for a user mapping (the first write to anonymous memory).',
    {
      modern: as(
        'vma_alloc_zeroed_movable_folio',
        'v6.15 allocates it with vma_alloc_zeroed_movable_folio.',
      ),
      seeds: as(
        'alloc_zeroed_user_highpage_movable',
        'v4.14 spells it alloc_zeroed_user_highpage_movable.',
      ),
    },
  ),
  fn(
    'alloc_page_vma',
    'Allocates one page of system RAM for a given user address (on the right NUMA node).',
  ),
  fn(
    'copy_highpage',
    'Copies the contents of one page to another (the CPU copy; a device would use DMA).',
  ),

  // rmap, LRU, refcounts, locks.
  fn(
    'folio_add_new_anon_rmap',
    "Records a brand-new anonymous page's owner (its anon_vma and index), so the kernel can later find who maps it.",
    { seeds: FOLIO('v6.3') },
  ),
  fn(
    'page_add_new_anon_rmap',
    "Records a brand-new anonymous page's owner (its anon_vma and index), so the kernel can later find who maps it.",
    {
      modern: as('folio_add_new_anon_rmap', 'v6.15 uses the folio version.'),
    },
  ),
  fn('folio_add_lru', 'Puts a page on an LRU list, where reclaim can find it.', {
    seeds: FOLIO('v5.16'),
  }),
  fn(
    'lru_cache_add_active_or_unevictable',
    'Puts a new page on the active LRU list (or the unevictable one).',
    {
      modern: as('folio_add_lru', 'v6.15 uses folio_add_lru.'),
    },
  ),
  fn(
    'folio_remove_rmap_pte',
    'Drops one mapping of a page from its mapcount when a PTE stops mapping it.',
    { seeds: FOLIO('v6.8') },
  ),
  fn(
    'page_remove_rmap',
    'Drops one mapping of a page from its mapcount when a PTE stops mapping it.',
    {
      modern: as('folio_remove_rmap_pte', 'v6.15 uses folio_remove_rmap_pte.'),
    },
  ),
  fn('page_dup_rmap', 'Counts one more mapping of a page (fork maps it in the child too).', {
    modern: as(
      'folio_try_dup_anon_rmap_pte',
      'v6.8 replaced page_dup_rmap with folio_try_dup_anon_rmap_pte (anonymous) and folio_dup_file_rmap_pte.',
    ),
  }),
  fn(
    'folio_try_dup_anon_rmap_pte',
    'Fork: shares an anonymous page with the child, unless it is pinned for DMA, in which case the child gets its own copy at once.',
    { seeds: FOLIO('v6.8') },
  ),
  fn(
    'folio_try_share_anon_rmap_pte',
    'Gives up exclusive ownership of an anonymous page before it is unmapped for migration; fails if the page is pinned.',
    { seeds: FOLIO('v6.8') },
  ),
  fn('page_mapcount', 'How many page-table entries map a page.', {
    modern: as('folio_mapcount', 'v6.15 counts per folio.'),
  }),
  fn('folio_get', 'Takes a reference on a page, so it cannot be freed while we use it.', {
    seeds: FOLIO('v5.16'),
  }),
  fn('get_page', 'Takes a reference on a page, so it cannot be freed while we use it.'),
  fn(
    'get_page_unless_zero',
    'Takes a reference only if the page is not already free (refcount above 0).',
  ),
  fn(
    'folio_put',
    'Drops a reference; on the last one the page is freed (a ZONE_DEVICE page goes back to its driver).',
    { seeds: FOLIO('v5.16') },
  ),
  fn(
    'put_page',
    'Drops a reference on a page; on the last one the page is freed. In v4.14 a device page is freed on 2 -> 1, through a hook.',
  ),
  fn(
    'folio_trylock',
    'Tries to take the page lock without waiting; migration skips pages it cannot lock.',
    { seeds: FOLIO('v5.16') },
  ),
  fn(
    'trylock_page',
    'Tries to take the page lock without waiting; migration skips pages it cannot lock.',
  ),
  fn('lock_page', 'Takes the page lock, waiting if someone else holds it.'),
  fn('unlock_page', 'Releases the page lock and wakes anyone waiting for it.'),
  fn(
    'folio_isolate_lru',
    'Takes a page off its LRU list so reclaim leaves it alone while it is migrated.',
    { seeds: FOLIO('v6.3') },
  ),
  fn(
    'isolate_lru_page',
    'Takes a page off its LRU list so reclaim leaves it alone while it is migrated.',
    {
      modern: as('folio_isolate_lru', 'v6.15 uses folio_isolate_lru.'),
    },
  ),
  fn(
    'folio_migrate_mapping',
    "Moves a page's identity (its mapping, index and flags) from the old page to the new one during migration.",
    { seeds: FOLIO('v5.16') },
  ),
  fn(
    'migrate_page_move_mapping',
    "Moves a page's identity (its mapping, index and flags) from the old page to the new one during migration.",
    {
      modern: as('folio_migrate_mapping', 'v6.15 uses folio_migrate_mapping.'),
    },
  ),
  fn(
    'folio_is_zone_device',
    'Tells whether a page is device memory (ZONE_DEVICE), which the usual paths must skip.',
    { seeds: FOLIO('v5.16') },
  ),
  fn(
    'is_zone_device_page',
    'Tells whether a page is device memory (ZONE_DEVICE), which the usual paths must skip.',
  ),
  st(
    'anon_vma',
    'The structure tying an anonymous page to every process that may map it (after fork), so the kernel can find all its mappings.',
  ),
  st(
    'vm_pgoff',
    'A VMA field: the offset (in pages) of the mapping in its file, or the anonymous index base; it lets a page keep its index when the VMA moves.',
  ),

  // Page tables and TLB.
  fn('pte_none', 'Tests whether a page-table entry is empty (nothing mapped).'),
  fn(
    'pte_special',
    'Tests whether an entry maps something without normal refcounting (the zero page).',
  ),
  fn('ptep_get_and_clear', 'Reads a page-table entry and clears it in one step.'),
  fn('set_pte_at', 'Writes a page-table entry.'),
  fn(
    'flush_tlb_range',
    "Drops the CPU's cached translations (TLB) for a range of addresses, so no CPU keeps using an old mapping.",
  ),
  fn('flush_tlb_page', "Drops the CPU's cached translation (TLB) for one page."),
  fn('flush_tlb_mm', "Drops every cached translation (TLB) of a process's address space."),
  fn(
    'tlb_finish_mmu',
    'Ends a batch of unmapping: flushes the TLB, then frees the pages that were gathered.',
  ),
  st(
    'mmu_gather',
    'A batch of pages being unmapped: they are freed only after the TLB flush, so no CPU can still reach them.',
  ),

  // mmap, munmap, mprotect, mremap, exit, fork.
  fn(
    'do_mmap',
    'The heart of mmap(2): finds a free range of addresses and creates the VMA (no memory is allocated yet).',
  ),
  fn('do_munmap', 'Unmaps an address range: removes the VMAs and zaps their page-table entries.'),
  fn(
    'do_vmi_munmap',
    'Unmaps an address range: removes the VMAs and zaps their page-table entries.',
    { seeds: as('do_munmap', 'v4.14 calls it do_munmap.') },
  ),
  fn('unmap_region', 'Zaps the page-table entries of unmapped VMAs and frees their page tables.'),
  fn('unmap_vmas', 'Zaps the page-table entries of a list of VMAs (at munmap or exit).'),
  fn('unmap_page_range', "Walks a range of a VMA's page tables, zapping every entry."),
  fn(
    'zap_pte_range',
    "Clears page-table entries one by one, dropping each page's mapcount and reference (device pages included).",
  ),
  fn(
    'zap_page_range',
    'Clears the entries of a range (madvise DONTNEED): the memory goes, the mapping stays.',
    {
      modern: as(
        'zap_page_range_single',
        'v6.3 replaced zap_page_range with zap_page_range_single and zap_vma_pages.',
      ),
    },
  ),
  fn('do_mprotect_pkey', 'The heart of mprotect(2): changes the protection of a range of VMAs.'),
  fn(
    'mprotect_fixup',
    'Splits or merges VMAs for a protection change, then updates their entries.',
  ),
  fn(
    'change_protection',
    'Rewrites the page-table entries of a range with the new protection (for example, clears write).',
  ),
  fn(
    'can_change_pte_writable',
    'Decides whether mprotect may make an entry writable at once, or must leave it for a write fault (copy-on-write).',
    {
      seeds: no(SINCE('v6.0', 'can_change_pte_writable')),
    },
  ),
  fn('mremap_to', 'mremap(2) to a fixed new address: moves a mapping there.'),
  fn('vma_to_resize', 'Checks that an mremap may resize or move the VMA.'),
  fn(
    'move_vma',
    'Moves a VMA to a new address: copies the VMA, moves its page tables, unmaps the old range.',
  ),
  fn(
    'copy_vma',
    'Creates the VMA at the new address of an mremap, with the same file offset and anon_vma.',
  ),
  fn(
    'move_page_tables',
    'Moves the page-table entries of a range to a new address; the pages themselves do not move.',
  ),
  fn(
    'move_ptes',
    'Moves individual page-table entries (present or not, device-private included) to their new address.',
  ),
  fn('do_exit', 'A process exits: it releases its files and its address space.'),
  fn(
    'exit_mmap',
    'Tears down an address space at exit: tells mmu notifiers, unmaps every VMA, frees the page tables.',
  ),
  fn('copy_process', 'The heart of fork: duplicates the parent process.'),
  fn('dup_mm', "fork: creates the child's address space as a copy of the parent's."),
  fn('dup_mmap', 'fork: copies each VMA of the parent, and their page tables.'),
  fn(
    'copy_page_range',
    "fork: copies a VMA's page-table entries into the child; private pages become copy-on-write.",
  ),
  fn(
    'copy_one_pte',
    'fork: copies one page-table entry (present, swap, migration or device-private) into the child.',
    {
      modern: no('Not in v6.15: split in v5.9 into copy_present_pte and copy_nonpresent_pte.'),
    },
  ),
  fn(
    'copy_present_pte',
    'fork: copies one present entry into the child (write-protected for copy-on-write).',
    { seeds: as('copy_one_pte', 'v4.14 does this in copy_one_pte.') },
  ),
  fn(
    'copy_nonpresent_pte',
    'fork: copies one non-present entry (swap, migration, device-private) into the child.',
    { seeds: as('copy_one_pte', 'v4.14 does this in copy_one_pte.') },
  ),
  fn(
    'swap_duplicate',
    'Counts one more reference on a swap slot (fork shares a swapped-out page).',
  ),
  k('PROT_READ', 'mmap/mprotect flag: the memory may be read.'),
  k('PROT_WRITE', 'mmap/mprotect flag: the memory may be written.'),
  k('PROT_NONE', 'mmap/mprotect: no access at all; any touch faults with SIGSEGV.'),
  k(
    'MAP_SHARED',
    'mmap flag: the mapping is shared with other processes (and the file); writes are seen by all.',
  ),
  k('MREMAP_MAYMOVE', 'mremap flag: the kernel may move the mapping to a new address.'),
  k('MREMAP_FIXED', 'mremap flag: move the mapping to exactly this new address.'),
  k(
    'MADV_DONTNEED',
    'madvise advice: drop these pages now; the next touch sees fresh (zero) memory.',
  ),
  k('MADV_HWPOISON', 'madvise advice (for testing): treat these pages as if their memory failed.'),
  k('MADV_UNMERGEABLE', 'madvise advice: undo KSM merging for this range.'),

  // Swap.
  fn('swap_read_folio', 'Reads a swapped-out page back from the swap device.', {
    seeds: as('swap_readpage', 'v4.14 calls it swap_readpage.'),
  }),
  fn('swap_readpage', 'Reads a swapped-out page back from the swap device.', {
    modern: as('swap_read_folio', 'v6.15 calls it swap_read_folio.'),
  }),
  fn(
    'shrink_folio_list',
    'Reclaim: tries to free a list of pages (unmap them, write them to swap, free them).',
    { seeds: as('shrink_page_list', 'v4.14 calls it shrink_page_list.') },
  ),
  fn(
    'shrink_page_list',
    'Reclaim: tries to free a list of pages (unmap them, write them to swap, free them).',
    {
      modern: as('shrink_folio_list', 'v6.15 calls it shrink_folio_list.'),
    },
  ),
  fn('try_to_unmap', 'Removes every page-table entry that maps a page (found through rmap).'),
  fn(
    'try_to_migrate',
    'Replaces every mapping of a page with a migration entry (found through rmap).',
    {
      seeds: as(
        'try_to_unmap',
        'v4.14 does this with try_to_unmap(TTU_MIGRATION); try_to_migrate arrived in v5.14.',
      ),
    },
  ),
  fn('try_to_migrate_one', 'Replaces one mapping of a page with a migration entry.', {
    seeds: as(
      'try_to_unmap_one',
      'v4.14 does this in try_to_unmap_one; try_to_migrate_one arrived in v5.14.',
    ),
  }),
  fn(
    'remove_migration_ptes',
    'After a migration, turns the migration entries into entries for the new page (or back to the old one on failure).',
  ),

  // Migration between RAM pages (the background paths).
  fn('migrate_pages', 'Moves a list of pages to new pages (NUMA, compaction): unmap, copy, remap.'),
  fn(
    'do_migrate_pages',
    "migrate_pages(2): moves a process's pages from some NUMA nodes to others.",
  ),
  fn(
    'migrate_folio_unmap',
    'The first half of migrating a RAM page: lock it and replace its mappings by migration entries.',
    {
      seeds: as('unmap_and_move', 'v4.14 does both halves in unmap_and_move.'),
    },
  ),
  fn('unmap_and_move', 'Migrates one page: unmaps it, copies it to the new page, remaps.', {
    modern: as(
      'migrate_folio_unmap',
      'v6.3 split it into migrate_folio_unmap and migrate_folio_move.',
    ),
  }),
  fn('move_to_new_folio', "Copies a page's data and identity to its new page during migration.", {
    seeds: as('move_to_new_page', 'v4.14 calls it move_to_new_page.'),
  }),
  fn('move_to_new_page', "Copies a page's data and identity to its new page during migration.", {
    modern: as('move_to_new_folio', 'v6.15 calls it move_to_new_folio.'),
  }),
  fn(
    'task_numa_work',
    "NUMA balancing: periodically makes a process's pages inaccessible to learn, by the faults, which CPU uses them.",
  ),
  fn('change_prot_numa', 'NUMA balancing: marks a range protnone so the next touch faults.'),

  // GUP.
  fn(
    'get_user_pages',
    'Finds (faulting in if needed) the pages behind user addresses and takes a reference on each, for the kernel or a device to use.',
  ),
  fn(
    'get_user_pages_fast',
    'get_user_pages without taking the mmap lock when the pages are already mapped.',
  ),
  fn(
    'pin_user_pages',
    'Like get_user_pages, but pins the pages for DMA (FOLL_PIN): they must not move until unpinned.',
    {
      seeds: no(SINCE('v5.6', 'pin_user_pages')),
    },
  ),
  fn(
    'pin_user_pages_fast',
    'pin_user_pages without the mmap lock when the pages are already mapped.',
    { seeds: no(SINCE('v5.6', 'pin_user_pages_fast')) },
  ),
  fn('unpin_user_page', 'Releases one pin taken by pin_user_pages.', {
    seeds: no(SINCE('v5.6', 'unpin_user_page')),
  }),
  fn('unpin_user_pages', 'Releases the pins taken by pin_user_pages.', {
    seeds: no(SINCE('v5.6', 'unpin_user_pages')),
  }),
  fn('faultin_page', 'GUP: faults a page in when it is not mapped (or not writable) yet.'),
  fn(
    'check_and_migrate_movable_pages',
    'Long-term pins must not hold movable memory: pages there (device-coherent included) are migrated to ordinary RAM first.',
    {
      seeds: no(SINCE('v5.2', 'check_and_migrate_movable_pages')),
    },
  ),
  k('FOLL_GET', 'GUP flag: take a plain reference on each page.'),
  k('FOLL_PIN', 'GUP flag: pin each page for DMA, counted apart from ordinary references.', {
    seeds: no(SINCE('v5.6', 'FOLL_PIN')),
  }),
  k('FOLL_WRITE', 'GUP flag: the caller will write, so fault pages in writable.'),
  k(
    'FOLL_LONGTERM',
    'GUP flag: the pin may last indefinitely (RDMA), so the page must first leave movable or device memory.',
    {
      seeds: no(SINCE('v5.2', 'FOLL_LONGTERM')),
    },
  ),

  // KSM and memory failure.
  fn('ksm_do_scan', 'ksmd: scans pages for identical contents to merge.'),
  fn(
    'try_to_merge_one_page',
    'KSM: merges one page into an identical one, write-protected and shared.',
  ),
  fn(
    'write_protect_page',
    'KSM: write-protects a page before comparing it, so it cannot change underneath.',
  ),
  fn('replace_page', 'KSM: points a mapping at the shared merged page instead of its own copy.'),
  fn('ksm_madvise', 'madvise for KSM: marks a range mergeable, or unmerges it.'),
  fn('unmerge_ksm_pages', 'KSM: gives every merged page in a range its own copy again.'),
  fn('break_ksm', 'KSM: breaks one merged page by faulting a private copy in.'),
  fn(
    'memory_failure',
    'Handles a frame with an uncorrectable error: marks it poisoned, unmaps it everywhere, kills or warns the users.',
  ),
  fn('madvise_inject_error', 'madvise(MADV_HWPOISON): injects a memory failure for testing.'),
  k('PG_hwpoison', 'The page flag of a frame with an uncorrectable memory error.'),

  // ZONE_DEVICE registration and freeing.
  fn(
    'memremap_pages',
    "Registers device memory as ZONE_DEVICE: creates a struct page for each of its frames, tied to the driver's dev_pagemap.",
    {
      seeds: as(
        'devm_memremap_pages',
        'v4.14 only has devm_memremap_pages; memremap_pages arrived in v5.3.',
      ),
    },
  ),
  fn(
    'devm_memremap_pages',
    'Registers device memory as ZONE_DEVICE (released automatically with the device): struct pages for each frame.',
  ),
  fn(
    'memunmap_pages',
    'Unregisters ZONE_DEVICE memory: waits for every page to be free, then removes the struct pages.',
    {
      seeds: no(
        'Not in v4.14: memunmap_pages arrived in v5.3; v4.14 releases devm_memremap_pages memory when the device goes.',
      ),
    },
  ),
  fn(
    'hmm_devmem_add',
    "v4.14's HMM helper for drivers: finds a free physical range and registers device memory there (devm_memremap_pages).",
    {
      modern: no('Not in v6.15: removed in v5.3; drivers call memremap_pages themselves.'),
    },
  ),
  fn(
    'arch_add_memory',
    'Architecture part of memory hotplug: maps the new range and creates its struct pages.',
  ),
  fn(
    'arch_remove_memory',
    'Architecture part of memory hot-unplug: removes the struct pages and the mapping.',
  ),
  fn('add_memory', 'Hotplugs a range of ordinary memory.'),
  fn('remove_memory', 'Hot-unplugs a range of memory.'),
  k(
    'MEMORY_DEVICE',
    'A flag of the seed hotplug patch: this memory belongs to a device (ZONE_DEVICE).',
    { modern: SEED_PATCH, seeds: SEED_PATCH },
  ),
  k('MEMORY_MOVABLE', 'A flag of the seed hotplug patch: pages of this memory may be migrated.', {
    modern: SEED_PATCH,
    seeds: SEED_PATCH,
  }),
  k(
    'MEMORY_UNADDRESSABLE',
    'A flag of the seed hotplug patch: the CPU cannot address this memory (device-private).',
    { modern: SEED_PATCH, seeds: SEED_PATCH },
  ),
  k('MEMORY_FLAGS_NONE', 'The seed hotplug patch\'s "no flags": ordinary memory.', {
    modern: SEED_PATCH,
    seeds: SEED_PATCH,
  }),
  fn(
    'free_zone_device_folio',
    "Called when a device page's refcount drops to 0: resets it and hands it back to the driver (page_free).",
    {
      seeds: as(
        'put_zone_device_private_or_public_page',
        'v4.14 frees a device page on 2 -> 1 in put_zone_device_private_or_public_page.',
      ),
    },
  ),
  fn(
    'put_zone_device_private_or_public_page',
    "v4.14's hook in put_page: a device page whose refcount drops to 1 (its idle level) is handed back to the driver (page_free).",
    {
      modern: as(
        'free_zone_device_folio',
        'Modern kernels free device pages on 1 -> 0 in free_zone_device_folio.',
      ),
    },
  ),
  st(
    'device_private_key',
    'A static branch switched on once device memory exists, so put_page checks for device pages only on machines that have them.',
    {
      modern: no(
        'Not in v6.15: device pages idle at refcount 0 since v5.17, so put_page needs no special hook.',
      ),
    },
  ),
  st(
    'page_free',
    "The driver's callback (dev_pagemap's page_free) called when a device page becomes free: the driver marks it free in its own allocator.",
    {
      modern: file('include/linux/memremap.h', 'struct dev_pagemap_ops, member page_free.'),
      seeds: file('include/linux/memremap.h', 'struct dev_pagemap, member page_free.'),
    },
  ),
  st(
    'page_fault',
    "v4.14's driver callback (dev_pagemap's page_fault) run when the CPU touches a device-private page: it migrates the page back to RAM.",
    {
      modern: as('migrate_to_ram', 'Since v5.3 this callback is dev_pagemap_ops.migrate_to_ram.'),
      seeds: file('include/linux/memremap.h', 'struct dev_pagemap, member page_fault.'),
    },
  ),
  st(
    'migrate_to_ram',
    'The driver callback (dev_pagemap_ops.migrate_to_ram) run when the CPU touches a device-private page: it migrates the page back to system RAM.',
    {
      modern: file('include/linux/memremap.h', 'struct dev_pagemap_ops, member migrate_to_ram.'),
      seeds: as(
        'device_private_entry_fault',
        'v4.14 calls the page_fault callback through device_private_entry_fault.',
      ),
    },
  ),
  fn(
    'device_private_entry_fault',
    "v4.14: do_swap_page found a device-private entry, so this calls the device's page_fault callback.",
    {
      modern: no(
        'Not in v6.15: since v5.3 do_swap_page calls pgmap->ops->migrate_to_ram directly.',
      ),
    },
  ),
  st(
    'dev_pagemap',
    'Describes one range of device memory: its type (private, coherent, FS DAX), its pages and the driver callbacks.',
  ),

  // migrate_vma.
  fn(
    'migrate_vma',
    "v4.14's one-call API to migrate a range of a process to device memory (or back), with driver callbacks to allocate and copy.",
    {
      modern: as(
        'migrate_vma',
        'Since v5.4 struct migrate_vma describes the range, and the driver calls migrate_vma_setup, migrate_vma_pages and migrate_vma_finalize itself.',
      ),
    },
  ),
  fn(
    'migrate_vma_setup',
    'Starts migrating a range: collects its pages, locks them and replaces their mappings with migration entries. The driver then allocates and copies.',
    {
      seeds: as(
        'migrate_vma',
        'v4.14 does this inside migrate_vma; migrate_vma_setup arrived in v5.4.',
      ),
    },
  ),
  fn('migrate_vma_collect', 'Walks the page table of the range and collects the pages to migrate.'),
  fn(
    'migrate_vma_collect_pmd',
    'Looks at each page-table entry of the range: which pages can migrate, and (modern) locks them and installs migration entries as it goes.',
  ),
  fn('migrate_vma_prepare', 'v4.14: locks each collected page and takes it off the LRU.', {
    modern: no(
      'Not in v6.15: folded into migrate_vma_collect_pmd and migrate_device_unmap in v5.16.',
    ),
  }),
  fn(
    'migrate_vma_unmap',
    'Replaces the remaining mappings of the collected pages with migration entries.',
  ),
  fn(
    'migrate_device_unmap',
    'Takes the collected pages off the LRU and unmaps them (migration entries); a page with unexplained references stays.',
    {
      seeds: as(
        'migrate_vma_unmap',
        'v4.14 does this in migrate_vma_prepare and migrate_vma_unmap.',
      ),
    },
  ),
  fn(
    'migrate_vma_check_page',
    'Checks that nothing but the mappings holds the page: an extra reference (a pin, GUP) means it cannot migrate.',
  ),
  fn(
    'migrate_vma_pages',
    "After the driver copied: moves each page's identity to its new page (or inserts a new page where there was none).",
  ),
  fn(
    'migrate_vma_insert_page',
    'Migrating an address with no page yet: puts the new device page straight into the page table.',
  ),
  fn(
    'migrate_vma_finalize',
    'Ends the migration: turns migration entries into entries for the new pages (device-private or present), unlocks, and drops the old pages.',
  ),
  k(
    'MIGRATE_VMA_SELECT',
    'The flags a driver passes to migrate_vma_setup to choose which pages of the range to migrate: system RAM pages, its own device-private pages, or device-coherent ones.',
    {
      modern: as('migrate_vma_direction'),
      seeds: no(SINCE('v5.9', 'the MIGRATE_VMA_SELECT_* flags')),
    },
  ),
  k(
    'MIGRATE_VMA_SELECT_NONE',
    "The lab's word for a migrate_vma_setup call with no selection flag: no page qualifies.",
    {
      modern: as(
        'migrate_vma_direction',
        'The kernel has no constant for it: the flags are simply 0.',
      ),
      seeds: no(SINCE('v5.9', 'the MIGRATE_VMA_SELECT_* flags')),
    },
  ),
  k(
    'DEVICE_PRIVATE',
    'migrate_vma_setup flag MIGRATE_VMA_SELECT_DEVICE_PRIVATE: migrate device-private pages (of this driver, by pgmap owner) back towards system RAM.',
    {
      name: 'MIGRATE_VMA_SELECT_DEVICE_PRIVATE',
      modern: as('MIGRATE_VMA_SELECT_DEVICE_PRIVATE'),
      seeds: no(SINCE('v5.9', 'the MIGRATE_VMA_SELECT_* flags')),
    },
  ),
  k(
    'DEVICE_COHERENT',
    'migrate_vma_setup flag MIGRATE_VMA_SELECT_DEVICE_COHERENT: migrate device-coherent pages (of this driver) back to system RAM.',
    {
      name: 'MIGRATE_VMA_SELECT_DEVICE_COHERENT',
      modern: as('MIGRATE_VMA_SELECT_DEVICE_COHERENT'),
      seeds: no(SINCE('v6.0', 'MIGRATE_VMA_SELECT_DEVICE_COHERENT')),
    },
  ),
  k(
    'MIGRATE_TO_SYS',
    "Migrating a driver's device pages back to system RAM (the test driver's HMM_DMIRROR_MIGRATE_TO_SYS).",
    {
      modern: as('HMM_DMIRROR_MIGRATE_TO_SYS'),
      seeds: as(
        'migrate_vma',
        "v4.14's dummy driver migrates back with migrate_vma and its callbacks.",
      ),
    },
  ),
  k(
    'MIGRATE_VMA_SELECT_SYSTEM',
    'migrate_vma_setup flag: migrate pages that are in system RAM (towards the device).',
    {
      seeds: no(SINCE('v5.9', 'MIGRATE_VMA_SELECT_SYSTEM')),
    },
  ),
  fn(
    'migrate_device_range',
    'Migrates device pages by pfn, without a VMA (eviction when a driver unloads).',
    {
      seeds: no(SINCE('v6.1', 'migrate_device_range')),
    },
  ),
  fn(
    'migrate_device_coherent_folio',
    'Moves one device-coherent page to system RAM, so it may be pinned long-term.',
    {
      seeds: no('Not in v4.14: device-coherent memory (v6.0) and this helper came later.'),
    },
  ),

  // HMM mirror.
  fn(
    'hmm_range_fault',
    "Fills a device's page table from the CPU's: for each address, the pfn and HMM_PFN_* flags, faulting pages in when asked.",
    {
      seeds: as('hmm_vma_fault', 'v4.14 has hmm_vma_fault and hmm_vma_get_pfns instead.'),
    },
  ),
  fn(
    'hmm_vma_fault',
    "v4.14: fills a device's page table from the CPU's, faulting missing pages in.",
    {
      modern: as('hmm_vma_fault', 'In v6.15 hmm_vma_fault is an internal step of hmm_range_fault.'),
    },
  ),
  fn(
    'hmm_vma_get_pfns',
    "v4.14: reports the CPU page table's state for a range without faulting (a snapshot).",
    {
      modern: as(
        'hmm_range_fault',
        'v6.15 snapshots with hmm_range_fault and no HMM_PFN_REQ_FAULT.',
      ),
    },
  ),
  fn(
    'hmm_vma_range_done',
    'v4.14: ends a mirror update and says whether an invalidation raced with it (then the driver retries).',
    {
      modern: as('mmu_interval_read_retry', 'v6.15 uses mmu_interval_read_retry.'),
    },
  ),
  fn(
    'hmm_mirror_register',
    "v4.14: a driver registers its mirror of a process's address space, to hear about every change.",
    {
      modern: as(
        'mmu_interval_notifier_insert',
        'Removed in v5.6; drivers insert an mmu_interval_notifier.',
      ),
    },
  ),
  fn('hmm_mirror_unregister', 'v4.14: the driver stops mirroring the address space.', {
    modern: as(
      'mmu_interval_notifier_remove',
      'Removed in v5.6; drivers remove their mmu_interval_notifier.',
    ),
  }),
  fn(
    'hmm_invalidate_range',
    "v4.14's mmu notifier inside HMM: forwards a CPU page-table change to every mirror.",
    {
      modern: as(
        'mmu_interval_notifier',
        "v6.15 calls each interval notifier's invalidate callback directly.",
      ),
    },
  ),
  st(
    'sync_cpu_device_pagetables',
    "v4.14's mirror callback: the CPU page table changed in a range, so the driver must drop its device entries there.",
    {
      modern: as(
        'mmu_interval_notifier_ops',
        'v6.15 drivers implement mmu_interval_notifier_ops.invalidate.',
      ),
    },
  ),
  fn(
    'mmu_interval_notifier_insert',
    "A driver asks to be told about every change to a range of a process's page table.",
    {
      seeds: as(
        'hmm_mirror_register',
        'v4.14 uses hmm_mirror_register; interval notifiers arrived in v5.5.',
      ),
    },
  ),
  fn('mmu_interval_notifier_remove', "A driver stops watching a range of a process's page table.", {
    seeds: as('hmm_mirror_unregister', 'v4.14 uses hmm_mirror_unregister.'),
  }),
  fn(
    'mmu_interval_read_begin',
    "Starts a mirror update: remembers the notifier's sequence number, to detect a racing invalidation later.",
    {
      seeds: no(SINCE('v5.5', 'mmu_interval_read_begin')),
    },
  ),
  fn(
    'mmu_interval_read_retry',
    "Checks, under the driver's lock, whether an invalidation ran since read_begin: if so, the update must be retried.",
    {
      seeds: as('hmm_vma_range_done', 'v4.14 uses hmm_vma_range_done.'),
    },
  ),
  st(
    'mmu_interval_notifier',
    "A watch on a range of a process's address space: its invalidate callback runs before any change there.",
    {
      seeds: no(SINCE('v5.5', 'mmu_interval_notifier')),
    },
  ),
  fn(
    'mmu_notifier_invalidate_range_start',
    'Tells every mmu notifier (device mirrors) that a range of the CPU page table is about to change, so they drop their copies first.',
  ),
  fn(
    'mmu_notifier_release',
    'Tells every mmu notifier that the whole address space is going away (exit).',
  ),
  st(
    'mmu_notifier',
    "A hook a driver registers to hear about changes to a process's page table, so its device never uses a stale mapping.",
  ),
  k('MMU_NOTIFY_CLEAR', 'Invalidation reason: the range is being unmapped or its pages freed.', {
    seeds: no(SINCE('v5.0', 'mmu notifier event reasons')),
  }),
  k('MMU_NOTIFY_UNMAP', 'Invalidation reason: the range is being munmapped.', {
    seeds: no(SINCE('v5.0', 'mmu notifier event reasons')),
  }),
  k(
    'MMU_NOTIFY_PROTECTION_VMA',
    'Invalidation reason: mprotect changes the protection of the range.',
    { seeds: no(SINCE('v5.0', 'mmu notifier event reasons')) },
  ),
  k('MMU_NOTIFY_SOFT_DIRTY', 'Invalidation reason: soft-dirty tracking write-protects the range.', {
    seeds: no(SINCE('v5.0', 'mmu notifier event reasons')),
  }),
  k('MMU_NOTIFY_RELEASE', 'Invalidation reason: the address space is going away.', {
    seeds: no(SINCE('v5.0', 'mmu notifier event reasons')),
  }),
  k(
    'MMU_NOTIFY_MIGRATE',
    'Invalidation reason: pages are migrating; a driver may skip the invalidation it started itself.',
    { seeds: no(SINCE('v5.9', 'MMU_NOTIFY_MIGRATE')) },
  ),
  k(
    'MMU_NOTIFY_EXCLUSIVE',
    'Invalidation reason: a device is taking pages for exclusive (atomic) access.',
    { seeds: no(SINCE('v5.14', 'MMU_NOTIFY_EXCLUSIVE')) },
  ),
  fn(
    'mmap_read_lock',
    "Takes the process's mmap lock for reading (the page-table walk needs the VMAs to hold still).",
    {
      seeds: as(
        'mmap_sem',
        'v4.14 takes down_read(&mm->mmap_sem); mmap_read_lock arrived in v5.8.',
      ),
    },
  ),
  fn('mmget_not_zero', 'Takes a reference on an address space only if the process has not exited.'),
  fn('vma_lookup', 'Finds the VMA that contains an address (or none).', {
    seeds: as('find_vma', 'v4.14 uses find_vma; vma_lookup arrived in v5.14.'),
  }),
  fn('vma_is_dax', 'Tells whether a VMA maps a DAX file (persistent memory, never migrated).'),

  // Device-exclusive access.
  fn(
    'make_device_exclusive',
    'Gives a device exclusive access to a page in system RAM for atomics: the CPU mapping becomes a device-exclusive entry.',
    {
      seeds: no(SINCE('v5.14', 'device-exclusive access')),
    },
  ),
  fn(
    'remove_device_exclusive_entry',
    'The CPU touched a device-exclusive entry: the device loses its claim and the normal mapping is restored.',
    {
      seeds: no(SINCE('v5.14', 'device-exclusive access')),
    },
  ),
  fn(
    'restore_exclusive_pte',
    'Puts the original present entry back in place of a device-exclusive one.',
    { seeds: no(SINCE('v5.14', 'device-exclusive access')) },
  ),

  // The driver's bitmap and xarray.
  fn(
    'find_first_zero_bit',
    "Finds the first free bit of a bitmap: the driver's first-fit device page allocator.",
  ),
  fn('clear_bit', 'Clears a bit of a bitmap: a device page is free again.'),
  fn('xa_store', "Stores an entry in an xarray: dmirror's device page table is one.", {
    seeds: no(SINCE('v4.20', 'the xarray')),
  }),
  fn('xa_erase', 'Removes an entry from an xarray.', { seeds: no(SINCE('v4.20', 'the xarray')) }),
  fn('xa_destroy', 'Frees a whole xarray.', { seeds: no(SINCE('v4.20', 'the xarray')) }),

  // dmirror (lib/test_hmm.c).
  ...[
    [
      'dmirror_fops_open',
      'Opening /dev/hmm_dmirrorN: creates a mirror of the calling process and starts watching its address space.',
    ],
    ['dmirror_fops_release', 'Closing the device file: stops the watch and frees the mirror.'],
    [
      'dmirror_fops_unlocked_ioctl',
      "The test driver's ioctl entry: read, write, migrate, snapshot, exclusive...",
    ],
    [
      'dmirror_read',
      'HMM_DMIRROR_READ: the device reads a range, faulting missing mirror entries in through HMM.',
    ],
    [
      'dmirror_write',
      'HMM_DMIRROR_WRITE: the device writes a range, faulting pages in writable through HMM.',
    ],
    [
      'dmirror_do_read',
      'Reads the data of each mirrored page into the buffer; stops at the first missing entry.',
    ],
    [
      'dmirror_do_write',
      'Writes the buffer into each mirrored page; stops at the first entry that is missing or read-only.',
    ],
    [
      'dmirror_fault',
      'Faults a range into the mirror: hmm_range_fault, then dmirror_do_fault under the driver lock.',
    ],
    ['dmirror_do_fault', 'Copies the pfns hmm_range_fault returned into the device page table.'],
    [
      'dmirror_interval_invalidate',
      "The mirror's invalidate callback: drops device entries for a range the CPU page table is changing.",
    ],
    [
      'dmirror_migrate_to_device',
      'HMM_DMIRROR_MIGRATE_TO_DEV: migrates a range to device memory (migrate_vma_setup, copy, pages, finalize).',
    ],
    [
      'dmirror_migrate_to_system',
      'HMM_DMIRROR_MIGRATE_TO_SYS: migrates a range of device pages back to system RAM.',
    ],
    [
      'dmirror_migrate_alloc_and_copy',
      'For each page that may migrate: allocates a device page and copies the data into it.',
    ],
    [
      'dmirror_migrate_finalize_and_map',
      'After migration: maps the new device pages in the device page table.',
    ],
    [
      'dmirror_devmem_alloc_page',
      "Allocates one page of the device's memory (from its free list, adding a chunk when empty).",
    ],
    [
      'dmirror_devmem_free',
      "page_free callback: a device page became free, so it goes back on the driver's free list.",
    ],
    [
      'dmirror_devmem_fault',
      'migrate_to_ram callback: the CPU touched a device-private page, so migrate it back to system RAM.',
    ],
    [
      'dmirror_devmem_fault_alloc_and_copy',
      'Allocates a system RAM page for a faulting device page and copies the data back.',
    ],
    [
      'dmirror_snapshot',
      'HMM_DMIRROR_SNAPSHOT: reports what the CPU page table holds for a range, without faulting anything in.',
    ],
    [
      'dmirror_mkentry',
      'Turns one HMM pfn into the byte the snapshot reports (valid, write, device-private, ...).',
    ],
    [
      'dmirror_exclusive',
      'HMM_DMIRROR_EXCLUSIVE: takes exclusive (atomic) access to a range with make_device_exclusive.',
    ],
    [
      'dmirror_atomic_map',
      'Maps pages the device holds exclusively into its page table, marked for atomics.',
    ],
    [
      'dmirror_check_atomic',
      'HMM_DMIRROR_CHECK_EXCLUSIVE: checks that the device still holds every page of a range exclusively.',
    ],
    [
      'dmirror_device_evict_chunk',
      'Migrates every page of one chunk of device memory back to system RAM (migrate_device_range).',
    ],
    [
      'dmirror_device_remove_chunks',
      'HMM_DMIRROR_RELEASE: evicts and frees all the device memory.',
    ],
  ].map(([key, text]) => fn(key ?? '', text ?? '', { seeds: DMIRROR_SEEDS })),
  ...[
    ['HMM_DMIRROR_READ', "The test driver's ioctl: device read of a range."],
    ['HMM_DMIRROR_WRITE', "The test driver's ioctl: device write of a range."],
    ['HMM_DMIRROR_MIGRATE_TO_DEV', "The test driver's ioctl: migrate a range to device memory."],
    ['HMM_DMIRROR_MIGRATE_TO_SYS', "The test driver's ioctl: migrate a range back to system RAM."],
    [
      'HMM_DMIRROR_SNAPSHOT',
      "The test driver's ioctl: report the CPU page table's state without faulting.",
    ],
    ['HMM_DMIRROR_EXCLUSIVE', "The test driver's ioctl: take exclusive access for atomics."],
    [
      'HMM_DMIRROR_CHECK_EXCLUSIVE',
      "The test driver's ioctl: check the exclusive access still holds.",
    ],
    ['HMM_DMIRROR_RELEASE', "The test driver's ioctl: evict and free all device memory."],
  ].map(([key, text]) => k(key ?? '', text ?? '', { seeds: DMIRROR_SEEDS })),
  term(
    'hmm_dmirrorN',
    'file',
    "The test driver's device files (/dev/hmm_dmirror0, 1...): each open creates one mirror.",
    {
      modern: file('lib/test_hmm.c'),
      seeds: DMIRROR_SEEDS,
    },
  ),

  // hmm_dummy (the seeds' driver).
  ...[
    [
      'dummy_fops_open',
      'Opening the dummy device: registers an HMM mirror of the calling process.',
    ],
    ['dummy_fops_release', 'Closing the dummy device: unregisters the mirror.'],
    ['dummy_fops_unlocked_ioctl', "The dummy driver's ioctl entry: read, write, migrate."],
    ['dummy_read', 'Device read of a range: hmm_vma_fault, then copy through the mirror.'],
    [
      'dummy_write',
      'Device write of a range: hmm_vma_fault writable, then copy through the mirror.',
    ],
    [
      'dummy_device_fault',
      'The simulated GPU page fault: the device missed in its page table and asks HMM.',
    ],
    ['dummy_mirror_update', 'Copies the pfns HMM returned into the dummy device page table.'],
    [
      'dummy_snapshot',
      "Reports the CPU page table's state for a range (hmm_vma_get_pfns), without faulting.",
    ],
    [
      'dummy_lmem_to_rmem',
      'The seeds\' migrate-to-device path: system ("local") memory to device ("remote") memory.',
    ],
    [
      'dummy_migrate_alloc_and_copy',
      'migrate_vma callback: allocates device pages and copies the data.',
    ],
    [
      'dummy_migrate_finalize_and_map',
      'migrate_vma callback: maps the new device pages in the dummy page table.',
    ],
    ['dummy_migrate_to_system', 'Migrates device pages back to system RAM.'],
    [
      'dummy_devmem_fault',
      'page_fault callback: the CPU touched a device page, so migrate it back.',
    ],
    [
      'dummy_devmem_fault_alloc_and_copy',
      'Allocates a system RAM page for a faulting device page and copies the data back.',
    ],
    [
      'dummy_devmem_free',
      'page_free callback: a device page became free (refcount back to 1), so clear its bit.',
    ],
  ].map(([key, text]) => fn(key ?? '', text ?? '', { modern: DUMMY_MODERN, seeds: DUMMY_SEEDS })),
  ...[
    ['HMM_DUMMY_READ', "The dummy driver's ioctl: device read."],
    ['HMM_DUMMY_WRITE', "The dummy driver's ioctl: device write."],
    ['HMM_DUMMY_MIGRATE_TO', "The dummy driver's ioctl: migrate a range to device memory."],
  ].map(([key, text]) => k(key ?? '', text ?? '', { modern: DUMMY_MODERN, seeds: DUMMY_SEEDS })),
  term(
    'hmm_dummy',
    'file',
    "The seeds' test driver for HMM: a fake device with its own page table and memory, driven by ioctls.",
    {
      modern: DUMMY_MODERN,
      seeds: DUMMY_SEEDS,
    },
  ),
];

/** Kernel source files the narration names (Step.source), linked at each model's version. */
const FILES: Term[] = [
  ['mm/memory.c', "Page faults, fork's page-table copy, and unmapping."],
  ['mm/swapfile.c', 'Swap devices and swap slots.'],
  ['mm/vmscan.c', 'Reclaim: freeing memory by evicting pages.'],
  ['mm/ksm.c', 'KSM: merging identical pages.'],
  ['mm/mremap.c', 'mremap(2): moving and resizing mappings.'],
  ['mm/gup.c', 'get_user_pages and pin_user_pages.'],
  ['mm/mmap.c', 'mmap(2) and munmap(2).'],
  ['mm/mprotect.c', 'mprotect(2).'],
  ['mm/madvise.c', 'madvise(2).'],
  ['mm/memory-failure.c', 'Handling memory errors (hwpoison).'],
  ['mm/filemap.c', 'The page cache.'],
  ['mm/migrate.c', 'Page migration (and, in v4.14, migrate_vma).'],
  ['mm/mempolicy.c', 'NUMA memory policies and migrate_pages(2).'],
  ['mm/rmap.c', 'Reverse mapping: finding every PTE that maps a page.'],
  ['mm/memory_hotplug.c', 'Adding and removing memory at run time.'],
  ['mm/hmm.c', 'HMM: mirroring a CPU page table into a device.'],
  ['mm/mmu_notifier.c', 'mmu notifiers: telling drivers about page-table changes.'],
  ['kernel/fork.c', 'fork: copying a process.'],
  ['kernel/exit.c', 'Process exit.'],
  ['kernel/sched/fair.c', "The scheduler, including NUMA balancing's scan (task_numa_work)."],
  ['include/linux/migrate.h', 'The migration API, including struct migrate_vma.'],
  ['include/linux/hmm.h', 'The HMM API and its pfn flags.'],
  ['include/linux/memremap.h', 'ZONE_DEVICE: struct dev_pagemap and the memory types.'],
  [
    'include/linux/swapops.h',
    'Swap entries: migration, device-private, device-exclusive, hwpoison.',
  ],
  ['arch/x86/mm/init_64.c', 'x86-64 memory setup, including arch_add_memory.'],
]
  .map(([path, text]) =>
    term(path ?? '', 'file', text ?? '', { modern: file(path ?? ''), seeds: file(path ?? '') }),
  )
  .concat([
    term('mm/migrate_device.c', 'file', 'migrate_vma and device page migration.', {
      modern: file('mm/migrate_device.c'),
      seeds: file(
        'mm/migrate.c',
        'v4.14 keeps migrate_vma in mm/migrate.c; mm/migrate_device.c arrived in v5.19.',
      ),
    }),
    term(
      'mm/memremap.c',
      'file',
      'ZONE_DEVICE registration (memremap_pages) and freeing device pages.',
      {
        modern: file('mm/memremap.c'),
        seeds: file('kernel/memremap.c', 'v4.14 has this in kernel/memremap.c.'),
      },
    ),
    term(
      'kernel/memremap.c',
      'file',
      'ZONE_DEVICE registration and the device page refcount hook (v4.14).',
      {
        modern: file('mm/memremap.c', 'Moved to mm/memremap.c in v5.1.'),
        seeds: file('kernel/memremap.c'),
      },
    ),
    term('mm/mmu_gather.c', 'file', 'Batched unmapping and TLB flushing (mmu_gather).', {
      modern: file('mm/mmu_gather.c'),
      seeds: file(
        'mm/memory.c',
        'v4.14 has mmu_gather in mm/memory.c; mm/mmu_gather.c arrived in v4.20.',
      ),
    }),
    term('lib/test_hmm.c', 'file', "dmirror, the kernel's HMM test driver.", {
      modern: file('lib/test_hmm.c'),
      seeds: DMIRROR_SEEDS,
    }),
    term('drivers/char/hmm_dummy.c', 'file', "The seeds' hmm_dummy test driver (never merged).", {
      modern: DUMMY_MODERN,
      seeds: DUMMY_SEEDS,
    }),
  ]);

/** Every entry, in reading order. */
export const GLOSSARY: readonly Term[] = [
  ...PTE_KINDS,
  ...SWAP_TYPES,
  ...PTE_BITS,
  ...PAGE_FLAGS,
  ...PAGE_FIELDS,
  ...MEMORY,
  ...HMM_PFN,
  ...LEGENDS,
  ...FUNCTIONS,
  ...FILES,
];
