/**
 * System RAM's page allocator. Free pages sit on a LIFO list, as the per-CPU free lists hand
 * out the most recently freed (cache-hot) page first; at boot the lowest pfn comes out first.
 *
 * The list is kept in two parts that behave exactly as one stack: frames never handed out
 * (a cursor over [next, end), lowest first, at the bottom of the stack) and frames given back
 * (a stack on top of them, allocated as it fills). A machine costs nothing here until pages
 * are freed.
 */
export class SysAlloc {
  private next: number;
  private readonly end: number;
  /** At most every frame can be given back: the stack never needs more room. */
  private readonly most: number;
  private freed = new Int32Array(0);
  private top = 0;

  constructor(first: number, count: number) {
    this.next = first;
    this.end = first + count;
    this.most = count;
  }

  get free(): number {
    return this.top + (this.end - this.next);
  }

  /** A free pfn, or -1 when RAM is exhausted. */
  take(): number {
    if (this.top > 0) return this.freed[--this.top] ?? -1;
    if (this.next < this.end) return this.next++;
    return -1;
  }

  give(pfn: number): void {
    if (this.top === this.freed.length) {
      const s = new Int32Array(Math.min(this.most, Math.max(1024, this.freed.length * 2)));
      s.set(this.freed);
      this.freed = s;
    }
    this.freed[this.top++] = pfn;
  }

  /** Bytes the free list holds. */
  get byteLength(): number {
    return this.freed.byteLength;
  }

  clone(): SysAlloc {
    const a = Object.create(SysAlloc.prototype) as SysAlloc;
    Object.assign(a, this, { freed: this.freed.slice(0, this.top) });
    return a;
  }
}
