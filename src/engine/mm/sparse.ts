/**
 * A sparse map from page number to a fixed set of numeric columns, stored in 512-entry leaves
 * like the kernel's last-level page tables (one leaf covers 2 MiB of address space). Dense
 * ranges cost typed-array speed; empty address space costs nothing.
 */

export const LEAF_SHIFT = 9;
export const LEAF_SIZE = 1 << LEAF_SHIFT;

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
  private lastKey = -1;
  private lastLeaf: Leaf | undefined;

  private find(vpn: number): Leaf | undefined {
    const key = Math.floor(vpn / LEAF_SIZE);
    if (key === this.lastKey) return this.lastLeaf;
    const l = this.leaves.get(key);
    this.lastKey = key;
    this.lastLeaf = l;
    return l;
  }

  kind(vpn: number): number {
    const l = this.find(vpn);
    return l ? (l.kind[vpn - Math.floor(vpn / LEAF_SIZE) * LEAF_SIZE] ?? 0) : 0;
  }
  a(vpn: number): number {
    const l = this.find(vpn);
    return l ? (l.a[vpn - Math.floor(vpn / LEAF_SIZE) * LEAF_SIZE] ?? 0) : 0;
  }
  b(vpn: number): number {
    const l = this.find(vpn);
    return l ? (l.b[vpn - Math.floor(vpn / LEAF_SIZE) * LEAF_SIZE] ?? 0) : 0;
  }

  set(vpn: number, kind: number, a: number, b: number): void {
    const key = Math.floor(vpn / LEAF_SIZE);
    let l = this.find(vpn);
    if (!l) {
      if (kind === 0) return;
      l = newLeaf();
      this.leaves.set(key, l);
      this.lastKey = key;
      this.lastLeaf = l;
    }
    const i = vpn - key * LEAF_SIZE;
    const was = l.kind[i] ?? 0;
    if (was === 0 && kind !== 0) l.used++;
    else if (was !== 0 && kind === 0) l.used--;
    l.kind[i] = kind;
    l.a[i] = kind === 0 ? 0 : a;
    l.b[i] = kind === 0 ? 0 : b;
    if (l.used === 0) {
      this.leaves.delete(key);
      this.lastKey = -1;
      this.lastLeaf = undefined;
    }
  }

  clear(vpn: number): void {
    this.set(vpn, 0, 0, 0);
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

  /** Number of non-empty entries. */
  get size(): number {
    let n = 0;
    for (const l of this.leaves.values()) n += l.used;
    return n;
  }

  clone(): SparseTable {
    const t = new SparseTable();
    for (const [k, l] of this.leaves) {
      t.leaves.set(k, { used: l.used, kind: l.kind.slice(), a: l.a.slice(), b: l.b.slice() });
    }
    return t;
  }
}
