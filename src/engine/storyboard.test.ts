/**
 * The storyboard (STORYBOARD in src/scenario/examples.ts), state by state: the flow every lecture starts with, and its variations, in
 * both kernel models. Each row checks the CPU PTE, the system frame S, the device frame D and
 * its bitmap bit, the mirror entry, and the kernel functions the narration must name.
 */
import { describe, expect, it } from 'vitest';
import type { KernelModel, MemType } from './commands/terms';
import type { Command } from './commands/table';
import { Engine, type RunRecord } from './engine';
import { checkInvariants } from './invariants';
import { PG } from './mem/frames';
import { PTE, PTEB } from './mm/pte';
import { MTAG } from './state';

const buf = { kind: 'buf' as const, buf: 'buf', first: 0, count: null };

function lab(kernel: KernelModel, type: MemType = 'private', devPages = 8) {
  const c = Engine.create({
    kernel,
    platform: 'pcie4',
    ramPages: 64,
    devices: [{ name: 'gpu0', type, pages: devPages }],
    processes: ['app'],
  });
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  const m = e.machine;
  const app = m.procByName('app')!;
  const gpu0 = m.deviceByName('gpu0')!;
  const run = (cmd: Command): RunRecord => {
    const rec = e.run(cmd, () => expect(checkInvariants(m, false)).toEqual([]));
    expect(checkInvariants(m, true)).toEqual([]);
    return rec;
  };
  const vpn = (): number => app.buffers.get('buf')!.start;
  const narration = (rec: RunRecord): string =>
    rec.steps.map((s) => `${s.fn}: ${s.text}`).join('\n');
  return { e, m, app, gpu0, run, vpn, narration };
}

const mmap = (pages = 1): Command => ({
  op: 'mmap',
  proc: 'app',
  buf: 'buf',
  pages,
  backing: 'anon',
  file: null,
  shared: false,
  prot: 'rw',
});
const write42: Command = {
  op: 'cpu-write',
  proc: 'app',
  range: buf,
  value: { scale: 0, offset: 42 },
};
const open: Command = { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' };
const devRead: Command = { op: 'dev-read', mirror: 'app/gpu0', range: buf };
const migrate: Command = { op: 'migrate-to-dev', mirror: 'app/gpu0', range: buf };
const cpuRead: Command = { op: 'cpu-read', proc: 'app', range: buf };
const munmap: Command = { op: 'munmap', proc: 'app', range: buf };

describe.each(['modern', 'seeds'] as const)('the storyboard (%s kernel)', (kernel) => {
  const idle = kernel === 'seeds' ? 1 : 0;

  it('walks malloc -> CPU write -> device read -> migrate -> CPU fault -> munmap', () => {
    const { m, app, gpu0, run, vpn, narration } = lab(kernel);
    const mirror = () => m.mirrorByName('app/gpu0')!;
    const f = m.frames;

    // 0: mmap
    expect(narration(run(mmap()))).toMatch(/do_mmap/);
    expect(app.pt.kind(vpn())).toBe(PTE.none);
    expect(gpu0.bitmap.test(0)).toBe(false);

    // 1: CPU write 42
    const r1 = run(write42);
    expect(narration(r1)).toMatch(/handle_mm_fault/);
    expect(narration(r1)).toMatch(/do_anonymous_page/);
    expect(app.pt.kind(vpn())).toBe(PTE.present);
    expect(app.pt.bits(vpn()) & (PTEB.write | PTEB.dirty | PTEB.young)).toBe(
      PTEB.write | PTEB.dirty | PTEB.young,
    );
    const S = app.pt.pfn(vpn());
    expect(m.isDevicePage(S)).toBe(false);
    expect([f.ref[S], f.map[S], f.value[S]]).toEqual([1, 1, 42]);
    expect(f.has(S, PG.lru) && f.has(S, PG.dirty)).toBe(true);

    // 2: open the mirror, device READ 1
    run(open);
    const r2 = run(devRead);
    expect([r2.result.ret, r2.result.cpages, r2.result.faults]).toEqual([0, 1, 1]);
    expect(narration(r2)).toMatch(
      kernel === 'seeds' ? /hmm_vma_fault/ : /hmm_range_fault[\s\S]*mmu_interval_read_begin/,
    );
    expect(app.pt.pfn(vpn())).toBe(S);
    expect(mirror().pt.kind(vpn())).not.toBe(0);
    expect(mirror().pt.a(vpn())).toBe(S);

    // 3: MIGRATE_TO_DEV 1
    const r3 = run(migrate);
    expect(r3.result.ret).toBe(0);
    const n3 = narration(r3);
    for (const fn of kernel === 'seeds'
      ? [
          'migrate_vma_collect',
          'migration entr',
          'migrate_vma_prepare',
          'migrate_vma_check_page',
          'find_first_zero_bit',
          'migrate_vma_pages',
          'migrate_vma_finalize',
          'remove_migration_ptes',
        ]
      : [
          'migrate_vma_setup',
          'migrate_vma_collect',
          'migration entr',
          'migrate_device_unmap',
          'migrate_vma_check_page',
          'find_first_zero_bit',
          'migrate_vma_pages',
          'migrate_vma_finalize',
          'remove_migration_ptes',
          'folio_put',
        ])
      expect(n3).toContain(fn);
    expect(app.pt.kind(vpn())).toBe(PTE.devicePrivate);
    expect(app.pt.has(vpn(), PTEB.write)).toBe(true);
    const D = app.pt.pfn(vpn());
    expect(D).toBe(gpu0.start);
    expect([f.ref[D], f.map[D], f.value[D]]).toEqual([idle + 1, 1, 42]);
    expect(gpu0.bitmap.test(0)).toBe(true);
    expect(f.has(S, PG.buddy)).toBe(true);
    expect(f.ref[S]).toBe(0);
    // The device's own migration does not invalidate its own mirror (modern); the seeds'
    // driver re-maps it in finalize_and_map. Either way the mirror now points at D.
    expect(mirror().pt.a(vpn())).toBe(D);
    expect(mirror().pt.kind(vpn())).toBe(MTAG.write);

    // 4: CPU read faults the page back
    const r4 = run(cpuRead);
    const n4 = narration(r4);
    expect(n4).toMatch(/do_swap_page/);
    expect(n4).toMatch(kernel === 'seeds' ? /page_fault/ : /migrate_to_ram/);
    expect(n4).toMatch(/migrate_vma_collect[\s\S]*migrate_vma_pages[\s\S]*migrate_vma_finalize/);
    expect(n4).toMatch(kernel === 'seeds' ? /invalidate/ : /xa_erase/);
    expect(n4).toMatch(/page_free/);
    expect(app.pt.kind(vpn())).toBe(PTE.present);
    expect(app.pt.has(vpn(), PTEB.write)).toBe(true);
    const S2 = app.pt.pfn(vpn());
    expect(m.isDevicePage(S2)).toBe(false);
    expect([f.ref[S2], f.map[S2], f.value[S2]]).toEqual([1, 1, 42]);
    expect([f.ref[D], f.map[D]]).toEqual([idle, 0]);
    expect(gpu0.bitmap.test(0)).toBe(false);
    expect(mirror().pt.kind(vpn())).toBe(0);

    // 5: munmap
    const n5 = narration(run(munmap));
    expect(n5).toMatch(/zap_pte_range/);
    expect(n5).toMatch(kernel === 'seeds' ? /put_page/ : /folio_remove_rmap_pte[\s\S]*put_page/);
    expect(n5).toMatch(/mmu_notifier_invalidate_range_start/);
    expect(app.pt.kind(vpn())).toBe(PTE.none);
    expect(f.has(S2, PG.buddy)).toBe(true);
  });

  it('variation: a pinned page refuses to migrate, check_page says why, S stays', () => {
    const { app, m, run, vpn, narration } = lab(kernel);
    run(mmap());
    run(write42);
    run({
      op: 'gup',
      proc: 'app',
      range: buf,
      write: false,
      pin: false,
      longterm: false,
      fast: false,
    });
    run(open);
    const S = app.pt.pfn(vpn());
    const r = run(migrate);
    expect(narration(r)).toMatch(
      /migrate_vma_check_page[^\n]*refcount 2 - extra 1 > mapcount 0: the page is pinned, it stays/,
    );
    expect(narration(r)).toMatch(/remove_migration_ptes/);
    expect(r.result.ret).toBe(kernel === 'seeds' ? 0 : -2);
    expect(app.pt.kind(vpn())).toBe(PTE.present);
    expect(app.pt.pfn(vpn())).toBe(S);
    expect(m.frames.value[S]).toBe(42);
  });

  it('variation: munmap while on the device frees D through the refcount hook', () => {
    const { m, gpu0, run, narration } = lab(kernel);
    run(mmap());
    run(write42);
    run(open);
    run(migrate);
    const D = gpu0.start;
    const n = narration(run(munmap));
    expect(n).toMatch(
      kernel === 'seeds'
        ? /device_private_key[^\n]*2 -> 1[^\n]*page_free/
        : /1 -> 0[^\n]*page_free/,
    );
    expect(gpu0.bitmap.test(0)).toBe(false);
    expect([m.frames.ref[D], m.frames.map[D]]).toEqual([idle, 0]);
  });

  it('variation: fork after migrating shares D read-only; a write faults it back, then breaks COW', () => {
    const { m, app, gpu0, run, vpn } = lab(kernel);
    run(mmap());
    run(write42);
    run(open);
    run(migrate);
    const D = gpu0.start;
    run({ op: 'fork', proc: 'app', child: 'child' });
    const child = m.procByName('child')!;
    for (const p of [app, child]) {
      expect(p.pt.kind(vpn())).toBe(PTE.devicePrivate);
      expect(p.pt.has(vpn(), PTEB.write)).toBe(false);
    }
    expect([m.frames.ref[D], m.frames.map[D]]).toEqual([idle + 2, 2]);
    run({ op: 'cpu-write', proc: 'child', range: buf, value: { scale: 0, offset: 7 } });
    expect(child.pt.kind(vpn())).toBe(PTE.present);
    expect(child.pt.has(vpn(), PTEB.write)).toBe(true);
    expect(m.frames.value[child.pt.pfn(vpn())]).toBe(7);
    // The parent lost the device page too (the fault migrated it for both) but kept its data.
    expect(app.pt.kind(vpn())).toBe(PTE.present);
    expect(app.pt.has(vpn(), PTEB.write)).toBe(false);
    expect(m.frames.value[app.pt.pfn(vpn())]).toBe(42);
    expect(gpu0.bitmap.test(0)).toBe(false);
  });

  it('variation: a coherent device maps D with a present PTE; the CPU reads it in place', () => {
    const { app, gpu0, run, vpn, narration } = lab(kernel, 'coherent');
    run(mmap());
    run(write42);
    run(open);
    run(migrate);
    expect(app.pt.kind(vpn())).toBe(PTE.present);
    expect(app.pt.pfn(vpn())).toBe(gpu0.start);
    expect(app.pt.has(vpn(), PTEB.devmap)).toBe(kernel === 'seeds');
    const r = run(cpuRead);
    expect(narration(r)).not.toMatch(/fault/);
    expect(app.pt.pfn(vpn())).toBe(gpu0.start);
  });

  it('variation: device memory of 4 pages, migrate 6', () => {
    const { app, gpu0, run, vpn } = lab(kernel, 'private', 4);
    run(mmap(6));
    run({ op: 'cpu-write', proc: 'app', range: buf, value: { scale: 1, offset: 0 } });
    run(open);
    const r = run(migrate);
    if (kernel === 'seeds') {
      expect(r.result.ret).toBe(-12);
      expect(gpu0.bitmap.allocated).toBe(0);
      for (let i = 0; i < 6; i++) expect(app.pt.kind(vpn() + i)).toBe(PTE.present);
    } else {
      expect(r.result.ret).toBe(-2);
      expect(gpu0.bitmap.allocated).toBe(4);
      for (let i = 0; i < 4; i++) expect(app.pt.kind(vpn() + i)).toBe(PTE.devicePrivate);
      for (let i = 4; i < 6; i++) expect(app.pt.kind(vpn() + i)).toBe(PTE.present);
    }
  });
});
