/** What a pointed-at page, mirror entry or frame relates to, from real engine snapshots. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { PTE } from '../../engine/mm/pte';
import { takeSnapshot, type Snapshot } from '../../engine/snapshot';
import forkPrivate from '../../presets/fork-private.hmm?raw';
import storyboard from '../../presets/storyboard.hmm?raw';
import { parse } from '../../scenario/parse';
import { gridLayout } from '../paint/drawMemoryGrid';
import { entryAt, memName, procByName } from './lookup';
import {
  frameCell,
  isRelatedMirror,
  isRelatedPage,
  relatedIn,
  resolveRelation,
  type Pointed,
} from './relations';

function engineFor(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  const c = Engine.create(r.scenario.machine);
  if (!c.ok) throw new Error(c.error);
  return { e: c.engine, steps: r.scenario.steps };
}

/** The snapshot after the first `n` commands of `text`. */
function after(text: string, n: number): Snapshot {
  const { e, steps } = engineFor(text);
  for (const s of steps.slice(0, n)) e.run(s.command);
  return takeSnapshot(e.machine, e.k.seq);
}

/** The pid and first page of buffer `buf` of process `proc`. */
function pageOf(s: Snapshot, proc: string, buf: string, index = 0): { pid: number; vpn: number } {
  const p = procByName(s, proc);
  const b = p?.buffers.find((x) => x.name === buf);
  if (!p || !b) throw new Error(`no ${proc} ${buf}`);
  return { pid: p.pid, vpn: b.start + index };
}

const pageP = (x: { pid: number; vpn: number }): Pointed => ({ kind: 'page', ...x });

describe('relations', () => {
  it('a page in RAM relates to its frame, and the frame back to the page; a line only from the page', () => {
    const s = after(storyboard, 2); // mmap, write
    const at = pageOf(s, 'app', 'buf');
    const pte = entryAt(procByName(s, 'app')!.pte, at.vpn);
    expect(pte?.kind).toBe(PTE.present);
    const r = resolveRelation(s, pageP(at));
    expect(r).toEqual({ pfn: pte?.pfn, pages: [at], mirrors: [], lineTo: pte?.pfn });
    expect(memName(s, r.pfn!)).toBe('ram');
    const back = resolveRelation(s, { kind: 'frame', pfn: pte!.pfn });
    expect(back).toEqual({ ...r, lineTo: null });
  });

  it('a mirror entry maps the same frame: pointing at it or at the page relates both', () => {
    const s = after(storyboard, 4); // ... open gpu0, gpu0 read
    const at = pageOf(s, 'app', 'buf');
    const m = s.mirrors.find((x) => x.name.includes('gpu0'))!;
    const r = resolveRelation(s, pageP(at));
    expect(isRelatedMirror(r, m.id, at.vpn)).toBe(true);
    const fromMirror = resolveRelation(s, { kind: 'mirror', mirror: m.id, vpn: at.vpn });
    expect(fromMirror.pfn).toBe(r.pfn);
    expect(isRelatedPage(fromMirror, at.pid, at.vpn)).toBe(true);
    expect(fromMirror.lineTo).toBe(r.pfn);
  });

  it('a device-private entry leads to its frame on the device', () => {
    const s = after(storyboard, 5); // ... gpu0 migrate
    const at = pageOf(s, 'app', 'buf');
    expect(entryAt(procByName(s, 'app')!.pte, at.vpn)?.kind).toBe(PTE.devicePrivate);
    const r = resolveRelation(s, pageP(at));
    expect(r.pfn).not.toBeNull();
    expect(memName(s, r.pfn!)).toBe('gpu0');
    expect(r.lineTo).toBe(r.pfn);
    expect(r.pages).toEqual([at]);
  });

  it('a migration entry holds no frame: the page alone, no line', () => {
    const { e, steps } = engineFor(storyboard);
    for (const st of steps.slice(0, 4)) e.run(st.command);
    let mid: Snapshot | null = null;
    const app = (): number => e.machine.procs.find((p) => p.name === 'app')?.pid ?? -1;
    e.run(steps[4]!.command, () => {
      if (mid) return;
      const s = takeSnapshot(e.machine, e.k.seq);
      const at = pageOf(s, 'app', 'buf');
      if (entryAt(procByName(s, 'app')!.pte, at.vpn)?.kind === PTE.migration) mid = s;
    });
    expect(mid).not.toBeNull();
    const s = mid as unknown as Snapshot;
    const at = pageOf(s, 'app', 'buf');
    expect(at.pid).toBe(app());
    const r = resolveRelation(s, pageP(at));
    expect(r.pfn).toBeNull();
    expect(r.lineTo).toBeNull();
    expect(r.pages).toEqual([at]);
  });

  it('a swapped-out page holds no frame (its entry holds a slot)', () => {
    const text = [
      'process app',
      'app mmap buf 1',
      'app write buf 7',
      'machine reclaim 8',
      'machine reclaim 8',
    ].join('\n');
    const s = after(text, 4);
    const at = pageOf(s, 'app', 'buf');
    expect(entryAt(procByName(s, 'app')!.pte, at.vpn)?.kind).toBe(PTE.swap);
    expect(resolveRelation(s, pageP(at))).toEqual({
      pfn: null,
      pages: [at],
      mirrors: [],
      lineTo: null,
    });
  });

  it('after fork both processes map one device page: each one relates to the other', () => {
    const s = after(forkPrivate, 5); // ... parent fork child
    const parent = pageOf(s, 'parent', 'buf');
    const child = pageOf(s, 'child', 'buf');
    const a = resolveRelation(s, pageP(parent));
    const b = resolveRelation(s, pageP(child));
    expect(a.pfn).toBe(b.pfn);
    expect(memName(s, a.pfn!)).toBe('gpu0');
    for (const r of [a, b]) {
      expect(isRelatedPage(r, parent.pid, parent.vpn)).toBe(true);
      expect(isRelatedPage(r, child.pid, child.vpn)).toBe(true);
      // page 1 maps another frame
      expect(isRelatedPage(r, parent.pid, parent.vpn + 1)).toBe(false);
    }
    const frame = resolveRelation(s, { kind: 'frame', pfn: a.pfn! });
    expect(frame.pages).toHaveLength(2);
  });

  it('a free frame or one out of range relates to nothing but itself', () => {
    const s = after(storyboard, 0);
    expect(resolveRelation(s, { kind: 'frame', pfn: s.ramStart })).toEqual({
      pfn: s.ramStart,
      pages: [],
      mirrors: [],
      lineTo: null,
    });
    expect(resolveRelation(s, { kind: 'frame', pfn: -1 }).pfn).toBeNull();
  });

  it('finds the cell of a frame in an aggregated grid', () => {
    const n = 262_144;
    const l = gridLayout(n, 396);
    expect(l.per).toBeGreaterThan(1);
    const start = 1000;
    expect(frameCell(start, start, n, l.per)).toBe(0);
    expect(frameCell(start + l.per - 1, start, n, l.per)).toBe(0);
    expect(frameCell(start + l.per, start, n, l.per)).toBe(1);
    expect(frameCell(start + n - 1, start, n, l.per)).toBe(l.cells - 1);
    expect(frameCell(start + n, start, n, l.per)).toBe(-1);
    expect(frameCell(start - 1, start, n, l.per)).toBe(-1);
    expect(frameCell(null, start, n, l.per)).toBe(-1);
  });

  it('is worked out once per snapshot and pointed thing', () => {
    const s = after(storyboard, 2);
    const p = pageP(pageOf(s, 'app', 'buf'));
    expect(relatedIn(s, p)).toBe(relatedIn(s, p));
    expect(relatedIn(s, null)).toBeNull();
  });
});
