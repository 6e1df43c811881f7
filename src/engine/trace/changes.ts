/**
 * What the current micro-step changed. State setters report every write here; when a step is
 * recorded it takes the accumulated set and starts a new one. Indices are kept as runs
 * (start, length) so a batched step over a million pages stays a few numbers, and each write
 * costs a comparison or two.
 */

export class RunList {
  /**
   * Closed runs as they were opened, flat [start0, end0, start1, end1, ...] (end exclusive);
   * sorted, disjoint and merged on the first read after a write.
   */
  private r: number[] = [];
  /** The open run [s0, e0): the one the last index went to (empty at first). */
  private s0 = 0;
  private e0 = 0;
  /** Three more recently used runs, [start, end) each, kept open so that they can grow too. */
  private s1 = 0;
  private e1 = 0;
  private s2 = 0;
  private e2 = 0;
  private s3 = 0;
  private e3 = 0;
  private flat: number[] | null = null;

  /**
   * Record index `i`. A micro-step usually walks a few streams of indices at once (source and
   * destination frames, ascending or descending): each grows one of the four open runs, and
   * the common case (the same, the next or the previous index as last time in one of the
   * first two streams) a few comparisons.
   */
  add(i: number): void {
    if (i >= this.s0 && i < this.e0) return;
    if (this.e0 > this.s0) {
      // Ascending, or descending (RAM comes back off the LIFO free list in reverse).
      if (i === this.e0) {
        this.e0 = i + 1;
        this.flat = null;
        return;
      }
      if (i === this.s0 - 1) {
        this.s0 = i;
        this.flat = null;
        return;
      }
    }
    // The second stream (source and destination frames alternate): grow it in place.
    if (i >= this.s1 && i < this.e1) return;
    if (this.e1 > this.s1) {
      if (i === this.e1) {
        this.e1 = i + 1;
        this.flat = null;
        return;
      }
      if (i === this.s1 - 1) {
        this.s1 = i;
        this.flat = null;
        return;
      }
    }
    this.addSlow(i);
  }

  private addSlow(i: number): void {
    this.flat = null;
    if (this.e0 > this.s0 && i === this.s0 - 1) {
      this.s0 = i;
      return;
    }
    // Another open run? Make it the current one.
    for (let n = 1; n <= 3; n++) {
      const s = n === 1 ? this.s1 : n === 2 ? this.s2 : this.s3;
      const e = n === 1 ? this.e1 : n === 2 ? this.e2 : this.e3;
      if (e === s) continue;
      if (i < s - 1 || i > e) continue;
      const ns = Math.min(s, i);
      const ne = Math.max(e, i + 1);
      // Rotate: slots 1..n-1 move down one, run n becomes current, the current one slot 1.
      if (n === 3) {
        this.s3 = this.s2;
        this.e3 = this.e2;
      }
      if (n >= 2) {
        this.s2 = this.s1;
        this.e2 = this.e1;
      }
      this.s1 = this.s0;
      this.e1 = this.e0;
      this.s0 = ns;
      this.e0 = ne;
      return;
    }
    // A new run: the oldest open run is closed.
    if (this.e3 > this.s3) this.r.push(this.s3, this.e3);
    this.s3 = this.s2;
    this.e3 = this.e2;
    this.s2 = this.s1;
    this.e2 = this.e1;
    this.s1 = this.s0;
    this.e1 = this.e0;
    this.s0 = i;
    this.e0 = i + 1;
  }

  /** Every run, sorted and merged: flat [start, end, ...]. */
  private merged(): number[] {
    const all = this.r.slice();
    if (this.e3 > this.s3) all.push(this.s3, this.e3);
    if (this.e2 > this.s2) all.push(this.s2, this.e2);
    if (this.e1 > this.s1) all.push(this.s1, this.e1);
    if (this.e0 > this.s0) all.push(this.s0, this.e0);
    const order: number[] = [];
    for (let k = 0; k < all.length; k += 2) order.push(k);
    order.sort((a, b) => (all[a] ?? 0) - (all[b] ?? 0));
    const out: number[] = [];
    for (const k of order) {
      const s = all[k] ?? 0;
      const e = all[k + 1] ?? 0;
      const last = out.length - 1;
      if (out.length > 0 && s <= (out[last] ?? 0)) out[last] = Math.max(out[last] ?? 0, e);
      else out.push(s, e);
    }
    return out;
  }

  /** Flat [start0, len0, start1, len1, ...]: sorted, disjoint, each index once. */
  get runs(): number[] {
    if (this.flat) return this.flat;
    const m = this.merged();
    const flat: number[] = [];
    for (let k = 0; k < m.length; k += 2) flat.push(m[k] ?? 0, (m[k + 1] ?? 0) - (m[k] ?? 0));
    this.flat = flat;
    return flat;
  }

  get size(): number {
    const f = this.runs;
    let n = 0;
    for (let k = 1; k < f.length; k += 2) n += f[k] ?? 0;
    return n;
  }

  has(i: number): boolean {
    const f = this.runs;
    let lo = 0;
    let hi = f.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = f[2 * mid] ?? 0;
      if (i < s) hi = mid - 1;
      else if (i >= s + (f[2 * mid + 1] ?? 0)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Every index once, ascending. */
  *indices(): Generator<number> {
    const f = this.runs;
    for (let k = 0; k < f.length; k += 2) {
      const s = f[k] ?? 0;
      const e = s + (f[k + 1] ?? 0);
      for (let j = s; j < e; j++) yield j;
    }
  }
}

/** Runs keyed by an owner id (process, device, mirror). */
export class KeyedRuns {
  readonly byKey = new Map<number, RunList>();
  private lastKey = -1;
  private last: RunList | undefined;
  add(key: number, i: number): void {
    // The same owner as last time (a step's writes mostly go to one): no lookup, no stores.
    const r = key === this.lastKey ? this.last : undefined;
    if (r) r.add(i);
    else this.addTo(key, i);
  }
  private addTo(key: number, i: number): void {
    let r = this.byKey.get(key);
    if (!r) this.byKey.set(key, (r = new RunList()));
    this.lastKey = key;
    this.last = r;
    r.add(i);
  }
  get empty(): boolean {
    return this.byKey.size === 0;
  }
}

/** The set of things one micro-step changed. */
export interface Changes {
  frames: RunList;
  /** pid -> virtual page numbers whose CPU page-table entry changed. */
  ptes: KeyedRuns;
  /** device id -> bitmap bits that changed. */
  bits: KeyedRuns;
  /** mirror id -> virtual page numbers whose mirror entry changed. */
  mirrors: KeyedRuns;
  /** pids whose VMA list changed. */
  vmas: Set<number>;
}

export function emptyChanges(): Changes {
  return {
    frames: new RunList(),
    ptes: new KeyedRuns(),
    bits: new KeyedRuns(),
    mirrors: new KeyedRuns(),
    vmas: new Set(),
  };
}

export class ChangeLog {
  private cur: Changes = emptyChanges();
  /** The current step's frame runs and PTE runs (the hottest two, one load away). */
  private frames: RunList = this.cur.frames;
  private ptes: KeyedRuns = this.cur.ptes;
  /** When off (replays into checkpoints, benchmarks that say so), nothing is recorded. */
  enabled = true;

  frame(pfn: number): void {
    if (this.enabled) this.frames.add(pfn);
  }
  pte(pid: number, vpn: number): void {
    if (this.enabled) this.ptes.add(pid, vpn);
  }
  bit(dev: number, bit: number): void {
    if (this.enabled) this.cur.bits.add(dev, bit);
  }
  mirror(id: number, vpn: number): void {
    if (this.enabled) this.cur.mirrors.add(id, vpn);
  }
  vma(pid: number): void {
    if (this.enabled) this.cur.vmas.add(pid);
  }
  /** Hand over what has changed since the last call. */
  take(): Changes {
    const c = this.cur;
    this.cur = emptyChanges();
    this.frames = this.cur.frames;
    this.ptes = this.cur.ptes;
    return c;
  }
}

/** Changes as plain JSON: run lists ([start, length, ...]) per kind and owner. */
export interface ChangesJson {
  frames: number[];
  ptes: Record<number, number[]>;
  bits: Record<number, number[]>;
  mirrors: Record<number, number[]>;
  vmas: number[];
}

export function changesToJson(c: Changes): ChangesJson {
  const keyed = (k: KeyedRuns): Record<number, number[]> =>
    Object.fromEntries([...k.byKey].map(([key, r]) => [key, r.runs]));
  return {
    frames: c.frames.runs,
    ptes: keyed(c.ptes),
    bits: keyed(c.bits),
    mirrors: keyed(c.mirrors),
    vmas: [...c.vmas],
  };
}
