/**
 * Every command, declared once: its subject and verbs, its arguments (kinds, ranges, defaults),
 * the kernel models where it exists, the kernel path it models, and how the lab offers it (row,
 * label, tooltip). The `Command` union, the text parser and printer, the JSON schema, the
 * semantic checks, the random generators, the editor's words, the action bar, the CLI's help
 * and the command reference in src/scenario/README.md are all derived from this table.
 *
 * Adding a command: its engine function (a case in src/engine/ops), an entry here, and tests.
 * Entries are in the lab's order (the action bar lists them so, row by row).
 */
import { DEVICE_PAGES, MMAP_PAGES, RECLAIM_PAGES } from '../limits';
import {
  flags,
  int,
  mirrorAs,
  mmapOptions,
  name,
  range,
  value,
  word,
  type Arg,
  type FieldsOf,
} from './args';
import { ADVICES, KERNELS, MEM_TYPE_ALIASES, MEM_TYPES, PROTS, type KernelModel } from './terms';

/** What a command acts on: the first word of its line. */
export const SUBJECTS = ['process', 'mirror', 'machine'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** The field that holds a command's subject (a machine command has none). */
export interface SubjectFields {
  process: { proc: string };
  mirror: { mirror: string };
  machine: object;
}

/** The lab's rows of actions, in order (a device row per device). */
export const ACTION_ROWS = [
  'process',
  'pages',
  'gup',
  'vma',
  'background',
  'device',
  'machine',
] as const;
export type ActionRow = (typeof ACTION_ROWS)[number];

/** One button of the action bar. */
export interface ActionSpec<F> {
  /** `data-testid`; `{device}` stands for the device of a device row. */
  testId: string;
  /** The button's text (`{device}` as above), or its text for the arguments chosen now. */
  label: string | LabelOf<F>;
  /** The tooltip; the command's summary when absent. */
  tooltip?: string;
  /** Arguments this button always passes (e.g. MADV_DONTNEED's advice). */
  fixed?: Partial<F>;
  tone?: 'primary' | 'danger';
}

/** Method syntax makes the parameter bivariant, so every entry is also an AnyCommandSpec. */
type LabelOf<F> = { label(fields: Partial<F>): string }['label'];

export interface CommandSpec<S extends Subject, A extends readonly Arg[], F = FieldsOf<A>> {
  subject: S;
  /** The verbs the text accepts; the first is the one it is printed with. */
  verbs: readonly [string, ...string[]];
  args: A;
  /** The kernel models where it exists; in the others the engine refuses it with -EINVAL. */
  models: readonly KernelModel[];
  /**
   * The command ends its subject: `exit` (the process maps nothing more) and `close` (the
   * mirror is gone and its name free again).
   */
  ends?: true;
  /** The kernel path it models (modern names). */
  kernel: string;
  /** One line for people: the reference's description and the buttons' tooltip. */
  summary: string;
  ui: {
    row: ActionRow;
    /** The lab asks for the arguments in a form of its own (mmap). */
    form?: true;
    actions: readonly ActionSpec<F>[];
  };
}

/** Any entry of the table, for the code that interprets entries generically. */
export type AnyCommandSpec = CommandSpec<Subject, readonly Arg[], Record<string, unknown>>;

function command<const S extends Subject, const A extends readonly Arg[]>(
  spec: CommandSpec<S, A>,
): CommandSpec<S, A> {
  return spec;
}

const ALL = KERNELS;

/** A device's memory type: hotplug's argument, and the header's `device` line's. */
export const MEM_TYPE_ARG = word(
  'type',
  MEM_TYPES,
  'a memory type',
  { label: 'hotplug type', initial: 'private' },
  MEM_TYPE_ALIASES,
);

export const COMMANDS = {
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
    models: ALL,
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
    models: ALL,
    kernel: 'munmap(2): do_vmi_munmap -> unmap_region',
    summary: 'unmap the pages: mirrors are invalidated, the PTEs zapped and the pages put',
    ui: { row: 'vma', actions: [{ testId: 'act-munmap', label: 'munmap' }] },
  }),
  mprotect: command({
    subject: 'process',
    verbs: ['mprotect'],
    args: [range(), word('prot', PROTS, 'a protection', { label: 'protection', initial: 'r' })],
    models: ALL,
    kernel: 'mprotect(2): do_mprotect_pkey -> mprotect_fixup',
    summary: "change the pages' protection (mirrors are invalidated first)",
    ui: { row: 'vma', actions: [{ testId: 'act-mprotect', label: 'mprotect' }] },
  }),
  madvise: command({
    subject: 'process',
    verbs: ['madvise'],
    args: [range(), word('advice', ADVICES, 'an advice', { label: 'advice', initial: 'dontneed' })],
    models: ALL,
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
    models: ALL,
    kernel: 'mremap(2) MREMAP_MAYMOVE|MREMAP_FIXED: mremap_to -> move_vma -> move_page_tables',
    summary:
      'move a whole buffer to a free address: its entries move as they are (device pages stay on the device), mirrors are invalidated over the old range',
    ui: { row: 'vma', actions: [{ testId: 'act-mremap', label: 'mremap' }] },
  }),
  fork: command({
    subject: 'process',
    verbs: ['fork'],
    args: [name('child', 'new-process', 'a name for the child process')],
    models: ALL,
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
    models: ALL,
    kernel: 'exit(2): do_exit -> exit_mmap',
    summary: 'the process exits: every mapping is torn down and its pages put',
    ui: { row: 'process', actions: [{ testId: 'act-exit', label: 'exit' }] },
  }),

  // ---- CPU accesses (each page touched once, in address order) ----
  'cpu-read': command({
    subject: 'process',
    verbs: ['read'],
    args: [range()],
    models: ALL,
    kernel: 'a load: handle_mm_fault where no PTE allows it',
    summary: 'the CPU loads from each page, faulting it in where needed',
    ui: { row: 'pages', actions: [{ testId: 'act-cpu-read', label: 'CPU read' }] },
  }),
  'cpu-write': command({
    subject: 'process',
    verbs: ['write'],
    args: [range(), value()],
    models: ALL,
    kernel: 'a store: handle_mm_fault where no PTE allows it',
    summary:
      'the CPU stores the value to each page (a zero-fill, copy-on-write or device fault where needed)',
    ui: { row: 'pages', actions: [{ testId: 'act-cpu-write', label: 'CPU write' }] },
  }),
  'cpu-inc': command({
    subject: 'process',
    verbs: ['inc'],
    args: [range()],
    models: ALL,
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
    models: ALL,
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
    models: ALL,
    kernel: 'put_page / unpin_user_page',
    summary: 'drop the references or pins gup took on each page',
    ui: { row: 'gup', actions: [{ testId: 'act-unpin', label: 'unpin' }] },
  }),

  // ---- the kernel's background paths over a process's memory ----
  ksm: command({
    subject: 'process',
    verbs: ['ksm'],
    args: [range()],
    models: ALL,
    kernel: 'ksmd: ksm_do_scan -> try_to_merge_one_page',
    summary: 'KSM scans the pages to merge identical ones (device pages are skipped)',
    ui: { row: 'background', actions: [{ testId: 'act-ksm', label: 'KSM scan' }] },
  }),
  'numa-balance': command({
    subject: 'process',
    verbs: ['numa-balance'],
    args: [range()],
    models: ALL,
    kernel: 'task_numa_work -> change_prot_numa',
    summary:
      'NUMA balancing makes the PTEs prot-none to take hinting faults (device pages are skipped)',
    ui: { row: 'background', actions: [{ testId: 'act-numa', label: 'NUMA balance' }] },
  }),
  'migrate-pages': command({
    subject: 'process',
    verbs: ['migrate-pages'],
    args: [range()],
    models: ALL,
    kernel: 'migrate_pages(2): do_migrate_pages -> migrate_pages',
    summary: 'move the pages to another node: LRU pages move, ZONE_DEVICE pages stay',
    ui: { row: 'background', actions: [{ testId: 'act-migrate-pages', label: 'migrate_pages' }] },
  }),
  reclaim: command({
    subject: 'machine',
    verbs: ['reclaim'],
    args: [
      int('pages', RECLAIM_PAGES, {
        label: 'pages to reclaim',
        initial: 8,
        why: 'reclaim a positive number of pages',
      }),
    ],
    models: ALL,
    kernel: 'shrink_folio_list (kswapd or direct reclaim)',
    summary:
      'memory pressure: reclaim up to N pages from the LRU to swap (device pages are not on it)',
    ui: { row: 'background', actions: [{ testId: 'act-reclaim', label: 'reclaim' }] },
  }),

  // ---- the device driver (lib/test_hmm.c; the seeds' hmm_dummy): a mirror is one open of
  // a device by a process ----
  open: command({
    subject: 'process',
    verbs: ['open'],
    args: [name('device', 'device', 'a device name'), mirrorAs()],
    models: ALL,
    kernel: 'open(/dev/hmm_dmirrorN): dmirror_fops_open -> mmu_interval_notifier_insert',
    summary:
      "open the device: a mirror of the process's address space, registered for invalidations",
    ui: { row: 'device', actions: [{ testId: 'open-{device}', label: 'open {device}' }] },
  }),
  'migrate-to-dev': command({
    subject: 'mirror',
    verbs: ['migrate', 'migrate-to-dev'],
    args: [range()],
    models: ALL,
    kernel:
      'HMM_DMIRROR_MIGRATE_TO_DEV: dmirror_migrate_to_device -> migrate_vma_setup, _pages, _finalize',
    summary: 'migrate the pages into device memory (pinned pages stay)',
    ui: {
      row: 'device',
      actions: [{ testId: '{device}-migrate', label: 'migrate → {device}', tone: 'primary' }],
    },
  }),
  'migrate-to-sys': command({
    subject: 'mirror',
    verbs: ['migrate-to-sys'],
    args: [range()],
    models: ALL,
    kernel: 'HMM_DMIRROR_MIGRATE_TO_SYS: dmirror_migrate_to_system',
    summary: "migrate the device's pages in the range back to system RAM",
    ui: { row: 'device', actions: [{ testId: '{device}-migrate-back', label: 'migrate → RAM' }] },
  }),
  'dev-read': command({
    subject: 'mirror',
    verbs: ['read'],
    args: [range()],
    models: ALL,
    kernel: 'HMM_DMIRROR_READ: dmirror_read -> hmm_range_fault',
    summary: 'the device reads the pages through its mirror, faulting them in with hmm_range_fault',
    ui: { row: 'device', actions: [{ testId: '{device}-read', label: 'read' }] },
  }),
  'dev-write': command({
    subject: 'mirror',
    verbs: ['write'],
    args: [range()],
    models: ALL,
    kernel: 'HMM_DMIRROR_WRITE: dmirror_write -> hmm_range_fault',
    summary: "the device writes its buffer's values to the pages through its mirror",
    ui: { row: 'device', actions: [{ testId: '{device}-write', label: 'write' }] },
  }),
  devbuf: command({
    subject: 'mirror',
    verbs: ['fill'],
    args: [range(), value()],
    models: ALL,
    kernel: "the test program filling the ioctl's buffer",
    summary: 'fill the device-side buffer that the next device write copies from',
    ui: { row: 'device', actions: [{ testId: '{device}-fill', label: 'fill buffer' }] },
  }),
  'dev-touch': command({
    subject: 'mirror',
    verbs: ['touch'],
    args: [range(), flags(['write'], '`write` or end of line', 'touch flag')],
    models: ALL,
    kernel: "the device's page fault: device memory allocated directly, no migration",
    summary: 'the device touches pages no CPU ever did: it allocates its own memory for them',
    ui: {
      row: 'device',
      actions: [{ testId: '{device}-touch', label: 'first touch', fixed: { write: true } }],
    },
  }),
  snapshot: command({
    subject: 'mirror',
    verbs: ['snapshot'],
    args: [range()],
    models: ALL,
    kernel: 'HMM_DMIRROR_SNAPSHOT: dmirror_snapshot -> hmm_range_fault (no faulting)',
    summary:
      "report how the CPU page table maps each page, in the driver's encoding, without faulting",
    ui: { row: 'device', actions: [{ testId: '{device}-snapshot', label: 'snapshot' }] },
  }),
  exclusive: command({
    subject: 'mirror',
    verbs: ['exclusive'],
    args: [range()],
    models: ['modern'],
    kernel: 'HMM_DMIRROR_EXCLUSIVE: dmirror_exclusive -> make_device_exclusive',
    summary: 'take exclusive (atomic) access: the CPU PTEs become device-exclusive entries',
    ui: { row: 'device', actions: [{ testId: '{device}-exclusive', label: 'exclusive' }] },
  }),
  'check-exclusive': command({
    subject: 'mirror',
    verbs: ['check-exclusive'],
    args: [range()],
    models: ['modern'],
    kernel: 'HMM_DMIRROR_CHECK_EXCLUSIVE: dmirror_check_atomic',
    summary: 'check that the mirror still holds atomic access to every page (-EPERM when not)',
    ui: { row: 'device', actions: [{ testId: '{device}-check', label: 'check excl.' }] },
  }),
  release: command({
    subject: 'mirror',
    verbs: ['release'],
    args: [],
    models: ['modern'],
    kernel: 'HMM_DMIRROR_RELEASE: dmirror_device_remove_chunks',
    summary: "evict the device's memory: every device page migrates back to RAM",
    ui: { row: 'device', actions: [{ testId: '{device}-release', label: 'release' }] },
  }),
  close: command({
    subject: 'mirror',
    verbs: ['close'],
    args: [],
    ends: true,
    models: ALL,
    kernel: 'close: dmirror_fops_release -> mmu_interval_notifier_remove',
    summary: 'close the mirror: its notifier is removed and its page table destroyed',
    ui: { row: 'device', actions: [{ testId: '{device}-close', label: 'close' }] },
  }),
  unplug: command({
    subject: 'machine',
    verbs: ['unplug'],
    args: [name('device', 'device', 'a device name')],
    models: ALL,
    kernel: 'memunmap_pages (device memory hot-unplug)',
    summary: "unplug the device's memory: its pages are migrated back first",
    ui: {
      row: 'device',
      actions: [{ testId: '{device}-unplug', label: 'unplug', tone: 'danger' }],
    },
  }),

  // ---- the machine ----
  hotplug: command({
    subject: 'machine',
    verbs: ['hotplug'],
    args: [
      name('device', 'new-device', 'a device name', 'dev'),
      MEM_TYPE_ARG,
      int('pages', DEVICE_PAGES, {
        label: 'hotplug pages',
        initial: 8,
        why: 'give the new device a size in pages',
      }),
    ],
    models: ALL,
    kernel: 'memremap_pages (ZONE_DEVICE memory hotplug)',
    summary: 'hotplug a device with N pages of ZONE_DEVICE memory (private, coherent or pmem)',
    ui: { row: 'machine', actions: [{ testId: 'act-hotplug', label: 'hotplug' }] },
  }),
} as const satisfies Record<string, AnyCommandSpec>;

type Table = typeof COMMANDS;
export type CommandOp = keyof Table;

type Pretty<T> = { [K in keyof T]: T[K] } & {};

/** The command with op `Op`: its op, its subject's field and its arguments' fields. */
export type CommandOf<Op extends CommandOp> = Pretty<
  { op: Op } & SubjectFields[Table[Op]['subject']] & FieldsOf<Table[Op]['args']>
>;

/**
 * Commands are data: every user action, scenario line and worker message is one of these.
 * Names (processes, buffers, devices, mirrors) are resolved by the engine at run time, so a
 * command means the same thing in a text file, a URL and a click.
 */
export type Command = { [Op in CommandOp]: CommandOf<Op> }[CommandOp];

/** The ops, in the table's order. */
export const COMMAND_OPS = Object.keys(COMMANDS) as CommandOp[];

/** A command's entry, typed loosely enough to interpret generically. */
export function specOf(op: CommandOp): AnyCommandSpec {
  return COMMANDS[op];
}

/** Whether `op` exists in kernel model `model`. */
export function existsIn(op: CommandOp, model: KernelModel): boolean {
  return specOf(op).models.includes(model);
}
