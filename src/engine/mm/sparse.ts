/**
 * A sparse map from page number to a fixed set of numeric columns, stored in 512-entry leaves
 * like the kernel's last-level page tables (one leaf covers 2 MiB of address space). Dense
 * ranges cost typed-array speed; empty address space costs nothing.
 *
 * Page numbers are non-negative integers below 2^53 (virtual pages go up to 2^35, past the
 * 32-bit range): a page's place in its leaf is `n & 511` (ToInt32 keeps the low bits), its
 * leaf's first page `n - (n & 511)`. The leaf of the last access is cached with its first
 * page, so a walk over a range finds each leaf once.
 */

export const LEAF_SHIFT = 9;
export const LEAF_SIZE = 1 << LEAF_SHIFT;
const MASK = LEAF_SIZE - 1;

export interface Leaf {
  /** Number of non-empty entries; the leaf is freed when it drops to 0. */
  used: number;
  /** Column 0 is the "kind" column: 0 means empty. */
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
}

function newLeaf(): Leaf {
  return {
    used: 0,
    kind: new Uint8Array(LEAF_SIZE),
    a: new Int32Array(LEAF_SIZE),
    b: new Int32Array(LEAF_SIZE),
  };
}

/**
 * Entries are (kind: u8, a: i32, b: i32); kind 0 is empty. What a and b mean is the owner's
 * business (a page-table entry: pfn and bits; a mirror entry: pfn and tag; a value: value).
 */
export class SparseTable {
  private leaves = new Map<number, Leaf>();
  /** The first page of the cached leaf (-1024: none cached), and the leaf (undefined: none there). */
  private base = -1024;
  private cur: Leaf | undefined = undefined;
  /** Non-empty entries over all leaves. */
  private used = 0;

  /** The leaf holding page `n` (or undefined), through the cache. */
  private find(n: number): Leaf | undefined {
    const base = n - (n & MASK);
    if (base === this.base) return this.cur;
    const l = this.leaves.get(base / LEAF_SIZE);
    this.base = base;
    this.cur = l;
    return l;
  }

  /**
   * The leaf holding page `n` (undefined where there is none), through the cache: a hot loop
   * over a range reads its entries directly, `n & 511` in the leaf (nothing may be written
   * through it, except by an owner that keeps the counts exact: PageTable.replace).
   */
  leafOf(n: number): Leaf | undefined {
    return this.find(n);
  }

  kind(n: number): number {
    const j = n - this.base;
    if (j >= 0 && j < LEAF_SIZE) return this.cur ? (this.cur.kind[j] ?? 0) : 0;
    const l = this.find(n);
    return l ? (l.kind[n & MASK] ?? 0) : 0;
  }
  a(n: number): number {
    const j = n - this.base;
    if (j >= 0 && j < LEAF_SIZE) return this.cur ? (this.cur.a[j] ?? 0) : 0;
    const l = this.find(n);
    return l ? (l.a[n & MASK] ?? 0) : 0;
  }
  b(n: number): number {
    const j = n - this.base;
    if (j >= 0 && j < LEAF_SIZE) return this.cur ? (this.cur.b[j] ?? 0) : 0;
    const l = this.find(n);
    return l ? (l.b[n & MASK] ?? 0) : 0;
  }

  set(n: number, kind: number, a: number, b: number): void {
    let l = this.find(n);
    if (!l) {
      if (kind === 0) return;
      l = newLeaf();
      this.leaves.set(this.base / LEAF_SIZE, l);
      this.cur = l;
    }
    const i = n & MASK;
    const was = l.kind[i] ?? 0;
    if (was === 0 && kind !== 0) {
      l.used++;
      this.used++;
    } else if (was !== 0 && kind === 0) {
      l.used--;
      this.used--;
    }
    l.kind[i] = kind;
    l.a[i] = kind === 0 ? 0 : a;
    l.b[i] = kind === 0 ? 0 : b;
    if (l.used === 0) {
      this.leaves.delete(this.base / LEAF_SIZE);
      this.cur = undefined;
    }
  }

  clear(n: number): void {
    this.set(n, 0, 0, 0);
  }

  /** Rewrite column b of an existing entry (nothing happens where there is none). */
  setB(n: number, b: number): void {
    const l = this.find(n);
    if (l && (l.kind[n & MASK] ?? 0) !== 0) l.b[n & MASK] = b;
  }

  /** Page numbers of non-empty entries in [start, end), ascending. */
  *entries(start: number, end: number): Generator<number> {
    const keys = [...this.leaves.keys()].filter(
      (k) => (k + 1) * LEAF_SIZE > start && k * LEAF_SIZE < end,
    );
    keys.sort((x, y) => x - y);
    for (const k of keys) {
      const l = this.leaves.get(k);
      if (!l) continue;
      const base = k * LEAF_SIZE;
      const lo = Math.max(start, base) - base;
      const hi = Math.min(end, base + LEAF_SIZE) - base;
      for (let i = lo; i < hi; i++) if ((l.kind[i] ?? 0) !== 0) yield base + i;
    }
  }

  /**
   * Every non-empty entry, ascending, as parallel arrays: one pass over the leaves in order
   * (a snapshot of a 1 GiB buffer's 262,144 entries without a generator or a tuple per entry).
   */
  dump(): { n: Float64Array; kind: Uint8Array; a: Int32Array; b: Int32Array } {
    const out = {
      n: new Float64Array(this.used),
      kind: new Uint8Array(this.used),
      a: new Int32Array(this.used),
      b: new Int32Array(this.used),
    };
    const keys = [...this.leaves.keys()].sort((x, y) => x - y);
    let j = 0;
    for (const k of keys) {
      const l = this.leaves.get(k);
      if (!l) continue;
      const base = k * LEAF_SIZE;
      const kind = l.kind;
      for (let i = 0; i < LEAF_SIZE; i++) {
        const kd = kind[i] ?? 0;
        if (kd === 0) continue;
        out.n[j] = base + i;
        out.kind[j] = kd;
        out.a[j] = l.a[i] ?? 0;
        out.b[j] = l.b[i] ?? 0;
        j++;
      }
    }
    return out;
  }

  /** Number of non-empty entries. */
  get size(): number {
    return this.used;
  }

  /** Bytes the leaves hold. */
  get byteLength(): number {
    return this.leaves.size * LEAF_SIZE * 9;
  }

  /** Copy every entry of this table into `t` (an empty table). */
  protected copyInto<T extends SparseTable>(t: T): T {
    t.used = this.used;
    for (const [k, l] of this.leaves) {
      t.leaves.set(k, { used: l.used, kind: l.kind.slice(), a: l.a.slice(), b: l.b.slice() });
    }
    return t;
  }

  clone(): SparseTable {
    return this.copyInto(new SparseTable());
  }
}
