/**
 * System RAM's page allocator. Free pages sit on a LIFO list, as the per-CPU free lists hand
 * out the most recently freed (cache-hot) page first; at boot the lowest pfn comes out first.
 */
export class SysAlloc {
  private stack: Int32Array;
  private top = 0;

  constructor(first: number, count: number) {
    this.stack = new Int32Array(count);
    for (let i = 0; i < count; i++) this.stack[i] = first + count - 1 - i;
    this.top = count;
  }

  get free(): number {
    return this.top;
  }

  /** A free pfn, or -1 when RAM is exhausted. */
  take(): number {
    if (this.top === 0) return -1;
    this.top--;
    return this.stack[this.top] ?? -1;
  }

  give(pfn: number): void {
    if (this.top === this.stack.length) {
      const s = new Int32Array(this.stack.length * 2 + 1);
      s.set(this.stack);
      this.stack = s;
    }
    this.stack[this.top++] = pfn;
  }

  clone(): SysAlloc {
    const a = Object.create(SysAlloc.prototype) as SysAlloc;
    a.stack = this.stack.slice();
    a.top = this.top;
    return a;
  }
}
