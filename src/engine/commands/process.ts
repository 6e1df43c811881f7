/**
 * The commands a process issues (the first word of their line is a process): its mappings,
 * CPU accesses, get_user_pages, the kernel's background paths over its memory, and opening a
 * device. Entries of the command table (table.ts); their order is the lab's.
 */
import { flags, int, mirrorAs, mmapOptions, name, range, value, word } from './args';
import { MMAP_PAGES } from '../limits';
import { ALL_MODELS, command, type AnyCommandSpec } from './spec';
import { ADVICES, PROTS } from './terms';

export const PROCESS_COMMANDS = {
  // ---- a process and its address space ----
  mmap: command({
    subject: 'process',
    verbs: ['mmap'],
    args: [
      name('buf', 'new-buffer', 'a buffer name'),
      int('pages', MMAP_PAGES, {
        label: 'pages',
        initial: 4,
        why: `the size must be 1 to ${MMAP_PAGES.max} pages`,
      }),
      mmapOptions(),
    ],
    models: ALL_MODELS,
    kernel: 'mmap(2): do_mmap',
    summary:
      'map a new buffer (anonymous or file, private or shared); nothing is faulted in until it is touched',
    ui: { row: 'process', form: true, actions: [{ testId: 'act-mmap', label: 'mmap…' }] },
  }),
  // ---- mappings ----
  munmap: command({
    subject: 'process',
    verbs: ['munmap'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'munmap(2): do_vmi_munmap -> unmap_region',
    summary: 'unmap the pages: mirrors are invalidated, the PTEs zapped and the pages put',
    ui: { row: 'vma', actions: [{ testId: 'act-munmap', label: 'munmap' }] },
  }),
  mprotect: command({
    subject: 'process',
    verbs: ['mprotect'],
    args: [range(), word('prot', PROTS, 'a protection', { label: 'protection', initial: 'r' })],
    models: ALL_MODELS,
    kernel: 'mprotect(2): do_mprotect_pkey -> mprotect_fixup',
    summary: "change the pages' protection (mirrors are invalidated first)",
    ui: { row: 'vma', actions: [{ testId: 'act-mprotect', label: 'mprotect' }] },
  }),
  madvise: command({
    subject: 'process',
    verbs: ['madvise'],
    args: [range(), word('advice', ADVICES, 'an advice', { label: 'advice', initial: 'dontneed' })],
    models: ALL_MODELS,
    kernel: 'madvise(2): MADV_DONTNEED (zap_page_range), MADV_HWPOISON (memory_failure)',
    summary: 'give advice on the pages: drop them (dontneed) or poison their frames (hwpoison)',
    ui: {
      row: 'vma',
      actions: [
        {
          testId: 'act-dontneed',
          label: 'MADV_DONTNEED',
          tooltip: 'zap the PTEs: anonymous pages are put and read back as zeros',
          fixed: { advice: 'dontneed' },
        },
        {
          testId: 'act-hwpoison',
          label: 'MADV_HWPOISON',
          tooltip:
            'poison the frames behind the pages (memory_failure); the next access gets SIGBUS',
          fixed: { advice: 'hwpoison' },
        },
      ],
    },
  }),
  mremap: command({
    subject: 'process',
    verbs: ['mremap'],
    args: [name('buf', 'buffer', 'a buffer name')],
    models: ALL_MODELS,
    kernel: 'mremap(2) MREMAP_MAYMOVE|MREMAP_FIXED: mremap_to -> move_vma -> move_page_tables',
    summary:
      'move a whole buffer to a free address: its entries move as they are (device pages stay on the device), mirrors are invalidated over the old range',
    ui: { row: 'vma', actions: [{ testId: 'act-mremap', label: 'mremap' }] },
  }),
  fork: command({
    subject: 'process',
    verbs: ['fork'],
    args: [name('child', 'new-process', 'a name for the child process')],
    models: ALL_MODELS,
    kernel: 'fork(2): copy_process -> dup_mmap -> copy_page_range',
    summary:
      "fork a child: it shares the parent's pages, private ones write-protected for copy-on-write",
    ui: { row: 'process', actions: [{ testId: 'act-fork', label: 'fork' }] },
  }),
  exit: command({
    subject: 'process',
    verbs: ['exit'],
    args: [],
    ends: true,
    models: ALL_MODELS,
    kernel: 'exit(2): do_exit -> exit_mmap',
    summary: 'the process exits: every mapping is torn down and its pages put',
    ui: { row: 'process', actions: [{ testId: 'act-exit', label: 'exit' }] },
  }),
  // ---- CPU accesses (each page touched once, in address order) ----
  'cpu-read': command({
    subject: 'process',
    verbs: ['read'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'a load: handle_mm_fault where no PTE allows it',
    summary: 'the CPU loads from each page, faulting it in where needed',
    ui: { row: 'pages', actions: [{ testId: 'act-cpu-read', label: 'CPU read' }] },
  }),
  'cpu-write': command({
    subject: 'process',
    verbs: ['write'],
    args: [range(), value()],
    models: ALL_MODELS,
    kernel: 'a store: handle_mm_fault where no PTE allows it',
    summary:
      'the CPU stores the value to each page (a zero-fill, copy-on-write or device fault where needed)',
    ui: { row: 'pages', actions: [{ testId: 'act-cpu-write', label: 'CPU write' }] },
  }),
  'cpu-inc': command({
    subject: 'process',
    verbs: ['inc'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'a load and a store: handle_mm_fault where no PTE allows them',
    summary: 'the CPU adds one to each page (a read, then a write)',
    ui: { row: 'pages', actions: [{ testId: 'act-cpu-inc', label: 'CPU inc' }] },
  }),
  // ---- get_user_pages / pin_user_pages and their release ----
  gup: command({
    subject: 'process',
    verbs: ['gup'],
    args: [
      range(),
      flags(['write', 'pin', 'longterm', 'fast'], 'a gup flag', 'gup flag', {
        initial: ['write'],
      }),
    ],
    models: ALL_MODELS,
    kernel: 'get_user_pages / pin_user_pages (FOLL_WRITE, FOLL_PIN, FOLL_LONGTERM; _fast)',
    summary:
      'take a reference (or a pin) on each page, faulting it in: device-private pages come back to RAM, and a long-term pin moves device-coherent ones out too',
    ui: {
      row: 'gup',
      actions: [
        {
          testId: 'act-gup',
          label: (f) => (f.pin ? 'pin_user_pages' : 'get_user_pages'),
        },
      ],
    },
  }),
  unpin: command({
    subject: 'process',
    verbs: ['unpin'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'put_page / unpin_user_page',
    summary: 'drop the references or pins gup took on each page',
    ui: { row: 'gup', actions: [{ testId: 'act-unpin', label: 'unpin' }] },
  }),
  // ---- the kernel's background paths over a process's memory ----
  ksm: command({
    subject: 'process',
    verbs: ['ksm'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'ksmd: ksm_do_scan -> try_to_merge_one_page',
    summary: 'KSM scans the pages to merge identical ones (device pages are skipped)',
    ui: { row: 'background', actions: [{ testId: 'act-ksm', label: 'KSM scan' }] },
  }),
  'numa-balance': command({
    subject: 'process',
    verbs: ['numa-balance'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'task_numa_work -> change_prot_numa',
    summary:
      'NUMA balancing makes the PTEs prot-none to take hinting faults (device pages are skipped)',
    ui: { row: 'background', actions: [{ testId: 'act-numa', label: 'NUMA balance' }] },
  }),
  'migrate-pages': command({
    subject: 'process',
    verbs: ['migrate-pages'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'migrate_pages(2): do_migrate_pages -> migrate_pages',
    summary: 'move the pages to another node: LRU pages move, ZONE_DEVICE pages stay',
    ui: { row: 'background', actions: [{ testId: 'act-migrate-pages', label: 'migrate_pages' }] },
  }),
  // ---- the device driver (lib/test_hmm.c; the seeds' hmm_dummy): a mirror is one open of
  // a device by a process ----
  open: command({
    subject: 'process',
    verbs: ['open'],
    args: [name('device', 'device', 'a device name'), mirrorAs()],
    models: ALL_MODELS,
    kernel: 'open(/dev/hmm_dmirrorN): dmirror_fops_open -> mmu_interval_notifier_insert',
    summary:
      "open the device: a mirror of the process's address space, registered for invalidations",
    ui: { row: 'device', actions: [{ testId: 'open-{device}', label: 'open {device}' }] },
  }),
} as const satisfies Record<string, AnyCommandSpec>;
