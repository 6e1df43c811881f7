/**
 * The device driver's commands (lib/test_hmm.c; the seeds' hmm_dummy): the first word is a
 * mirror, or a device with one open mirror (a mirror is one open of a device by a process).
 * Entries of the command table (table.ts); their order is the lab's.
 */
import { flags, range, value } from './args';
import { ALL_MODELS, command, type AnyCommandSpec } from './spec';

export const MIRROR_COMMANDS = {
  'migrate-to-dev': command({
    subject: 'mirror',
    verbs: ['migrate', 'migrate-to-dev'],
    args: [range()],
    models: ALL_MODELS,
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
    models: ALL_MODELS,
    kernel: 'HMM_DMIRROR_MIGRATE_TO_SYS: dmirror_migrate_to_system',
    summary: "migrate the device's pages in the range back to system RAM",
    ui: { row: 'device', actions: [{ testId: '{device}-migrate-back', label: 'migrate → RAM' }] },
  }),
  'dev-read': command({
    subject: 'mirror',
    verbs: ['read'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'HMM_DMIRROR_READ: dmirror_read -> hmm_range_fault',
    summary: 'the device reads the pages through its mirror, faulting them in with hmm_range_fault',
    ui: { row: 'device', actions: [{ testId: '{device}-read', label: 'read' }] },
  }),
  'dev-write': command({
    subject: 'mirror',
    verbs: ['write'],
    args: [range()],
    models: ALL_MODELS,
    kernel: 'HMM_DMIRROR_WRITE: dmirror_write -> hmm_range_fault',
    summary: "the device writes its buffer's values to the pages through its mirror",
    ui: { row: 'device', actions: [{ testId: '{device}-write', label: 'write' }] },
  }),
  devbuf: command({
    subject: 'mirror',
    verbs: ['fill'],
    args: [range(), value()],
    models: ALL_MODELS,
    kernel: "the test program filling the ioctl's buffer",
    summary: 'fill the device-side buffer that the next device write copies from',
    ui: { row: 'device', actions: [{ testId: '{device}-fill', label: 'fill buffer' }] },
  }),
  'dev-touch': command({
    subject: 'mirror',
    verbs: ['touch'],
    args: [range(), flags(['write'], '`write` or end of line', 'touch flag')],
    models: ALL_MODELS,
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
    models: ALL_MODELS,
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
    models: ALL_MODELS,
    kernel: 'close: dmirror_fops_release -> mmu_interval_notifier_remove',
    summary: 'close the mirror: its notifier is removed and its page table destroyed',
    ui: { row: 'device', actions: [{ testId: '{device}-close', label: 'close' }] },
  }),
} as const satisfies Record<string, AnyCommandSpec>;
