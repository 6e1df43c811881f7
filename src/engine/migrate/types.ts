/** migrate_vma's arguments and its src/dst pfn arrays (include/linux/migrate.h). */
import type { Device, Proc } from '../state';
import type { Vma } from '../mm/vma';

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
} as const;

export interface Select {
  system: boolean;
  devicePrivate: boolean;
  deviceCoherent: boolean;
}

export class Migration {
  readonly npages: number;
  /** Source pfn per page, -1 for none (a hole or an unselected entry). */
  readonly src: Int32Array;
  readonly sflags: Uint8Array;
  readonly dst: Int32Array;
  readonly dflags: Uint8Array;
  /** Pages collected (cpages). */
  cpages = 0;

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
  ) {
    this.npages = end - start;
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
