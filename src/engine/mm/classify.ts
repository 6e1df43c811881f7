/**
 * What handle_mm_fault() would do for an access to one virtual page: the fault path the
 * kernel takes, or that no fault is needed, or the signal the access gets.
 */
import type { Kernel } from '../kernel';
import type { Proc } from '../state';
import { PG } from '../mem/frames';
import { PTE, PTEB } from './pte';
import { findVma, vmaIsAnonymous, type Vma } from './vma';

export type FaultKind =
  | 'none-needed'
  | 'sigsegv'
  | 'sigbus'
  | 'anon-zero'
  | 'anon-new'
  | 'file-read'
  | 'file-cow'
  | 'file-shared'
  | 'wp'
  | 'device-private'
  | 'device-exclusive'
  | 'swapin'
  | 'numa';

/** The fault an access (read or write) to `vpn` takes right now. */
export function classifyAccess(k: Kernel, p: Proc, vpn: number, write: boolean): FaultKind {
  return classifyIn(k, p, findVma(p.vmas, vpn), vpn, write);
}

/** The same, given the VMA that holds `vpn` (findVma's answer; a range walk finds it once). */
export function classifyIn(
  k: Kernel,
  p: Proc,
  vma: Vma | undefined,
  vpn: number,
  write: boolean,
): FaultKind {
  if (!vma || !p.alive) return 'sigsegv';
  if (write ? !vma.write : !vma.read) return 'sigsegv';
  const pt = p.pt;
  switch (pt.kind(vpn)) {
    case PTE.none:
      if (vmaIsAnonymous(vma)) return write ? 'anon-new' : 'anon-zero';
      if (!write) return 'file-read';
      return vma.shared ? 'file-shared' : 'file-cow';
    case PTE.present: {
      if (pt.has(vpn, PTEB.protnone)) return 'numa';
      if (write && !pt.has(vpn, PTEB.write)) return 'wp';
      const pfn = pt.pfn(vpn);
      if (k.m.frames.has(pfn, PG.hwpoison)) return 'sigbus';
      return 'none-needed';
    }
    case PTE.devicePrivate:
      return 'device-private';
    case PTE.deviceExclusive:
      return 'device-exclusive';
    case PTE.swap:
      return 'swapin';
    case PTE.hwpoison:
      return 'sigbus';
    default:
      // A migration entry: migration_entry_wait() would sleep until it is gone. Operations
      // never interleave here, so this cannot be observed between steps.
      return 'sigbus';
  }
}

/** Whether a fault kind ends the access with a signal. */
export function isSignal(kind: FaultKind): boolean {
  return kind === 'sigsegv' || kind === 'sigbus';
}
