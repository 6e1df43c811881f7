/**
 * mremap of a buffer (mm/mremap.c: move_vma -> move_page_tables -> move_ptes): entries move as
 * they are, pages and counts stay, mirrors are invalidated over the old range, the rmap finds
 * the pages at their new place, and a buffer that is no longer one VMA is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../commands/table';
import { Engine } from '../engine';
import { ERRNO } from '../errno';
import { checkInvariants } from '../invariants';
import type { Proc } from '../state';
import { cpuValue } from '../../scenario/inspect';
import { PTE, PTEB } from './pte';
import { mmapAnon } from '../testing/commands';

const buf = (first = 0, count: number | null = null) => ({
  kind: 'buf' as const,
  buf: 'b',
  first,
  count,
});
const MREMAP: Command = { op: 'mremap', proc: 'p', buf: 'b' };

function lab(kernel: 'modern' | 'seeds' = 'modern') {
  const c = Engine.create({
    kernel,
    platform: 'pcie4',
    ramPages: 32,
    devices: [{ name: 'gpu0', type: 'private', pages: 8 }],
    processes: ['p'],
  });
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  const run = (cmd: Command) => {
    const rec = e.run(cmd, () => expect(checkInvariants(e.machine, false)).toEqual([]));
    expect(checkInvariants(e.machine, true)).toEqual([]);
    return rec;
  };
  run(mmapAnon('p', 'b', 4));
  run({ op: 'cpu-write', proc: 'p', range: buf(), value: { scale: 1, offset: 10 } });
  run({ op: 'open', proc: 'p', device: 'gpu0', mirror: 'm' });
  return { e, run, p: e.machine.procByName('p') as Proc };
}

/** Each page's entry: kind, pfn, bits, the frame's refcount and mapcount. */
function entries(e: Engine, p: Proc, start: number) {
  const f = e.machine.frames;
  return [0, 1, 2, 3].map((i) => {
    const vpn = start + i;
    const pfn = p.pt.pfn(vpn);
    return [p.pt.kind(vpn), pfn, p.pt.bits(vpn), f.ref[pfn], f.map[pfn]];
  });
}

describe('mremap', () => {
  it('moves every entry as it is: device-private pages stay on the device, counts stay', () => {
    const { e, run, p } = lab();
    run({ op: 'migrate-to-dev', mirror: 'm', range: buf(0, 2) });
    run({ op: 'dev-read', mirror: 'm', range: buf(2, 2) });
    const mirror = e.machine.mirrorByName('m');
    const from = p.buffers.get('b')!.start;
    const before = entries(e, p, from);
    expect(before.map((x) => x[0])).toEqual([
      PTE.devicePrivate,
      PTE.devicePrivate,
      PTE.present,
      PTE.present,
    ]);
    expect([...(mirror?.pt.entries(from, from + 4) ?? [])].length).toBeGreaterThan(0);

    const rec = run(MREMAP);
    expect(rec.result.ret).toBe(0);
    const to = p.buffers.get('b')!.start;
    expect(to).not.toBe(from);
    expect(entries(e, p, to)).toEqual(before);
    for (let i = 0; i < 4; i++) expect(p.pt.kind(from + i)).toBe(PTE.none);
    expect(p.vmas.some((v) => v.start <= from && from < v.end)).toBe(false);
    // The mirrors were told about the old range; the device's pages did not move.
    expect([...(mirror?.pt.entries(from, from + 4) ?? [])]).toEqual([]);
    const fns = rec.steps.map((s) => s.fn);
    expect(fns).toEqual([
      'move_vma -> copy_vma',
      'mmu_notifier_invalidate_range_start',
      'move_page_tables -> move_ptes',
      'flush_tlb_range',
      'do_vmi_munmap',
    ]);
    expect(rec.steps[1]?.text).toMatch(/MMU_NOTIFY_UNMAP/);
    // The CPU reads every value at the new place; the device pages fault back there.
    run({ op: 'cpu-read', proc: 'p', range: buf() });
    expect([0, 1, 2, 3].map((i) => cpuValue(e.machine, p, to + i))).toEqual([10, 11, 12, 13]);
    expect(p.pt.kind(to)).toBe(PTE.present);
  });

  it('flushes no TLB when only non-present entries moved (the seeds name the syscall do_munmap)', () => {
    const { run } = lab('seeds');
    run({ op: 'migrate-to-dev', mirror: 'm', range: buf() });
    const fns = run(MREMAP).steps.map((s) => s.fn);
    expect(fns).not.toContain('flush_tlb_range');
    expect(fns[fns.length - 1]).toBe('do_munmap');
  });

  it('keeps the rmap: a forked child keeps the old place, migrate_pages moves both mappings', () => {
    const { e, run, p } = lab();
    run({ op: 'fork', proc: 'p', child: 'c' });
    const child = e.machine.procByName('c') as Proc;
    const from = p.buffers.get('b')!.start;
    const pfn = p.pt.pfn(from);
    expect(run(MREMAP).result.ret).toBe(0);
    const to = p.buffers.get('b')!.start;
    expect(child.pt.pfn(from)).toBe(pfn);
    expect(p.pt.pfn(to)).toBe(pfn);
    expect(e.machine.frames.map[pfn]).toBe(2);
    // try_to_migrate walks the anon_vma: the moved VMA is found by its vm_pgoff, so the
    // parent's entry at the new place follows the page to its new frame too.
    run({ op: 'migrate-pages', proc: 'c', range: buf() });
    const moved = child.pt.pfn(from);
    expect(moved).not.toBe(pfn);
    expect(p.pt.pfn(to)).toBe(moved);
    expect(cpuValue(e.machine, p, to)).toBe(10);
    run({ op: 'cpu-write', proc: 'c', range: buf(0, 1), value: { scale: 0, offset: 7 } });
    run({ op: 'cpu-read', proc: 'p', range: buf() });
    expect(cpuValue(e.machine, p, to)).toBe(10);
    expect(cpuValue(e.machine, child, from)).toBe(7);
  });

  it('breaks KSM pages first: a private copy each, read-only in the modern kernel', () => {
    const { e, run, p } = lab();
    run({ op: 'cpu-write', proc: 'p', range: buf(), value: { scale: 0, offset: 5 } });
    run({ op: 'ksm', proc: 'p', range: buf() });
    const from = p.buffers.get('b')!.start;
    expect(new Set([0, 1, 2, 3].map((i) => p.pt.pfn(from + i))).size).toBe(1);
    const rec = run(MREMAP);
    expect(rec.steps.map((s) => s.fn)).toContain(
      'ksm_madvise(MADV_UNMERGEABLE) -> unmerge_ksm_pages -> break_ksm',
    );
    const to = p.buffers.get('b')!.start;
    expect(new Set([0, 1, 2, 3].map((i) => p.pt.pfn(to + i))).size).toBe(4);
    expect(p.pt.has(to, PTEB.write)).toBe(false);
    expect([0, 1, 2, 3].map((i) => cpuValue(e.machine, p, to + i))).toEqual([5, 5, 5, 5]);
  });

  it('refuses a buffer that is no longer one VMA with -EFAULT, changing nothing', () => {
    const { run, p } = lab();
    run({ op: 'mprotect', proc: 'p', range: buf(2, 2), prot: 'r' });
    const from = p.buffers.get('b')!.start;
    const rec = run(MREMAP);
    expect(rec.result.ret).toBe(-ERRNO.EFAULT);
    expect(p.buffers.get('b')!.start).toBe(from);
    expect(p.pt.kind(from)).toBe(PTE.present);
    expect(run({ op: 'mremap', proc: 'p', buf: 'nope' }).result.problem).toMatch(/no buffer/);
  });
});
