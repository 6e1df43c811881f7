import type { ChangeLog } from '../trace/changes';
import { SparseTable } from './sparse';

/** One process's CPU page table: kind, pfn (or swap offset) and bits per virtual page. */
export class PageTable {
  constructor(
    readonly pid: number,
    private readonly log: ChangeLog,
    private readonly t: SparseTable = new SparseTable(),
  ) {}

  kind(vpn: number): number {
    return this.t.kind(vpn);
  }
  pfn(vpn: number): number {
    return this.t.a(vpn);
  }
  bits(vpn: number): number {
    return this.t.b(vpn);
  }
  has(vpn: number, bit: number): boolean {
    return (this.t.b(vpn) & bit) !== 0;
  }

  set(vpn: number, kind: number, pfn: number, bits: number): void {
    this.t.set(vpn, kind, pfn, bits);
    this.log.pte(this.pid, vpn);
  }
  setBits(vpn: number, bits: number): void {
    this.t.set(vpn, this.t.kind(vpn), this.t.a(vpn), bits);
    this.log.pte(this.pid, vpn);
  }
  clear(vpn: number): void {
    this.t.clear(vpn);
    this.log.pte(this.pid, vpn);
  }

  /** Virtual pages with a non-none entry in [start, end). */
  populated(start: number, end: number): number[] {
    return [...this.t.entries(start, end)];
  }

  get size(): number {
    return this.t.size;
  }

  clone(log: ChangeLog): PageTable {
    return new PageTable(this.pid, log, this.t.clone());
  }
}
