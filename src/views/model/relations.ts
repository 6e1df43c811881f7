/**
 * Relations: what a pointed-at thing (a page cell or its PTE row, a mirror entry, a frame)
 * refers to, so every view can mark the same page and frame. A page's entry leads to its frame
 * (when the entry holds one: present, device-private, device-exclusive; never none, swap, a
 * migration entry or a poisoned one), and the frame leads back to every entry that maps it:
 * each CPU page (a fork shares one frame between processes) and each mirror entry. Pure: a
 * snapshot and the pointed thing in, the related set out.
 */
import { PTE } from '../../engine/mm/pte';
import type { Snapshot } from '../../engine/snapshot';
import { entryAt } from './lookup';

/** What the pointer or the keyboard is on. */
export type Pointed =
  | { kind: 'page'; pid: number; vpn: number }
  | { kind: 'mirror'; mirror: number; vpn: number }
  | { kind: 'frame'; pfn: number };

export interface PageKey {
  pid: number;
  vpn: number;
}

export interface MirrorKey {
  mirror: number;
  vpn: number;
}

export interface Related {
  /** The frame, or null when the pointed entry holds none. */
  pfn: number | null;
  /** The CPU pages: every one that maps the frame, or the pointed page alone when none does. */
  pages: PageKey[];
  /** The mirror entries that map the frame (or, with no frame, the pointed page's). */
  mirrors: MirrorKey[];
  /** The frame a leader line goes to: the frame of a pointed entry (never of a pointed frame). */
  lineTo: number | null;
}

/** Whether an entry of this kind holds a frame the page lives in. */
export function holdsFrame(kind: number): boolean {
  return kind === PTE.present || kind === PTE.devicePrivate || kind === PTE.deviceExclusive;
}

export function samePointed(a: Pointed | null, b: Pointed | null): boolean {
  if (a === null || b === null) return a === b;
  switch (a.kind) {
    case 'page':
      return b.kind === 'page' && a.pid === b.pid && a.vpn === b.vpn;
    case 'mirror':
      return b.kind === 'mirror' && a.mirror === b.mirror && a.vpn === b.vpn;
    case 'frame':
      return b.kind === 'frame' && a.pfn === b.pfn;
  }
}

/** Everything that maps `pfn`: CPU entries that hold it, and mirror entries. */
function ofFrame(s: Snapshot, pfn: number, lineTo: number | null): Related {
  const pages: PageKey[] = [];
  for (const p of s.procs) {
    const e = p.pte;
    for (let i = 0; i < e.pfn.length; i++)
      if (e.pfn[i] === pfn && holdsFrame(e.kind[i] ?? 0))
        pages.push({ pid: p.pid, vpn: e.vpn[i] ?? 0 });
  }
  const mirrors: MirrorKey[] = [];
  for (const m of s.mirrors) {
    if (!m.open) continue;
    const e = m.entries;
    for (let i = 0; i < e.pfn.length; i++)
      if (e.pfn[i] === pfn && (e.kind[i] ?? 0) !== 0)
        mirrors.push({ mirror: m.id, vpn: e.vpn[i] ?? 0 });
  }
  return { pfn, pages, mirrors, lineTo };
}

/** A page whose entry holds no frame: the page itself and its mirror entries. */
function ofPage(s: Snapshot, pid: number, vpn: number): Related {
  const mirrors: MirrorKey[] = [];
  for (const m of s.mirrors) {
    if (!m.open || m.pid !== pid) continue;
    const e = entryAt(m.entries, vpn);
    if (e && e.kind !== 0) mirrors.push({ mirror: m.id, vpn });
  }
  return { pfn: null, pages: [{ pid, vpn }], mirrors, lineTo: null };
}

export function resolveRelation(s: Snapshot, p: Pointed): Related {
  switch (p.kind) {
    case 'frame':
      return p.pfn >= 0 && p.pfn < s.frames.count
        ? ofFrame(s, p.pfn, null)
        : { pfn: null, pages: [], mirrors: [], lineTo: null };
    case 'page': {
      const proc = s.procs.find((x) => x.pid === p.pid);
      const e = proc ? entryAt(proc.pte, p.vpn) : null;
      if (!e || !holdsFrame(e.kind)) return ofPage(s, p.pid, p.vpn);
      const r = ofFrame(s, e.pfn, e.pfn);
      // A special mapping (the zero page) counts in no rmap but is the page's frame all the same.
      if (!r.pages.some((x) => x.pid === p.pid && x.vpn === p.vpn))
        r.pages.push({ pid: p.pid, vpn: p.vpn });
      return r;
    }
    case 'mirror': {
      const m = s.mirrors.find((x) => x.id === p.mirror);
      if (!m) return { pfn: null, pages: [], mirrors: [], lineTo: null };
      const e = entryAt(m.entries, p.vpn);
      if (!e || e.kind === 0) {
        const r = ofPage(s, m.pid, p.vpn);
        return r.mirrors.length ? r : { ...r, mirrors: [{ mirror: m.id, vpn: p.vpn }] };
      }
      return ofFrame(s, e.pfn, e.pfn);
    }
  }
}

export function isRelatedPage(r: Related | null, pid: number, vpn: number): boolean {
  return !!r && r.pages.some((x) => x.pid === pid && x.vpn === vpn);
}

export function isRelatedMirror(r: Related | null, mirror: number, vpn: number): boolean {
  return !!r && r.mirrors.some((x) => x.mirror === mirror && x.vpn === vpn);
}

/**
 * The grid cell that shows frame `pfn` in a memory of `count` frames from `start`, `per` frames
 * to a cell (an aggregated grid); -1 when the frame is not in that memory.
 */
export function frameCell(pfn: number | null, start: number, count: number, per: number): number {
  if (pfn === null) return -1;
  const f = pfn - start;
  return f >= 0 && f < count ? Math.floor(f / Math.max(1, per)) : -1;
}

let cache: { s: Snapshot; p: Pointed; r: Related } | null = null;

/** resolveRelation, kept until the snapshot or the pointed thing changes (views share it). */
export function relatedIn(s: Snapshot | null, p: Pointed | null): Related | null {
  if (!s || !p) return null;
  if (cache?.s !== s || cache.p !== p) cache = { s, p, r: resolveRelation(s, p) };
  return cache.r;
}
