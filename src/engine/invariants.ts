/**
 * The engine's invariants (src/engine/README.md), checked against the whole machine. Tests run them after every
 * micro-step; a violation names the rule, the page and the step. `quiescent` adds the checks
 * that only hold between commands (no page locked, every reference accounted for).
 */
import { MAPPING, PG } from './mem/frames';
import { PTE, PTEB, countsAsMapping } from './mm/pte';
import { rssKind } from './mm/mapping';
import { Kernel } from './kernel';
import { MTAG, type Machine } from './state';

export interface Violation {
  rule: string;
  detail: string;
}

export function checkInvariants(m: Machine, quiescent: boolean): Violation[] {
  const out: Violation[] = [];
  const bad = (rule: string, detail: string): void => {
    if (out.length < 20) out.push({ rule, detail });
  };
  const f = m.frames;
  const n = f.count;
  const maps = new Int32Array(n);
  const refsFromEntries = new Int32Array(n);
  const referenced = new Uint8Array(n);
  const k = new Kernel(m);

  // Walk every page table once.
  for (const p of m.procs) {
    const rss = { anon: 0, file: 0, shmem: 0 };
    for (const v of p.vmas) {
      for (const vpn of p.pt.populated(v.start, v.end)) {
        const kind = p.pt.kind(vpn);
        const pfn = p.pt.pfn(vpn);
        const bits = p.pt.bits(vpn);
        if (kind === PTE.swap) continue;
        const where = `${p.name} 0x${(vpn * 4096).toString(16)}`;
        if (pfn < 0 || pfn >= n) {
          bad('pte-target', `${where}: entry points outside physical memory (pfn ${pfn})`);
          continue;
        }
        referenced[pfn] = 1;
        const dev = m.deviceOf(pfn);
        if (kind === PTE.present) {
          if (dev?.type === 'private')
            bad(
              'pte-target',
              `${where}: a present PTE maps device-private pfn ${pfn}, which the CPU cannot address`,
            );
          if (bits & PTEB.devmap && !dev)
            bad('pte-target', `${where}: devmap PTE on system RAM pfn ${pfn}`);
          if (pfn === m.zeroPfn && bits & PTEB.write)
            bad('pte-target', `${where}: the zero page is mapped writable`);
        }
        if (kind === PTE.devicePrivate && dev?.type !== 'private')
          bad(
            'pte-target',
            `${where}: device-private entry to pfn ${pfn}, not device-private memory`,
          );
        if (countsAsMapping(kind, (bits & PTEB.special) !== 0)) {
          maps[pfn] = (maps[pfn] ?? 0) + 1;
          refsFromEntries[pfn] = (refsFromEntries[pfn] ?? 0) + 1;
          rss[rssKind(k, pfn)]++;
        }
        // A page under migration still counts in the RSS (the kernel never decrements it for the entry).
        if (kind === PTE.migration) rss[rssKind(k, pfn)]++;
        if (quiescent && kind === PTE.migration)
          bad('migration-entry', `${where}: a migration entry outlived its migration`);
      }
    }
    if (
      p.alive &&
      (rss.anon !== p.rss.anon || rss.file !== p.rss.file || rss.shmem !== p.rss.shmem)
    )
      bad(
        'rss',
        `${p.name}: counters anon ${p.rss.anon} file ${p.rss.file} shmem ${p.rss.shmem}, page tables say ${rss.anon}/${rss.file}/${rss.shmem}`,
      );
  }
  const cache = new Int32Array(n);
  for (const file of m.files)
    for (const idx of file.cache.entries(0, Number.MAX_SAFE_INTEGER)) {
      const pfn = file.cache.a(idx);
      cache[pfn] = (cache[pfn] ?? 0) + 1;
      referenced[pfn] = 1;
    }
  const gup = new Int32Array(n);
  const pins = new Int32Array(n);
  for (const refs of m.gup.values())
    for (const r of refs) {
      gup[r.pfn] = (gup[r.pfn] ?? 0) + 1;
      if (r.pin) pins[r.pfn] = (pins[r.pfn] ?? 0) + 1;
      referenced[r.pfn] = 1;
    }

  for (let pfn = 0; pfn < n; pfn++) {
    if (pfn === m.zeroPfn) continue;
    const dev = m.deviceOf(pfn);
    const idle = dev ? m.deviceIdle : 0;
    const ref = f.ref[pfn] ?? 0;
    const map = f.map[pfn] ?? 0;
    const pin = f.pin[pfn] ?? 0;
    const flags = f.flags[pfn] ?? 0;
    const label = dev
      ? `${dev.name}:${pfn - dev.start} (pfn ${pfn})`
      : `ram:${pfn - m.ramStart} (pfn ${pfn})`;
    const free = dev
      ? dev.type !== 'pmem' && !dev.bitmap.test(pfn - dev.start)
      : (flags & PG.buddy) !== 0;
    if (map !== (maps[pfn] ?? 0))
      bad('mapcount', `${label}: mapcount ${map} but ${maps[pfn] ?? 0} entries map it`);
    if (pin !== (pins[pfn] ?? 0))
      bad('pincount', `${label}: pincount ${pin} but ${pins[pfn] ?? 0} pins are held`);
    if (ref < idle + map + pin)
      bad('refcount', `${label}: refcount ${ref} < idle ${idle} + mapcount ${map} + pins ${pin}`);
    if (free) {
      if (ref !== idle || map !== 0 || referenced[pfn])
        bad(
          'free-state',
          `${label}: free but refcount ${ref} (idle ${idle}), mapcount ${map}${referenced[pfn] ? ', still referenced' : ''}`,
        );
    } else if (!dev || dev.type !== 'pmem') {
      if (ref <= idle && !(flags & PG.hwpoison))
        bad('free-state', `${label}: allocated but refcount ${ref} is at the idle level ${idle}`);
    }
    if (dev && flags & PG.lru) bad('lru', `${label}: a ZONE_DEVICE page on the LRU`);
    if (quiescent && !free) {
      if (flags & PG.locked) bad('locked', `${label}: still locked between commands`);
      const want = idle + (refsFromEntries[pfn] ?? 0) + (cache[pfn] ?? 0) + (gup[pfn] ?? 0);
      if (ref !== want && !(flags & PG.hwpoison) && !(dev?.type === 'pmem' && ref === idle))
        bad(
          'refcount',
          `${label}: refcount ${ref}, but idle ${idle} + mappings ${refsFromEntries[pfn] ?? 0} + page cache ${cache[pfn] ?? 0} + GUP ${gup[pfn] ?? 0} = ${want}`,
        );
      if ((f.mappingKind[pfn] ?? 0) === MAPPING.none && (refsFromEntries[pfn] ?? 0) > 0)
        bad('mapping', `${label}: mapped but has no page->mapping`);
    }
  }

  for (const d of m.devices) {
    let set = 0;
    for (let b = 0; b < d.pages; b++) if (d.bitmap.test(b)) set++;
    if (set !== d.bitmap.allocated)
      bad('bitmap', `${d.name}: ${set} bits set but the allocator counts ${d.bitmap.allocated}`);
  }

  for (const mi of m.mirrors) {
    const p = m.procs[mi.pid];
    if (!p) continue;
    for (const vpn of mi.pt.entries(0, Number.MAX_SAFE_INTEGER)) {
      const pfn = mi.pt.a(vpn);
      const tag = mi.pt.kind(vpn);
      const where = `${mi.name} 0x${(vpn * 4096).toString(16)}`;
      const dev = m.deviceOf(pfn);
      const free =
        pfn !== m.zeroPfn &&
        (dev ? dev.type !== 'pmem' && !dev.bitmap.test(pfn - dev.start) : f.has(pfn, PG.buddy));
      if (free) bad('mirror-freed', `${where}: mirror entry points at freed pfn ${pfn}`);
      if (!quiescent) continue;
      const kind = p.pt.kind(vpn);
      const cpu = p.pt.pfn(vpn);
      const cpuOk =
        tag === MTAG.atomic
          ? kind === PTE.deviceExclusive
          : kind === PTE.present || kind === PTE.devicePrivate;
      if (!cpuOk || cpu !== pfn)
        bad(
          'mirror-coherent',
          `${where}: mirror maps pfn ${pfn} but the CPU entry is ${kind} -> ${cpu} (a stale translation)`,
        );
      else if (
        tag === MTAG.write &&
        (!(p.pt.bits(vpn) & PTEB.write) || p.pt.has(vpn, PTEB.protnone))
      )
        bad('mirror-coherent', `${where}: mirror entry is writable but the CPU entry is not`);
    }
  }
  return out;
}
