/**
 * A 64-bit FNV-1a hash (two 32-bit lanes with different offsets) over strings and numbers.
 * Deterministic across engines: the same scenario gives the same trace hash in Node and in
 * the browser's worker.
 */
export class Hasher {
  private a = 0x811c9dc5;
  private b = 0xcbf29ce4;

  str(s: string): this {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.a = Math.imul(this.a ^ c, 0x01000193);
      this.b = Math.imul(this.b ^ c, 0x01000193) ^ (this.b >>> 13);
    }
    return this.sep();
  }

  num(n: number): this {
    return this.str(Number.isInteger(n) ? n.toString(36) : n.toString());
  }

  /** Hash a typed array's contents (state digests). */
  array(xs: ArrayLike<number>): this {
    for (let i = 0; i < xs.length; i++) {
      const c = (xs[i] ?? 0) | 0;
      this.a = Math.imul(this.a ^ c, 0x01000193);
      this.b = Math.imul(this.b ^ (c >>> 7), 0x01000193) ^ (this.b >>> 13);
    }
    return this.sep();
  }

  private sep(): this {
    this.a = Math.imul(this.a ^ 0xff, 0x01000193);
    this.b = Math.imul(this.b ^ 0xff, 0x01000193);
    return this;
  }

  hex(): string {
    return (
      (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0')
    );
  }
}
