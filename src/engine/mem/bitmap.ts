/**
 * A device's memory allocator, as the seeds' dummy driver has it: one bit per device page,
 * first fit with find_first_zero_bit. The search starts at the lowest word that may hold a
 * zero bit, so a long run of allocations stays linear while the result is exactly the
 * kernel's first fit.
 */
export class Bitmap {
  readonly words: Uint32Array;
  private hint = 0;
  private setCount = 0;

  constructor(readonly nbits: number) {
    this.words = new Uint32Array(Math.ceil(nbits / 32));
  }

  test(bit: number): boolean {
    return (((this.words[bit >>> 5] ?? 0) >>> (bit & 31)) & 1) === 1;
  }

  /** find_first_zero_bit: the lowest clear bit, or nbits when every bit is set. */
  findFirstZero(): number {
    const w = this.words;
    for (let i = this.hint; i < w.length; i++) {
      const word = w[i] ?? 0;
      if (word !== 0xffffffff) {
        this.hint = i;
        const inv = ~word >>> 0;
        const bit = i * 32 + (31 - Math.clz32(inv & -inv));
        return bit < this.nbits ? bit : this.nbits;
      }
    }
    this.hint = w.length;
    return this.nbits;
  }

  set(bit: number): void {
    const i = bit >>> 5;
    const m = 1 << (bit & 31);
    const word = this.words[i] ?? 0;
    if ((word & m) === 0) this.setCount++;
    this.words[i] = (word | m) >>> 0;
  }

  clear(bit: number): void {
    const i = bit >>> 5;
    const m = 1 << (bit & 31);
    const word = this.words[i] ?? 0;
    if ((word & m) !== 0) this.setCount--;
    this.words[i] = (word & ~m) >>> 0;
    if (i < this.hint) this.hint = i;
  }

  get allocated(): number {
    return this.setCount;
  }

  clone(): Bitmap {
    const b = new Bitmap(this.nbits);
    b.words.set(this.words);
    b.hint = this.hint;
    b.setCount = this.setCount;
    return b;
  }
}
