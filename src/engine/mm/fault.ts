/**
 * handle_mm_fault() for a batch of pages. The kernel takes one fault per page; here the
 * pages that take the same path are handled together, one micro-step per path, so a
 * million-page access is a handful of steps (like the kernel's own batching in migrate_vma).
 * Paths: do_anonymous_page, do_wp_page, the file fault paths, do_swap_page (swap-in, device
 * private -> migrate_to_ram, device exclusive -> restore), do_numa_page.
 */
import { vaddr, type Kernel } from '../kernel';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { classifyAccess, classifyIn, isSignal, type FaultKind } from './classify';
import { findVma, type Vma } from './vma';
import { doAnonymousPage } from './fault_anon';
import { doWpPage } from './fault_wp';
import { doFileFault } from './fault_file';
import { doSwapPage, doNumaPage, restoreExclusive } from './fault_swap';
import { migrateToRam } from '../driver/migrate_to_ram';
import { err } from '../errno';

export interface FaultResult {
  /** 0, or the first error (-EFAULT for SIGSEGV, -EHWPOISON for SIGBUS, -ENOMEM for OOM). */
  ret: number;
  /** How many pages (from the start of the batch) are now accessible. */
  done: number;
}

const ORDER: FaultKind[] = [
  'device-private',
  'device-exclusive',
  'swapin',
  'numa',
  'anon-zero',
  'anon-new',
  'file-read',
  'file-cow',
  'file-shared',
  'wp',
];

/**
 * Fault in `vpns` (ascending) for a read or write access, until every page is accessible or
 * one fails. Pages after a failing page are not touched, as a user loop would stop there.
 */
export function* handleMmFault(
  k: Kernel,
  p: Proc,
  vpns: number[],
  write: boolean,
  who: string,
): Gen<FaultResult> {
  // A page that ends in a signal stops the loop there: only the pages before it are faulted.
  let limit = vpns.length;
  for (let round = 0; round < 6; round++) {
    const c = classifyAll(k, p, vpns, limit, write);
    const groups = c.groups;
    limit = c.limit;
    // vpns ascend: pages at or past the signal page are not faulted.
    const stop = vpns[limit] ?? Infinity;
    for (const [kind, g] of groups)
      if ((g[g.length - 1] ?? -Infinity) >= stop)
        groups.set(
          kind,
          g.filter((v) => v < stop),
        );
    if ([...groups.values()].every((g) => g.length === 0)) break;
    for (const kind of ORDER) {
      const g = groups.get(kind);
      if (!g || g.length === 0) continue;
      const r = yield* runPath(k, p, kind, g, write, who);
      if (r !== 0) return { ret: r, done: indexOfFirstFailure(k, p, vpns, write) };
    }
  }
  if (limit < vpns.length) {
    const bad = vpns[limit] ?? 0;
    const kind = classifyAccess(k, p, bad, write);
    yield k.step(
      'handle_mm_fault',
      kind === 'sigbus'
        ? `${who}: the page at ${vaddr(bad)} is poisoned (hwpoison entry): VM_FAULT_HWPOISON, SIGBUS`
        : `${who}: no VMA allows this ${write ? 'write' : 'read'} at ${vaddr(bad)}: VM_FAULT_SIGSEGV`,
      'error',
      { marks: MARK.error, source: 'mm/memory.c' },
    );
    return { ret: kind === 'sigbus' ? err('EHWPOISON') : err('EFAULT'), done: limit };
  }
  return { ret: 0, done: vpns.length };
}

/**
 * The fault each of the first `limit` pages takes, grouped by path (pages in order), up to
 * the first page that ends in a signal, which becomes the new limit.
 */
function classifyAll(
  k: Kernel,
  p: Proc,
  vpns: readonly number[],
  limit: number,
  write: boolean,
): { groups: Map<FaultKind, number[]>; limit: number } {
  const groups = new Map<FaultKind, number[]>();
  let lastKind: FaultKind | null = null;
  let last: number[] = [];
  let vma: Vma | undefined;
  for (let i = 0; i < limit; i++) {
    const vpn = vpns[i] ?? 0;
    if (!vma || vpn < vma.start || vpn >= vma.end) vma = findVma(p.vmas, vpn);
    const kind = classifyIn(k, p, vma, vpn, write);
    if (isSignal(kind)) return { groups, limit: i };
    if (kind === 'none-needed') continue;
    if (kind !== lastKind) {
      let g = groups.get(kind);
      if (!g) groups.set(kind, (g = []));
      lastKind = kind;
      last = g;
    }
    last.push(vpn);
  }
  return { groups, limit };
}

function indexOfFirstFailure(k: Kernel, p: Proc, vpns: number[], write: boolean): number {
  for (let i = 0; i < vpns.length; i++)
    if (classifyAccess(k, p, vpns[i] ?? 0, write) !== 'none-needed') return i;
  return vpns.length;
}

function* runPath(
  k: Kernel,
  p: Proc,
  kind: FaultKind,
  g: number[],
  write: boolean,
  who: string,
): Gen<number> {
  switch (kind) {
    case 'anon-zero':
    case 'anon-new':
      return yield* doAnonymousPage(k, p, g, kind === 'anon-new', who);
    case 'wp':
      return yield* doWpPage(k, p, g, who);
    case 'file-read':
    case 'file-cow':
    case 'file-shared':
      return yield* doFileFault(k, p, g, kind, who);
    case 'device-private':
      return yield* migrateToRam(k, p, g, who);
    case 'device-exclusive':
      return yield* restoreExclusive(k, p, g, who);
    case 'swapin':
      return yield* doSwapPage(k, p, g, write, who);
    case 'numa':
      return yield* doNumaPage(k, p, g, who);
    default:
      return 0;
  }
}
