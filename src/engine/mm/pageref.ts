/**
 * Page references and the free path, the heart of the seeds' refcount debate
 * (zone-device-refcount-thread): a ZONE_DEVICE page is free when its refcount returns to the
 * idle level, and the driver must be told (page_free) so it can reuse the memory.
 *
 * - seeds (~v4.14): device pages idle at refcount 1. put_page() checks the device_private_key
 *   static branch and, for device private/public pages, calls
 *   put_zone_device_private_or_public_page(): on the 2 -> 1 transition it calls
 *   pgmap->page_free() (seed device-public-memory-v2, kernel/memremap.c).
 * - modern (v6.x): device pages idle at 0; folio_put() frees on 1 -> 0 and
 *   free_zone_device_folio() calls pgmap->ops->page_free().
 */
import type { Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { Device } from '../state';

/** Device pages of one device freed through page_free: how many, and the first bits. */
export interface DevFrees {
  count: number;
  /** The first eight bits freed, in order (the narration shows those). */
  first: number[];
}

/** What a batch of puts freed, for the step that narrates it. */
export class FreeTally {
  sys = 0;
  dev = 0;
  /** Device pages whose put reached the idle level and went through page_free, per device. */
  devFreed = new Map<number, DevFrees>();
  private lastDev = -1;
  private last: DevFrees | undefined;
  add(dev: Device, pfn: number): void {
    this.dev++;
    let l = dev.index === this.lastDev ? this.last : this.devFreed.get(dev.index);
    if (!l) this.devFreed.set(dev.index, (l = { count: 0, first: [] }));
    this.lastDev = dev.index;
    this.last = l;
    if (l.count < 8) l.first.push(pfn - dev.start);
    l.count++;
  }
  get any(): boolean {
    return this.sys + this.dev > 0;
  }
}

/** A permanent instance keeps the class's shape across garbage collections (migrate/types.ts). */
export const FREE_TALLY_SHAPE = new FreeTally();

export function getPage(k: Kernel, pfn: number, n = 1): void {
  if (pfn === k.m.zeroPfn) return;
  k.m.frames.addRef(pfn, n);
}

/**
 * put_page(): drop one reference; free the page when it reaches its idle level. Returns true
 * when the page was freed.
 */
export function putPage(k: Kernel, pfn: number, tally?: FreeTally): boolean {
  const m = k.m;
  if (pfn === m.zeroPfn) return false;
  const v = m.frames.addRef(pfn, -1);
  const dev = m.deviceOf(pfn);
  if (!dev) {
    if (v === 0) {
      freeSystemPage(k, pfn);
      if (tally) tally.sys++;
      return true;
    }
    return false;
  }
  if (dev.type === 'pmem') {
    // FS-DAX pages: no driver hook; the page simply becomes idle again.
    return false;
  }
  if (v === m.deviceIdle) {
    // seeds: the 2 -> 1 transition caught behind device_private_key; modern: 1 -> 0.
    // free_zone_device_folio clears PG_active and PG_waiters: pageFree's reset clears every flag.
    pageFree(k, dev, pfn);
    if (tally) tally.add(dev, pfn);
    return true;
  }
  return false;
}

/** Return a system page to the allocator (free_unref_page -> the per-CPU free list). */
export function freeSystemPage(k: Kernel, pfn: number): void {
  if (k.m.frames.has(pfn, PG.ksm)) k.m.ksm.delete(pfn);
  k.m.frames.reset(pfn, 0, PG.buddy);
  k.m.sys.give(pfn);
}

/** The driver's page_free callback: the device page is free, clear its bitmap bit. */
export function pageFree(k: Kernel, dev: Device, pfn: number): void {
  const bit = pfn - dev.start;
  k.m.frames.reset(pfn, k.m.deviceIdle, 0);
  dev.bitmap.clear(bit);
  dev.cfree++;
  k.m.log.bit(dev.index, bit);
}

/** alloc_page(): a zeroed system page with refcount 1, or -1 when RAM is exhausted. */
export function allocSystemPage(k: Kernel, zero: boolean): number {
  const pfn = k.m.sys.take();
  if (pfn < 0) return -1;
  const f = k.m.frames;
  f.reset(pfn, 1, 0);
  if (zero) f.setValue(pfn, 0);
  return pfn;
}

/**
 * The driver's device-memory allocator: find_first_zero_bit in the device bitmap, set it,
 * and initialise the ZONE_DEVICE page locked with one reference above idle
 * (seeds: hmm_vma_alloc_locked_page's get_page + lock_page; modern: zone_device_page_init).
 * Returns the pfn or -1 when every bit is taken.
 */
export function allocDevicePage(k: Kernel, dev: Device): number {
  const bit = dev.bitmap.findFirstZero();
  if (bit >= dev.pages) return -1;
  dev.bitmap.set(bit);
  dev.calloc++;
  k.m.log.bit(dev.index, bit);
  const pfn = dev.start + bit;
  k.m.frames.reset(pfn, k.m.deviceIdle + 1, PG.locked);
  return pfn;
}

/**
 * Make a freshly allocated page an anonymous page of `root` with page->index `index`
 * (folio_add_new_anon_rmap; the index is anonPageIndex of its VMA and address).
 */
export function newAnonRmap(k: Kernel, pfn: number, root: number, index: number): void {
  const f = k.m.frames;
  f.setMapping(pfn, MAPPING.anon, root, index);
  f.setFlag(pfn, PG.anonExclusive | PG.uptodate);
  f.addMap(pfn, 1);
}
