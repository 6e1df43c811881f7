/**
 * A reference model of what every virtual page should read back, kept beside the engine in
 * property tests: "every virtual address reads back the last value written to it (through
 * migrations, forks and COW)". It knows nothing of frames, devices or page tables; it only
 * follows writes, forks, unmaps and shared mappings. Where a command fails part-way the pages
 * it may have touched become unknown and are not checked.
 */
import type { Command } from '../commands/table';
import type { OpResult } from '../ops/types';
import { resolveRange } from '../ops/resolve';
import { findVma, type Vma } from '../mm/vma';
import type { Machine, Proc } from '../state';
import { evalValue } from '../mm/access';

/** What the CPU reads at a page (see scenario/inspect.ts cpuValue). */
export type Reader = (m: Machine, p: Proc, vpn: number) => number | null;

export class Shadow {
  /** Private pages: "pid:vpn" -> value (null: unknown). */
  private priv = new Map<string, number | null>();
  /** Shared file / shmem pages: "fileId:index" -> value. */
  private file = new Map<string, number | null>();
  /** Device buffers: "mirrorId:vpn" -> value. */
  private devbuf = new Map<string, number | null>();
  /** Where each buffer was last seen: "pid:buf" -> first vpn (mremap moves its pages). */
  private starts = new Map<string, number>();

  private key(p: Proc, vma: Vma, vpn: number): { map: Map<string, number | null>; key: string } {
    if (vma.fileId >= 0) {
      const fk = `${vma.fileId}:${vma.pgoff + vpn - vma.start}`;
      if (vma.shared || !this.priv.has(`${p.pid}:${vpn}`)) return { map: this.file, key: fk };
    }
    return { map: this.priv, key: `${p.pid}:${vpn}` };
  }

  /** Where a write by `p` at `vpn` lands (a private file mapping's write is a private copy). */
  private writeKey(
    p: Proc,
    vma: Vma,
    vpn: number,
  ): { map: Map<string, number | null>; key: string } {
    if (vma.fileId >= 0 && vma.shared)
      return { map: this.file, key: `${vma.fileId}:${vma.pgoff + vpn - vma.start}` };
    return { map: this.priv, key: `${p.pid}:${vpn}` };
  }

  private expected(p: Proc, vpn: number): number | null | undefined {
    const vma = findVma(p.vmas, vpn);
    if (!vma) return undefined;
    const { map, key } = this.key(p, vma, vpn);
    // Never written: anonymous memory and new files read as zeroes.
    return map.has(key) ? map.get(key) : 0;
  }

  private pagesOf(proc: Proc, cmd: Command): number[] {
    if (!('range' in cmd)) return [];
    const r = resolveRange(proc, cmd.range);
    if (!r.ok) return [];
    const out: number[] = [];
    for (let i = 0; i < r.value.npages; i++) out.push(r.value.start + i);
    return out;
  }

  /** Record a command's effect. `before` is the machine state before it ran (for fork). */
  apply(m: Machine, cmd: Command, res: OpResult, procsBefore: number): void {
    const procOf = (name: string): Proc | undefined => m.procByName(name);
    const ok = res.ret === 0 && !res.problem;
    switch (cmd.op) {
      case 'mmap': {
        const p = procOf(cmd.proc);
        const b = p?.buffers.get(cmd.buf);
        if (!p || !b || !ok) return;
        for (let v = b.start; v < b.start + b.pages; v++) this.priv.delete(`${p.pid}:${v}`);
        this.starts.set(`${p.pid}:${cmd.buf}`, b.start);
        return;
      }
      case 'mremap': {
        const p = procOf(cmd.proc);
        const b = p?.buffers.get(cmd.buf);
        const from = p ? this.starts.get(`${p.pid}:${cmd.buf}`) : undefined;
        if (!p || !b || !ok || from === undefined || from === b.start) return;
        // The buffer's private pages now read at the new place; shared ones follow the file.
        const moved = new Map<string, number | null>();
        for (let i = 0; i < b.pages; i++) {
          const key = `${p.pid}:${from + i}`;
          if (this.priv.has(key)) moved.set(`${p.pid}:${b.start + i}`, this.priv.get(key) ?? null);
          this.priv.delete(key);
        }
        for (const [key, v] of moved) this.priv.set(key, v);
        this.starts.set(`${p.pid}:${cmd.buf}`, b.start);
        return;
      }
      case 'cpu-write':
      case 'cpu-inc': {
        const p = procOf(cmd.proc);
        if (!p) return;
        const r = resolveRange(p, cmd.range);
        if (!r.ok) return;
        for (let i = 0; i < r.value.npages; i++) {
          const vpn = r.value.start + i;
          const vma = findVma(p.vmas, vpn);
          if (!vma) continue;
          const w = this.writeKey(p, vma, vpn);
          if (!ok) {
            w.map.set(w.key, null);
            continue;
          }
          if (cmd.op === 'cpu-write') w.map.set(w.key, evalValue(cmd.value, r.value.base + i));
          else {
            const old = this.expected(p, vpn);
            w.map.set(w.key, old === null || old === undefined ? null : (old + 1) | 0);
          }
        }
        return;
      }
      case 'devbuf': {
        const mi = m.mirrorByName(cmd.mirror);
        const p = mi ? m.procs[mi.pid] : undefined;
        if (!mi || !p || !ok) return;
        const r = resolveRange(p, cmd.range);
        if (!r.ok) return;
        for (let i = 0; i < r.value.npages; i++)
          this.devbuf.set(`${mi.id}:${r.value.start + i}`, evalValue(cmd.value, r.value.base + i));
        return;
      }
      case 'dev-write': {
        const mi = m.mirrorByName(cmd.mirror);
        const p = mi ? m.procs[mi.pid] : undefined;
        if (!mi || !p || res.problem) return;
        for (const vpn of this.pagesOf(p, cmd)) {
          const vma = findVma(p.vmas, vpn);
          if (!vma) continue;
          const w = this.writeKey(p, vma, vpn);
          const dv = this.devbuf.get(`${mi.id}:${vpn}`);
          w.map.set(w.key, ok && dv !== null ? (dv ?? 0) : null);
        }
        return;
      }
      case 'fork': {
        const parent = procOf(cmd.proc);
        const child = m.procs[procsBefore];
        if (!parent || !child || !ok || child.name !== cmd.child) return;
        for (const [k, v] of [...this.priv]) {
          const [pid, vpn] = k.split(':');
          if (Number(pid) === parent.pid) this.priv.set(`${child.pid}:${vpn}`, v);
        }
        for (const [k, v] of [...this.starts]) {
          const [pid, buf] = k.split(':');
          if (Number(pid) === parent.pid) this.starts.set(`${child.pid}:${buf ?? ''}`, v);
        }
        return;
      }
      case 'munmap':
      case 'madvise': {
        const p = procOf(cmd.proc);
        if (!p) return;
        const r = resolveRange(p, cmd.range);
        if (!r.ok) return;
        for (let i = 0; i < r.value.npages; i++) {
          const vpn = r.value.start + i;
          if (cmd.op === 'madvise' && cmd.advice === 'hwpoison') {
            const vma = findVma(p.vmas, vpn);
            if (vma) {
              const w = this.writeKey(p, vma, vpn);
              w.map.set(w.key, null);
              this.priv.set(`${p.pid}:${vpn}`, null);
            }
            continue;
          }
          if (!res.problem) this.priv.delete(`${p.pid}:${vpn}`);
        }
        return;
      }
      case 'exit': {
        const p = procOf(cmd.proc);
        if (!p) return;
        for (const k of [...this.priv.keys()]) if (k.startsWith(`${p.pid}:`)) this.priv.delete(k);
        return;
      }
      default:
        return;
    }
  }

  /** Pages whose CPU-visible value differs from the model. */
  check(m: Machine, read: Reader): string[] {
    const bad: string[] = [];
    for (const p of m.procs) {
      if (!p.alive) continue;
      for (const v of p.vmas) {
        if (!v.read) continue;
        for (let vpn = v.start; vpn < v.end; vpn++) {
          const want = this.expected(p, vpn);
          if (want === null || want === undefined) continue;
          const got = read(m, p, vpn);
          if (got !== null && got !== want)
            bad.push(
              `${p.name} 0x${(vpn * 4096).toString(16)} (${v.buf}): reads ${got}, last written ${want}`,
            );
        }
      }
    }
    return bad;
  }

  /** After a successful device read: the device buffer holds what the model says the pages hold. */
  checkDevbuf(m: Machine, mirrorName: string, cmd: Command): string[] {
    const mi = m.mirrorByName(mirrorName);
    const p = mi ? m.procs[mi.pid] : undefined;
    if (!mi || !p) return [];
    const bad: string[] = [];
    for (const vpn of this.pagesOf(p, cmd)) {
      const got = mi.devbuf.kind(vpn) ? mi.devbuf.a(vpn) : 0;
      this.devbuf.set(`${mi.id}:${vpn}`, got);
      const want = this.expected(p, vpn);
      if (want === null || want === undefined) continue;
      if (got !== want)
        bad.push(
          `${mi.name} 0x${(vpn * 4096).toString(16)}: the device read ${got}, the page holds ${want}`,
        );
    }
    return bad;
  }
}
