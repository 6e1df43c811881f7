/**
 * migrate_vma_setup()'s argument checks (the seeds' migrate_vma() has the same ones): only
 * plain memory can be migrated, never hugetlbfs, VM_SPECIAL (PFN/IO/mixed maps) or DAX
 * (persistent memory is ZONE_DEVICE that must never move: seed hotplug-device-flags).
 */
import type { Kernel } from '../kernel';
import { err } from '../errno';
import type { Vma } from '../mm/vma';
import type { Gen } from '../trace/step';
import { MARK } from '../trace/step';
import { pages, vaddr } from '../kernel';

export function setupError(vma: Vma | undefined, start: number, end: number): string | null {
  if (!vma) return 'no VMA';
  if (vma.dax >= 0) return 'vma_is_dax(): persistent memory is never migrated';
  if (end <= start) return 'empty range';
  if (start < vma.start || start >= vma.end || end <= vma.start || end > vma.end)
    return 'range outside the VMA';
  return null;
}

/** Yield the refusal as a step and return -EINVAL, or return 0 when the arguments are fine. */
export function* checkSetup(
  k: Kernel,
  vma: Vma | undefined,
  start: number,
  end: number,
): Gen<number> {
  const why = setupError(vma, start, end);
  if (!why) return 0;
  yield k.step(
    k.seeds ? 'migrate_vma' : 'migrate_vma_setup',
    `${pages(end - start)} at ${vaddr(start)}: ${why}: -EINVAL`,
    'error',
    { marks: MARK.error, source: k.seeds ? 'mm/migrate.c' : 'mm/migrate_device.c' },
  );
  return err('EINVAL');
}
