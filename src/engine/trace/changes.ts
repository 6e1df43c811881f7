/**
 * What the current micro-step changed. State setters report every write here; when a step is
 * recorded it takes the accumulated set and starts a new one. Indices are kept as runs
 * (start, length) so a batched step over a million pages stays a few numbers.
 */

export class RunList {
  /** Flat [start0, len0, start1, len1, ...]. */
  readonly runs: number[] = [];
  private lastEnd = -1;

  add(i: number): void {
    const r = this.runs;
    if (i === this.lastEnd) {
      r[r.length - 1] = (r[r.length - 1] ?? 0) + 1;
      this.lastEnd++;
      return;
    }
    // Re-touching the last run's tail is common (several writes to one entry): skip it.
    if (r.length > 0 && i >= (r[r.length - 2] ?? 0) && i < this.lastEnd) return;
    r.push(i, 1);
    this.lastEnd = i + 1;
  }

  get size(): number {
    let n = 0;
    for (let k = 1; k < this.runs.length; k += 2) n += this.runs[k] ?? 0;
    return n;
  }

  has(i: number): boolean {
    for (let k = 0; k < this.runs.length; k += 2) {
      const s = this.runs[k] ?? 0;
      if (i >= s && i < s + (this.runs[k + 1] ?? 0)) return true;
    }
    return false;
  }

  *indices(): Generator<number> {
    for (let k = 0; k < this.runs.length; k += 2) {
      const s = this.runs[k] ?? 0;
      const n = this.runs[k + 1] ?? 0;
      for (let j = 0; j < n; j++) yield s + j;
    }
  }
}

/** Runs keyed by an owner id (process, device, mirror). */
export class KeyedRuns {
  readonly byKey = new Map<number, RunList>();
  add(key: number, i: number): void {
    let r = this.byKey.get(key);
    if (!r) this.byKey.set(key, (r = new RunList()));
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
  /** When off (benchmarks), nothing is recorded. */
  enabled = true;

  frame(pfn: number): void {
    if (this.enabled) this.cur.frames.add(pfn);
  }
  pte(pid: number, vpn: number): void {
    if (this.enabled) this.cur.ptes.add(pid, vpn);
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
