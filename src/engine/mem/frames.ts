/**
 * Every physical frame's `struct page`, stored as parallel typed arrays indexed by pfn
 * (struct-of-arrays: compact, cheap to clone and to ship to the UI as transferables).
 *
 * Writes go through the setters so that the current micro-step learns which frames it
 * changed (see trace/changes.ts); reads are direct.
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

export class Frames {
  count = 0;
  ref = new Int32Array(0);
  map = new Int32Array(0);
  pin = new Int32Array(0);
  flags = new Uint16Array(0);
  /** Which memory (pgmap index; 0 = system RAM). */
  mem = new Uint8Array(0);
  mappingKind = new Uint8Array(0);
  /** anon: the anon_vma root id; file: the file id. */
  mappingId = new Int32Array(0);
  /** anon: the virtual page number; file: the page offset in the file. */
  index = new Float64Array(0);
  /** The data token: what a reader of this page sees. Follows the data through every copy. */
  value = new Int32Array(0);

  constructor(private readonly log: ChangeLog) {}

  /** Append `n` frames belonging to memory `mem`, each initialised to refcount `ref`. */
  grow(n: number, mem: number, ref: number): number {
    const start = this.count;
    const need = start + n;
    if (need > this.ref.length) this.reallocate(Math.max(need, this.ref.length * 2));
    this.mem.fill(mem, start, need);
    this.ref.fill(ref, start, need);
    this.count = need;
    return start;
  }

  private reallocate(cap: number): void {
    const grow = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.ref = grow(this.ref, (n) => new Int32Array(n));
    this.map = grow(this.map, (n) => new Int32Array(n));
    this.pin = grow(this.pin, (n) => new Int32Array(n));
    this.flags = grow(this.flags, (n) => new Uint16Array(n));
    this.mem = grow(this.mem, (n) => new Uint8Array(n));
    this.mappingKind = grow(this.mappingKind, (n) => new Uint8Array(n));
    this.mappingId = grow(this.mappingId, (n) => new Int32Array(n));
    this.index = grow(this.index, (n) => new Float64Array(n));
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
    const v = (this.pin[pfn] ?? 0) + d;
    this.pin[pfn] = v;
    this.log.frame(pfn);
    return v;
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
    this.mappingKind[pfn] = kind;
    this.mappingId[pfn] = id;
    this.index[pfn] = index;
    this.log.frame(pfn);
  }
  /** page->index: the virtual page (anon) or the file offset (file). */
  pageIndex(pfn: number): number {
    return this.index[pfn] ?? 0;
  }
  setIndex(pfn: number, v: number): void {
    this.index[pfn] = v;
  }
  setValue(pfn: number, v: number): void {
    this.value[pfn] = v | 0;
    this.log.frame(pfn);
  }

  /** Reset a frame to the state of a free page with refcount `ref`. */
  reset(pfn: number, ref: number, flags: number): void {
    this.ref[pfn] = ref;
    this.map[pfn] = 0;
    this.pin[pfn] = 0;
    this.flags[pfn] = flags;
    this.mappingKind[pfn] = 0;
    this.mappingId[pfn] = 0;
    this.index[pfn] = 0;
    this.log.frame(pfn);
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
