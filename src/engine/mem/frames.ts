/**
 * Every physical frame's `struct page`, stored as parallel typed arrays indexed by pfn
 * (struct-of-arrays: compact, cheap to clone and to ship to the UI as transferables).
 *
 * Writes go through the setters so that the current micro-step learns which frames it
 * changed (see trace/changes.ts); reads are direct.
 *
 * Size: 22 bytes per frame, allocated exactly (the machine reserves all its frames at boot;
 * a hotplug grows the arrays by exactly what it adds). Each field is as narrow as its range
 * allows:
 * - ref, map: Int32. KSM can merge any number of identical pages into one, so a refcount or
 *   mapcount can exceed 16 bits.
 * - pin: Int32, allocated on the first pin (most machines never pin): until then every
 *   frame's pin count is 0 and the array is empty (reads past its end give undefined, read
 *   as 0 everywhere).
 * - flags: Uint16 (11 flag bits, PG below). mem, mappingKind: Uint8 (at most 9 memories,
 *   3 kinds).
 * - mappingId: Uint16. An anon_vma root or a file id; both are created only by mmap, and
 *   every process makes at most LIMITS.buffers mmaps (a forked child inherits its parent's
 *   count) among at most LIMITS.processes processes: 64 × 256 = 16,384 ids.
 * - index: Int32, encoded (pageIndex / setMapping): a file page's offset as is (a mapping is
 *   at most LIMITS.mmapPages = 2^22 pages), an anonymous page's virtual page relative to
 *   MMAP_BASE_VPN. Every mapping lies below mmap_base, and each of a process's at most 256
 *   mmaps lowers the lowest mapped page by at most its size + 1 (mm/mmap.ts findFreeRange),
 *   so vpn - MMAP_BASE_VPN > -256 × (2^22 + 1) > -2^31.
 * - value: Int32 (the data token, any 32-bit value).
 * setMapping throws if a value is ever out of range, rather than storing it wrong.
 */
import type { ChangeLog } from '../trace/changes';

/** page->flags bits shown by the views. */
export const PG = {
  locked: 1 << 0,
  lru: 1 << 1,
  active: 1 << 2,
  dirty: 1 << 3,
  uptodate: 1 << 4,
  waiters: 1 << 5,
  /** Free in the buddy allocator (PageBuddy). */
  buddy: 1 << 6,
  /** The shared zero page (PG_reserved). */
  reserved: 1 << 7,
  hwpoison: 1 << 8,
  /** A KSM-merged page (PageKsm: anon mapping pointing at a stable node). */
  ksm: 1 << 9,
  /** Anonymous page exclusively owned by one mm (PageAnonExclusive). */
  anonExclusive: 1 << 10,
} as const;

export type PageFlagName = keyof typeof PG;

/** page->mapping kinds. */
export const MAPPING = { none: 0, anon: 1, file: 2 } as const;

/**
 * mmap_base as a virtual page number: user mappings are placed top-down from here (x86-64
 * with ASLR off). Anonymous pages store their index relative to it.
 */
export const MMAP_BASE_VPN = 0x7ffff7000000 / 4096;

const INT32_MIN = -0x80000000;

export class Frames {
  count = 0;
  ref = new Int32Array(0);
  map = new Int32Array(0);
  /** Empty until the first pin (see above). */
  pin = new Int32Array(0);
  flags = new Uint16Array(0);
  /** Which memory (pgmap index; 0 = system RAM). */
  mem = new Uint8Array(0);
  mappingKind = new Uint8Array(0);
  /** anon: the anon_vma root id; file: the file id. */
  mappingId = new Uint16Array(0);
  /** page->index, encoded: read it with pageIndex(). */
  index = new Int32Array(0);
  /** The data token: what a reader of this page sees. Follows the data through every copy. */
  value = new Int32Array(0);

  constructor(private readonly log: ChangeLog) {}

  /** Frames the arrays can hold without reallocating. */
  get capacity(): number {
    return this.ref.length;
  }

  /** Make room for `total` frames in all (boot reserves the whole machine at once). */
  reserve(total: number): void {
    if (total > this.ref.length) this.reallocate(total);
  }

  /** Append `n` frames belonging to memory `mem`, each initialised to refcount `ref`. */
  grow(n: number, mem: number, ref: number): number {
    const start = this.count;
    const need = start + n;
    if (need > this.ref.length) this.reallocate(need);
    this.mem.fill(mem, start, need);
    this.ref.fill(ref, start, need);
    this.count = need;
    return start;
  }

  private reallocate(cap: number): void {
    const grow = <T extends Int32Array | Uint16Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.ref = grow(this.ref, (n) => new Int32Array(n));
    this.map = grow(this.map, (n) => new Int32Array(n));
    if (this.pin.length > 0) this.pin = grow(this.pin, (n) => new Int32Array(n));
    this.flags = grow(this.flags, (n) => new Uint16Array(n));
    this.mem = grow(this.mem, (n) => new Uint8Array(n));
    this.mappingKind = grow(this.mappingKind, (n) => new Uint8Array(n));
    this.mappingId = grow(this.mappingId, (n) => new Uint16Array(n));
    this.index = grow(this.index, (n) => new Int32Array(n));
    this.value = grow(this.value, (n) => new Int32Array(n));
  }

  setRef(pfn: number, v: number): void {
    this.ref[pfn] = v;
    this.log.frame(pfn);
  }
  addRef(pfn: number, d: number): number {
    const v = (this.ref[pfn] ?? 0) + d;
    this.ref[pfn] = v;
    this.log.frame(pfn);
    return v;
  }
  addMap(pfn: number, d: number): number {
    const v = (this.map[pfn] ?? 0) + d;
    this.map[pfn] = v;
    this.log.frame(pfn);
    return v;
  }
  addPin(pfn: number, d: number): number {
    if (this.pin.length === 0) this.pin = new Int32Array(this.ref.length);
    const v = (this.pin[pfn] ?? 0) + d;
    this.pin[pfn] = v;
    this.log.frame(pfn);
    return v;
  }
  /** Whether the page is DMA-pinned (pin_user_pages). */
  pinned(pfn: number): boolean {
    return this.pin.length !== 0 && (this.pin[pfn] ?? 0) > 0;
  }
  has(pfn: number, flag: number): boolean {
    return ((this.flags[pfn] ?? 0) & flag) !== 0;
  }
  setFlag(pfn: number, flag: number): void {
    this.flags[pfn] = (this.flags[pfn] ?? 0) | flag;
    this.log.frame(pfn);
  }
  clearFlag(pfn: number, flag: number): void {
    this.flags[pfn] = (this.flags[pfn] ?? 0) & ~flag;
    this.log.frame(pfn);
  }
  setFlags(pfn: number, flags: number): void {
    this.flags[pfn] = flags;
    this.log.frame(pfn);
  }
  setMapping(pfn: number, kind: number, id: number, index: number): void {
    const raw = kind === MAPPING.anon ? index - MMAP_BASE_VPN : index;
    if (id !== (id & 0xffff) || !(raw >= INT32_MIN && raw <= 0x7fffffff) || raw !== Math.floor(raw))
      throw new Error(`page->mapping out of the frame table's range: id ${id}, index ${index}`);
    this.mappingKind[pfn] = kind;
    this.mappingId[pfn] = id;
    this.index[pfn] = raw;
    this.log.frame(pfn);
  }
  /** folio_migrate_mapping: `dst` takes over `src`'s mapping, id and index. */
  copyMapping(dst: number, src: number): void {
    this.mappingKind[dst] = this.mappingKind[src] ?? 0;
    this.mappingId[dst] = this.mappingId[src] ?? 0;
    this.index[dst] = this.index[src] ?? 0;
    this.log.frame(dst);
  }
  /** page->index: the virtual page (anon) or the page offset in the file (file); 0 for none. */
  pageIndex(pfn: number): number {
    const raw = this.index[pfn] ?? 0;
    return this.mappingKind[pfn] === MAPPING.anon ? raw + MMAP_BASE_VPN : raw;
  }
  setValue(pfn: number, v: number): void {
    this.value[pfn] = v | 0;
    this.log.frame(pfn);
  }

  /** Reset a frame to the state of a free page with refcount `ref`. */
  reset(pfn: number, ref: number, flags: number): void {
    this.ref[pfn] = ref;
    this.map[pfn] = 0;
    if (this.pin.length > 0) this.pin[pfn] = 0;
    this.flags[pfn] = flags;
    this.mappingKind[pfn] = 0;
    this.mappingId[pfn] = 0;
    this.index[pfn] = 0;
    this.log.frame(pfn);
  }

  /** Bytes the arrays hold (their whole capacity). */
  get byteLength(): number {
    return (
      this.ref.byteLength +
      this.map.byteLength +
      this.pin.byteLength +
      this.flags.byteLength +
      this.mem.byteLength +
      this.mappingKind.byteLength +
      this.mappingId.byteLength +
      this.index.byteLength +
      this.value.byteLength
    );
  }

  clone(log: ChangeLog): Frames {
    const f = new Frames(log);
    f.count = this.count;
    f.ref = this.ref.slice();
    f.map = this.map.slice();
    f.pin = this.pin.slice();
    f.flags = this.flags.slice();
    f.mem = this.mem.slice();
    f.mappingKind = this.mappingKind.slice();
    f.mappingId = this.mappingId.slice();
    f.index = this.index.slice();
    f.value = this.value.slice();
    return f;
  }
}
