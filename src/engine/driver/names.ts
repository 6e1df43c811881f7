/**
 * The driver's function names in each kernel model: the modern test driver (lib/test_hmm.c,
 * "dmirror") and the seeds' dummy driver (drivers/char/hmm_dummy.c, on the v4.14 migrate_vma
 * API with alloc_and_copy / finalize_and_map callbacks and the hmm_devmem fault/free ops).
 */
import type { Kernel } from '../kernel';

const NAMES = {
  migrate: ['dummy_fops_unlocked_ioctl(HMM_DUMMY_MIGRATE_TO)', 'dmirror_migrate_to_device'],
  alloc: [
    'dummy_migrate_alloc_and_copy',
    'dmirror_migrate_alloc_and_copy -> dmirror_devmem_alloc_page',
  ],
  copy: [
    'dummy_migrate_alloc_and_copy -> copy_highpage',
    'dmirror_migrate_alloc_and_copy -> copy_highpage',
  ],
  finalize: ['dummy_migrate_finalize_and_map', 'dmirror_migrate_finalize_and_map'],
  fault: [
    'do_swap_page -> device_private_entry_fault -> pgmap->page_fault (dummy_devmem_fault)',
    'do_swap_page -> pgmap->ops->migrate_to_ram (dmirror_devmem_fault)',
  ],
  faultCopy: ['dummy_devmem_fault_alloc_and_copy', 'dmirror_devmem_fault_alloc_and_copy'],
  toSys: ['dummy_migrate_to_system', 'dmirror_migrate_to_system'],
  read: [
    'dummy_fops_unlocked_ioctl(HMM_DUMMY_READ) -> dummy_read',
    'dmirror_read -> dmirror_do_read',
  ],
  write: [
    'dummy_fops_unlocked_ioctl(HMM_DUMMY_WRITE) -> dummy_write',
    'dmirror_write -> dmirror_do_write',
  ],
  rangeFault: ['hmm_vma_fault', 'hmm_range_fault'],
  snapshotWalk: ['hmm_vma_get_pfns', 'hmm_range_fault'],
  snapshot: ['dummy_snapshot', 'dmirror_snapshot -> dmirror_mkentry'],
  ioctl: ['dummy_fops_unlocked_ioctl', 'dmirror_fops_unlocked_ioctl'],
  open: [
    'dummy_fops_open -> hmm_mirror_register',
    'dmirror_fops_open -> mmu_interval_notifier_insert',
  ],
  release: [
    'dummy_fops_release -> hmm_mirror_unregister',
    'dmirror_fops_release -> mmu_interval_notifier_remove',
  ],
  touch: ['dummy_device_fault (GPU page fault)', 'device fault handler (GPU page fault)'],
} as const;

export type DriverFn = keyof typeof NAMES;

export function drvName(k: Kernel, fn: DriverFn): string {
  return NAMES[fn][k.seeds ? 0 : 1];
}
