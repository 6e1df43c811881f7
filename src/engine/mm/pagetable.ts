import type { ChangeLog } from '../trace/changes';
import { LEAF_SIZE, SparseTable, type Leaf } from './sparse';

/**
 * One process's CPU page table: kind, pfn (or swap offset) and bits per virtual page. A
 * sparse table whose writes are recorded in the change log.
 */
export class PageTable extends SparseTable {
  constructor(
    readonly pid: number,
    private readonly log: ChangeLog,
  ) {
    super();
  }

  pfn(vpn: number): number {
    return this.a(vpn);
  }
  bits(vpn: number): number {
    return this.b(vpn);
  }
  has(vpn: number, bit: number): boolean {
    return (this.b(vpn) & bit) !== 0;
  }

  override set(vpn: number, kind: number, pfn: number, bits: number): void {
    super.set(vpn, kind, pfn, bits);
    this.log.pte(this.pid, vpn);
  }
  /**
   * Replace the non-empty entry at `vpn`, found in `leaf` (from leafOf), by another non-empty
   * one: set() without the leaf lookup and the count updates (neither count changes), for hot
   * loops that already hold the leaf.
   */
  replace(leaf: Leaf, vpn: number, kind: number, pfn: number, bits: number): void {
    const x = vpn & (LEAF_SIZE - 1);
    leaf.kind[x] = kind;
    leaf.a[x] = pfn;
    leaf.b[x] = bits;
    this.log.pte(this.pid, vpn);
  }
  setBits(vpn: number, bits: number): void {
    this.setB(vpn, bits);
    this.log.pte(this.pid, vpn);
  }
  override clear(vpn: number): void {
    this.set(vpn, 0, 0, 0);
  }

  /** Virtual pages with a non-none entry in [start, end). */
  populated(start: number, end: number): number[] {
    return [...this.entries(start, end)];
  }

  override clone(log?: ChangeLog): PageTable {
    return this.copyInto(new PageTable(this.pid, log ?? this.log));
  }
}
