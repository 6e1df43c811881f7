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
import { PG } from '../mem/frames';
import { PTE, PTEB } from './pte';
import { LEAF_SIZE, type Leaf } from './sparse';

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
  return yield* faultPages(k, p, vpns, 0, vpns.length, write, who);
}

/** The same for the `count` consecutive pages from `start` (no array of page numbers). */
export function* handleMmFaultRange(
  k: Kernel,
  p: Proc,
  start: number,
  count: number,
  write: boolean,
  who: string,
): Gen<FaultResult> {
  return yield* faultPages(k, p, null, start, count, write, who);
}

/** Page i of a batch: vpns[i], or start + i for a range (vpns null). */
function vpnAt(vpns: readonly number[] | null, start: number, i: number): number {
  return vpns ? (vpns[i] ?? 0) : start + i;
}

function* faultPages(
  k: Kernel,
  p: Proc,
  vpns: readonly number[] | null,
  start: number,
  n: number,
  write: boolean,
  who: string,
): Gen<FaultResult> {
  // A page that ends in a signal stops the loop there: only the pages before it are faulted.
  let limit = n;
  for (let round = 0; round < 6; round++) {
    const c = classifyAll(k, p, vpns, start, limit, write);
    const groups = c.groups;
    limit = c.limit;
    // vpns ascend: pages at or past the signal page are not faulted.
    if (limit < n) {
      const stop = vpnAt(vpns, start, limit);
      for (const g of groups.values()) g.cut(stop);
    }
    if ([...groups.values()].every((g) => g.n === 0)) break;
    for (const kind of ORDER) {
      const g = groups.get(kind);
      if (!g || g.n === 0) continue;
      const r = yield* runPath(k, p, kind, g, write, who);
      if (r !== 0) return { ret: r, done: indexOfFirstFailure(k, p, vpns, start, n, write) };
    }
  }
  if (limit < n) {
    const bad = vpnAt(vpns, start, limit);
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
  return { ret: 0, done: n };
}

/**
 * The pages that take one fault path, in order, as runs of consecutive pages (a whole range
 * is one run, not a list of a million page numbers).
 */
class Group {
  /** start, length, start, length, ...: maximal runs, ascending. */
  readonly runs: number[] = [];
  /** Pages in all. */
  n = 0;

  add(start: number, len: number): void {
    const r = this.runs;
    const l = r.length;
    // Consecutive with the last run: the same run (as a page list would read).
    if (l > 0 && (r[l - 2] ?? 0) + (r[l - 1] ?? 0) === start) r[l - 1] = (r[l - 1] ?? 0) + len;
    else r.push(start, len);
    this.n += len;
  }

  /** Drop the pages at or past `stop`. */
  cut(stop: number): void {
    const r = this.runs;
    while (r.length > 0) {
      const s = r[r.length - 2] ?? 0;
      const len = r[r.length - 1] ?? 0;
      if (s + len <= stop) break;
      if (s < stop) {
        r[r.length - 1] = stop - s;
        this.n -= s + len - stop;
        break;
      }
      r.length -= 2;
      this.n -= len;
    }
  }

  /** The pages as a list. */
  pages(): number[] {
    const out: number[] = [];
    const r = this.runs;
    for (let x = 0; x < r.length; x += 2) {
      const s = r[x] ?? 0;
      const len = r[x + 1] ?? 0;
      for (let i = 0; i < len; i++) out.push(s + i);
    }
    return out;
  }
}

/** A permanent instance keeps the class's shape across garbage collections (migrate/types.ts). */
export const GROUP_SHAPE = new Group();

/** Add the run [start, start + len) of `kind` to its group. */
function addRun(groups: Map<FaultKind, Group>, kind: FaultKind, start: number, len: number): void {
  let g = groups.get(kind);
  if (!g) groups.set(kind, (g = new Group()));
  g.add(start, len);
}

/**
 * The fault each of the first `limit` pages takes, grouped by path (pages in order), up to
 * the first page that ends in a signal, which becomes the new limit. A page mapped present
 * with the access allowed (the common case on every round after the first) or holding a
 * device-private entry is recognised from its page-table leaf (and frame flags) directly;
 * any other goes through classifyIn.
 */
function classifyAll(
  k: Kernel,
  p: Proc,
  vpns: readonly number[] | null,
  start: number,
  limit: number,
  write: boolean,
): { groups: Map<FaultKind, Group>; limit: number } {
  const groups = new Map<FaultKind, Group>();
  const pt = p.pt;
  const flags = k.m.frames.flags;
  // Present, not protnone, and writable when writing: no fault (unless hwpoisoned).
  const need = write ? PTEB.write : 0;
  const mask = PTEB.protnone | need;
  // The run being built: pages [runStart, runStart + runLen) of kind runKind.
  let runKind: FaultKind | null = null;
  let runStart = 0;
  let runLen = 0;
  let vma: Vma | undefined;
  let allowed = false;
  let leaf: Leaf | undefined;
  let leafBase = -LEAF_SIZE;
  let i = 0;
  for (; i < limit; i++) {
    const vpn = vpns ? (vpns[i] ?? 0) : start + i;
    if (!vma || vpn < vma.start || vpn >= vma.end) {
      vma = findVma(p.vmas, vpn);
      allowed = !!vma && p.alive && (write ? vma.write : vma.read);
    }
    // No VMA, or one that does not allow the access: SIGSEGV (classifyIn's first answers).
    if (!allowed) break;
    const j = vpn - leafBase;
    if (j < 0 || j >= LEAF_SIZE) {
      leaf = pt.leafOf(vpn);
      leafBase = vpn - (vpn & (LEAF_SIZE - 1));
    }
    let kind: FaultKind;
    const pk = leaf ? (leaf.kind[vpn - leafBase] ?? 0) : 0;
    if (leaf && pk === PTE.present) {
      const x = vpn - leafBase;
      if (((leaf.b[x] ?? 0) & mask) === need && ((flags[leaf.a[x] ?? 0] ?? 0) & PG.hwpoison) === 0)
        continue;
      kind = classifyIn(k, p, vma, vpn, write);
    } else if (pk === PTE.devicePrivate) kind = 'device-private';
    else kind = classifyIn(k, p, vma, vpn, write);
    if (isSignal(kind)) break;
    if (kind === 'none-needed') continue;
    if (kind === runKind && vpn === runStart + runLen) {
      runLen++;
      continue;
    }
    if (runKind !== null) addRun(groups, runKind, runStart, runLen);
    runKind = kind;
    runStart = vpn;
    runLen = 1;
  }
  if (runKind !== null) addRun(groups, runKind, runStart, runLen);
  return { groups, limit: i };
}

function indexOfFirstFailure(
  k: Kernel,
  p: Proc,
  vpns: readonly number[] | null,
  start: number,
  n: number,
  write: boolean,
): number {
  for (let i = 0; i < n; i++)
    if (classifyAccess(k, p, vpnAt(vpns, start, i), write) !== 'none-needed') return i;
  return n;
}

function* runPath(
  k: Kernel,
  p: Proc,
  kind: FaultKind,
  group: Group,
  write: boolean,
  who: string,
): Gen<number> {
  if (kind === 'device-private') return yield* migrateToRam(k, p, group.runs, group.n, who);
  const g = group.pages();
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
