/** The view models: what each cell of the lab shows, computed from real engine snapshots. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../engine/commands/table';
import { Engine } from '../../engine/engine';
import { takeSnapshot } from '../../engine/snapshot';
import { chartPoints, transition } from './chart';
import { cellOf, memoryModels, stateNames } from './frameCells';
import { frameLabel, mappersOf } from './lookup';
import { pageLook } from './residence';

const buf = { kind: 'buf' as const, buf: 'b', first: 0, count: null };

function lab(cmds: Command[]) {
  const c = Engine.create({
    kernel: 'modern',
    platform: 'pcie4',
    ramPages: 16,
    devices: [{ name: 'gpu0', type: 'private', pages: 4 }],
    processes: ['app'],
  });
  if (!c.ok) throw new Error(c.error);
  const recs = cmds.map((cmd) => c.engine.run(cmd));
  return { e: c.engine, recs, snap: takeSnapshot(c.engine.machine, c.engine.k.seq) };
}

const boot: Command[] = [
  {
    op: 'mmap',
    proc: 'app',
    buf: 'b',
    pages: 2,
    backing: 'anon',
    file: null,
    shared: false,
    prot: 'rw',
  },
  { op: 'cpu-write', proc: 'app', range: { ...buf, count: 1 }, value: { scale: 0, offset: 9 } },
  { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' },
  { op: 'migrate-to-dev', mirror: 'app/gpu0', range: buf },
];

describe('view models', () => {
  it('say where each virtual page lives, with a letter as well as a colour', () => {
    const { snap } = lab(boot);
    const p = snap.procs[0]!;
    const start = p.buffers[0]!.start;
    expect(pageLook(snap, p, start)).toMatchObject({
      residence: 'device-private',
      letter: 'P',
      dev: 0,
      write: true,
    });
    expect(pageLook(snap, p, start + 1)).toMatchObject({ residence: 'device-private' });
    const fresh = lab(boot.slice(0, 2)).snap;
    const q = fresh.procs[0]!;
    expect(pageLook(fresh, q, start)).toMatchObject({ residence: 'ram', letter: 'R' });
    expect(pageLook(fresh, q, start + 1)).toMatchObject({ residence: 'none', letter: '·' });
  });

  it('paint device frames from the bitmap and highlight what the step changed', () => {
    const { snap, recs } = lab(boot);
    const last = recs[3]!.steps.find((s) => s.fn.includes('alloc_page'))!;
    const models = memoryModels(snap, {
      frames: last.changes.frames.runs,
      ptes: {},
      bits: Object.fromEntries([...last.changes.bits.byKey].map(([k, r]) => [k, r.runs])),
      mirrors: {},
      vmas: [],
    });
    const gpu = models.find((m) => m.name === 'gpu0')!;
    expect(stateNames(gpu)).toEqual(['allocated', 'allocated', 'free', 'free']);
    expect([...gpu.changed].map((c) => c === 1)).toEqual([true, true, false, false]);
    expect(cellOf(gpu, 1)).toEqual({ pfn: gpu.start + 1, state: 'allocated', changed: true });
    expect(stateNames(models[0]!).every((c) => c === 'free')).toBe(true);
    const D = snap.devices[0]!.start;
    expect(frameLabel(snap, D)).toBe('gpu0:0');
    expect(mappersOf(snap, D)).toEqual([
      { proc: 'app', vpn: snap.procs[0]!.buffers[0]!.start, kind: 2 },
    ]);
  });

  it('the chart marks the free transition at the idle level', () => {
    const pts = chartPoints(
      {
        pfn: 40,
        initial: { ref: 0, map: 0, pin: 0 },
        points: [
          { seq: 1, op: 0, step: 0, fn: 'dmirror_devmem_alloc_page', ref: 1, map: 0, pin: 0 },
          { seq: 2, op: 0, step: 1, fn: 'migrate_vma_finalize', ref: 1, map: 1, pin: 0 },
          { seq: 9, op: 1, step: 3, fn: 'do_swap_page', ref: 0, map: 0, pin: 0 },
        ],
      },
      0,
    );
    expect(pts.map((p) => p.free)).toEqual([false, false, false, true]);
    expect(pts[1]!.label).toBe('0 -> 1: allocated (dmirror_devmem_alloc_page)');
    expect(pts[3]!.label).toBe('1 -> 0: free, page_free (do_swap_page)');
    expect(
      transition(
        'dup_mm -> copy_page_range -> copy_one_pte',
        { ref: 2, map: 1 },
        { ref: 3, map: 2 },
        1,
      ),
    ).toBe('2 -> 3: get_page + page_dup_rmap (fork)');
    expect(
      transition('unmap_page_range -> zap_pte_range', { ref: 2, map: 1 }, { ref: 1, map: 0 }, 1),
    ).toBe('2 -> 1: free, page_free (zap_pte_range)');
  });
});
