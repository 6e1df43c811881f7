/**
 * Evaluating `expect` lines against the machine after their command. Each failure says what
 * was expected, what was found, and where (the first page that differs, and how many do).
 */
import type { RangeRef, ValueExpr } from '../engine/commands/terms';
import { errnoName } from '../engine/errno';
import type { OpResult } from '../engine/ops/types';
import { resolveRange } from '../engine/ops/resolve';
import { evalValue } from '../engine/mm/access';
import { PG } from '../engine/mem/frames';
import type { Machine, Proc } from '../engine/state';
import type { Expect } from './ast';
import {
  cpuValue,
  frameHome,
  framePfn,
  mappedPfn,
  mirrorEntryName,
  pteHas,
  pteKindName,
} from './inspect';

const hexByte = (b: number): string => b.toString(16).padStart(2, '0').toUpperCase();
const addr = (vpn: number): string => '0x' + (vpn * 4096).toString(16);

interface Pages {
  proc: Proc;
  start: number;
  npages: number;
  base: number;
}

function pagesOf(m: Machine, procName: string, range: RangeRef): Pages | string {
  const proc = m.procByName(procName);
  if (!proc) return `there is no process named "${procName}"`;
  const r = resolveRange(proc, range);
  if (!r.ok) return r.message;
  return { proc, ...r.value };
}

/** Check every page; report the first mismatch and how many pages differ. */
function everyPage(ps: Pages, check: (vpn: number, i: number) => string | null): string | null {
  let first: string | null = null;
  let bad = 0;
  for (let i = 0; i < ps.npages; i++) {
    const why = check(ps.start + i, ps.base + i);
    if (why) {
      bad++;
      first ??= `page ${ps.base + i} (${addr(ps.start + i)}): ${why}`;
    }
  }
  if (!first) return null;
  return bad === 1 ? first : `${first} (and ${bad - 1} more of ${ps.npages} pages differ)`;
}

function valueText(v: ValueExpr): string {
  if (v.scale === 0) return String(v.offset);
  const i = v.scale === 1 ? 'i' : '-i';
  return v.offset === 0 ? i : `${i}${v.offset > 0 ? '+' : ''}${v.offset}`;
}

/** null when the expectation holds, else what went wrong. */
export function checkExpectation(m: Machine, res: OpResult, e: Expect): string | null {
  switch (e.kind) {
    case 'ret':
      return res.ret === e.code
        ? null
        : `expected ret ${errnoName(e.code)}, got ${errnoName(res.ret)}`;
    case 'counters': {
      if (res.cpages === null)
        return 'this command reports no cpages/faults (only mirror commands do)';
      const bad: string[] = [];
      if (e.cpages !== null && e.cpages !== res.cpages)
        bad.push(`cpages ${res.cpages} (expected ${e.cpages})`);
      if (e.faults !== null && e.faults !== res.faults)
        bad.push(`faults ${res.faults} (expected ${e.faults})`);
      return bad.length ? `got ${bad.join(', ')}` : null;
    }
    case 'pte': {
      const ps = pagesOf(m, e.proc, e.range);
      if (typeof ps === 'string') return ps;
      return everyPage(ps, (vpn) => {
        const kind = pteKindName(m, ps.proc, vpn);
        if (kind !== e.pte) return `expected ${e.pte}, found ${kind}`;
        for (const fc of e.flags)
          if (pteHas(ps.proc, vpn, fc.flag) !== fc.set)
            return `${kind} entry has ${fc.set ? 'no ' : ''}${fc.flag} bit`;
        return null;
      });
    }
    case 'value': {
      const ps = pagesOf(m, e.proc, e.range);
      if (typeof ps === 'string') return ps;
      return everyPage(ps, (vpn, i) => {
        const got = cpuValue(m, ps.proc, vpn);
        const want = evalValue(e.value, i);
        if (got === null)
          return `the CPU cannot read here (no VMA, no read permission or poisoned); expected ${want}`;
        return got === want
          ? null
          : `CPU reads ${got}, expected ${want} (value ${valueText(e.value)})`;
      });
    }
    case 'devbuf': {
      const mirror = m.mirrorByName(e.mirror);
      const proc = mirror ? m.procs[mirror.pid] : undefined;
      if (!mirror || !proc) return `there is no mirror named "${e.mirror}"`;
      const ps = pagesOf(m, proc.name, e.range);
      if (typeof ps === 'string') return ps;
      return everyPage(ps, (vpn, i) => {
        const got = mirror.devbuf.kind(vpn) ? mirror.devbuf.a(vpn) : 0;
        const want = evalValue(e.value, i);
        return got === want ? null : `the device buffer holds ${got}, expected ${want}`;
      });
    }
    case 'snapshot': {
      const got = res.snapshot;
      if (!got) return 'this command took no snapshot';
      const want = e.bytes;
      if (got.length !== want.length)
        return `snapshot has ${got.length} bytes, expected ${want.length}`;
      for (let i = 0; i < want.length; i++)
        if (got[i] !== want[i])
          return `snapshot byte ${i} is ${hexByte(got[i] ?? 0)}, expected ${hexByte(want[i] ?? 0)} (got ${[...got.slice(0, 16)].map(hexByte).join(' ')})`;
      return null;
    }
    case 'page': {
      const ps = pagesOf(m, e.proc, e.range);
      if (typeof ps === 'string') return ps;
      return everyPage(ps, (vpn) => {
        const pfn = mappedPfn(ps.proc, vpn);
        if (pfn < 0 || pfn === m.zeroPfn)
          return `no struct page is mapped here (${pteKindName(m, ps.proc, vpn)})`;
        return frameMismatch(m, pfn, e.ref, e.map, e.pin, e.on);
      });
    }
    case 'frame': {
      const pfn = framePfn(m, e.frame);
      if (pfn < 0) return `there is no frame ${e.frame.mem}:${e.frame.index}`;
      const f = m.frames;
      const bad = frameMismatch(m, pfn, e.ref, e.map, null, null);
      if (bad) return `${e.frame.mem}:${e.frame.index}: ${bad}`;
      if (e.value !== null && (f.value[pfn] ?? 0) !== e.value)
        return `${e.frame.mem}:${e.frame.index} holds ${f.value[pfn] ?? 0}, expected ${e.value}`;
      if (e.state !== null) {
        const state = frameFree(m, pfn) ? 'free' : 'allocated';
        if (state !== e.state)
          return `${e.frame.mem}:${e.frame.index} is ${state}, expected ${e.state}`;
      }
      return null;
    }
    case 'bits': {
      const dev = m.deviceByName(e.device);
      if (!dev) return `there is no device named "${e.device}"`;
      const wrong: number[] = [];
      for (let b = e.first; b <= e.last; b++) if (dev.bitmap.test(b) !== e.set) wrong.push(b);
      return wrong.length
        ? `${dev.name} bit${wrong.length === 1 ? '' : 's'} ${wrong.slice(0, 8).join(', ')}${wrong.length > 8 ? ', ...' : ''} ${e.set ? 'clear' : 'set'}, expected ${e.set ? 'set' : 'clear'}`
        : null;
    }
    case 'allocated': {
      const dev = m.deviceByName(e.device);
      if (!dev) return `there is no device named "${e.device}"`;
      return dev.bitmap.allocated === e.count
        ? null
        : `${dev.name} has ${dev.bitmap.allocated} pages allocated, expected ${e.count}`;
    }
    case 'mirror': {
      const mirror = m.mirrorByName(e.mirror);
      const proc = mirror ? m.procs[mirror.pid] : undefined;
      if (!mirror || !proc) return `there is no mirror named "${e.mirror}"`;
      const ps = pagesOf(m, proc.name, e.range);
      if (typeof ps === 'string') return ps;
      return everyPage(ps, (vpn) => {
        const got = mirrorEntryName(mirror.pt.kind(vpn));
        return got === e.entry ? null : `mirror entry is ${got}, expected ${e.entry}`;
      });
    }
    case 'rss': {
      const p = m.procByName(e.proc);
      if (!p) return `there is no process named "${e.proc}"`;
      const rss = p.rss.anon + p.rss.file + p.rss.shmem;
      return rss === e.count
        ? null
        : `${p.name} has RSS ${rss} pages (anon ${p.rss.anon}, file ${p.rss.file}, shmem ${p.rss.shmem}), expected ${e.count}`;
    }
  }
}

function frameFree(m: Machine, pfn: number): boolean {
  const dev = m.deviceOf(pfn);
  if (dev) return !dev.bitmap.test(pfn - dev.start);
  return m.frames.has(pfn, PG.buddy);
}

function frameMismatch(
  m: Machine,
  pfn: number,
  ref: number | null,
  map: number | null,
  pin: number | null,
  on: string | null,
): string | null {
  const f = m.frames;
  const bad: string[] = [];
  if (ref !== null && (f.ref[pfn] ?? 0) !== ref)
    bad.push(`refcount ${f.ref[pfn] ?? 0} (expected ${ref})`);
  if (map !== null && (f.map[pfn] ?? 0) !== map)
    bad.push(`mapcount ${f.map[pfn] ?? 0} (expected ${map})`);
  if (pin !== null && (f.pin[pfn] ?? 0) !== pin)
    bad.push(`pincount ${f.pin[pfn] ?? 0} (expected ${pin})`);
  if (on !== null && frameHome(m, pfn) !== on)
    bad.push(`lives in ${frameHome(m, pfn)} (expected ${on})`);
  return bad.length ? bad.join(', ') : null;
}
