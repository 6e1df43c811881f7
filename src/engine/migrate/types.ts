/** migrate_vma's arguments and its src/dst pfn arrays (include/linux/migrate.h). */
import type { Kernel } from '../kernel';
import type { Device, Proc } from '../state';
import { findVma, type Vma } from '../mm/vma';

/** Per-page flags of src[] / dst[] (MIGRATE_PFN_*). */
export const MPFN = {
  migrate: 1 << 0,
  write: 1 << 1,
  /** seeds: MIGRATE_PFN_DEVICE, the source is a device page. */
  device: 1 << 2,
  /** The PTE the page came from was young / dirty (kept in the migration entry). */
  young: 1 << 3,
  dirty: 1 << 4,
  /** anon_exclusive at collect time: the restored mapping stays exclusive. */
  exclusive: 1 << 5,
  /** The migration entry was installed (the page was unmapped from this range). */
  unmapped: 1 << 6,
  /** try_to_migrate installed migration entries in other mappings of the page too. */
  elsewhere: 1 << 7,
} as const;

export interface Select {
  system: boolean;
  devicePrivate: boolean;
  deviceCoherent: boolean;
}

/**
 * One migrate_vma call's arguments and arrays, or a batch of single-page calls over
 * consecutive pages (a CPU fault per page, each its own migrate_vma in the kernel: see
 * `faults`), which every phase handles exactly as it would the calls one by one, in order.
 */
export class Migration {
  readonly npages: number;
  /** Source pfn per page, -1 for none (a hole or an unselected entry). */
  readonly src: Int32Array;
  readonly sflags: Uint8Array;
  readonly dst: Int32Array;
  readonly dflags: Uint8Array;
  /** Pages collected (cpages). */
  cpages = 0;
  /**
   * For a batch of single-page calls: page i's own fault page (its pfn when the CPU faulted
   * on it; migrate_vma's fault_page), and `faultPage` is unused. Null for one call.
   */
  readonly faults: Int32Array | null;

  constructor(
    /** The process and VMA of a migrate_vma; null for a device-range eviction (migrate_device_range). */
    readonly proc: Proc | null,
    readonly vma: Vma | null,
    /** First virtual page (migrate_vma) or first pfn (device range). */
    readonly start: number,
    readonly end: number,
    readonly select: Select,
    /** pgmap_owner: the device whose private pages may be selected, and whose mirror is spared. */
    readonly owner: Device | null,
    /** The device-private page whose CPU fault started this migration, or -1. */
    readonly faultPage: number,
    /** A batch of single-page calls: each page's fault page (see `faults`). */
    faults: Int32Array | null = null,
  ) {
    this.npages = end - start;
    this.faults = faults;
    this.src = new Int32Array(this.npages).fill(-1);
    this.sflags = new Uint8Array(this.npages);
    this.dst = new Int32Array(this.npages).fill(-1);
    this.dflags = new Uint8Array(this.npages);
  }

  /** A label for page i in narration: its user address, or its device frame. */
  where(i: number): string {
    const n = this.start + i;
    return this.proc ? '0x' + (n * 4096).toString(16) : `pfn ${n}`;
  }

  /** The migrate_vma calls this stands for. */
  get calls(): number {
    return this.faults ? this.npages : 1;
  }

  /** Whether `pfn`, at page i, is the page whose fault started its call (already locked). */
  isFault(i: number, pfn: number): boolean {
    return this.faults ? this.faults[i] === pfn : pfn === this.faultPage;
  }

  migrating(i: number): boolean {
    return ((this.sflags[i] ?? 0) & MPFN.migrate) !== 0;
  }
  /** Pages still marked for migration. */
  count(): number {
    let n = 0;
    for (let i = 0; i < this.npages; i++) if (this.migrating(i)) n++;
    return n;
  }
}

/**
 * WARNING: V8 forgets the shape (hidden class) of a class when a full garbage collection
 * finds no live instance of it, and throws away every function compiled against that shape:
 * each phase of the next migration then starts over in the interpreter, several times
 * slower on a large range. A migration lives for one command, so these permanent instances,
 * holding values of the kinds real ones hold (a virtual page number past 32 bits, a fault
 * array or none), keep the shape.
 */
export const MIGRATION_SHAPES: readonly Migration[] = [null, new Int32Array(1)].map(
  (faults) =>
    new Migration(
      null,
      null,
      2 ** 35,
      2 ** 35 + 1,
      { system: true, devicePrivate: false, deviceCoherent: false },
      null,
      -1,
      faults,
    ),
);

/**
 * One migrate_vma call per page of `vpns` (ascending), as the kernel makes them when each
 * page faults on its own (do_swap_page -> migrate_to_ram) or is moved on its own
 * (migrate_device_coherent_folio), batched into one Migration per run of consecutive pages
 * in the same VMA on the same device. Each call's fault page is the page's pfn when `fault`
 * says so, else none. Pages without a VMA or not in device memory are left out.
 */
export function singlePageCalls(
  k: Kernel,
  p: Proc,
  vpns: readonly number[],
  select: Select | ((dev: Device) => Select),
  fault: boolean,
): Migration[] {
  // The runs of consecutive pages in `vpns`.
  const runs: number[] = [];
  let i = 0;
  while (i < vpns.length) {
    const vpn = vpns[i] ?? 0;
    let j = i + 1;
    while (j < vpns.length && vpns[j] === vpn + (j - i)) j++;
    runs.push(vpn, j - i);
    i = j;
  }
  return singlePageCallsInRuns(k, p, runs, select, fault);
}

/** The same for pages given as runs of consecutive pages (start, length, ...; maximal, ascending). */
export function singlePageCallsInRuns(
  k: Kernel,
  p: Proc,
  runs: readonly number[],
  select: Select | ((dev: Device) => Select),
  fault: boolean,
): Migration[] {
  const migs: Migration[] = [];
  const pt = p.pt;
  const m = k.m;
  let vma: Vma | undefined;
  for (let r = 0; r < runs.length; r += 2) {
    const first = runs[r] ?? 0;
    const end = first + (runs[r + 1] ?? 0);
    let vpn = first;
    while (vpn < end) {
      if (!vma || vpn < vma.start || vpn >= vma.end) vma = findVma(p.vmas, vpn);
      const dev = m.deviceOf(pt.pfn(vpn));
      if (!vma || !dev) {
        vpn++;
        continue;
      }
      // The batch: consecutive pages of this VMA on this device.
      const stop = Math.min(end, vma.end);
      let v = vpn + 1;
      while (v < stop && m.deviceOf(pt.pfn(v)) === dev) v++;
      const faults = new Int32Array(v - vpn);
      if (fault) for (let x = 0; x < v - vpn; x++) faults[x] = pt.pfn(vpn + x);
      else faults.fill(-1);
      const sel = typeof select === 'function' ? select(dev) : select;
      migs.push(new Migration(p, vma, vpn, v, sel, dev, -1, faults));
      vpn = v;
    }
  }
  return migs;
}
