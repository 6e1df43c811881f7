/**
 * READ and WRITE (dmirror_read / dmirror_write; the seeds' dummy_read / dummy_write): copy
 * between the process's pages and the device buffer through the mirror. Walk the mirror from
 * the start; at the first missing entry (for WRITE: the first one without write permission)
 * fault the rest of the range in through HMM (dmirror_fault: hmm_range_fault per 32-page
 * chunk, each chunk committed to the mirror with xa_store), count one fault round, retry.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { err } from '../errno';
import { hmmRangeFault } from '../hmm/range_fault';
import { PG } from '../mem/frames';
import { MTAG, type Device, type Mirror, type Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { devbufValue, mirrorReach, readIntoDevbuf } from './mirror_io';
import { drvName } from './names';

/** dmirror_fault's chunk: `unsigned long pfns[32]`. */
const FAULT_CHUNK = 32;

export interface CmdResult {
  ret: number;
  cpages: number;
  faults: number;
}

/** dmirror_fault(): fault [start, end) into the mirror. Chunks before a failing one stay committed. */
export function* dmirrorFault(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
  write: boolean,
): Gen<number> {
  const r = yield* hmmRangeFault(
    k,
    p,
    start,
    end,
    { fault: true, write, owner: dev },
    drvName(k, write ? 'write' : 'read'),
  );
  // Everything up to the failing page's chunk was handed to dmirror_do_fault.
  const good = r.ret === 0 ? r.good : Math.floor(r.good / FAULT_CHUNK) * FAULT_CHUNK;
  let stored = 0;
  for (let i = 0; i < good; i++) {
    const e = r.pfns[i];
    if (!e?.valid) continue;
    mirror.pt.set(start + i, e.write ? MTAG.write : MTAG.read, e.pfn, 0);
    k.m.log.mirror(mirror.id, start + i);
    stored++;
  }
  if (stored > 0 || r.ret === 0) {
    yield k.step(
      k.seeds
        ? 'hmm_vma_range_done -> dummy_mirror_update'
        : 'mmu_interval_read_retry -> dmirror_do_fault',
      (k.seeds
        ? 'hmm_vma_range_done: no invalidation raced with the fault'
        : 'mmu_interval_read_retry: no invalidation since read_begin') +
        `; xa_store ${pages(stored)} into ${mirror.name} (tagged WRITE where the CPU PTE is writable)`,
      'driver',
      { pages: Math.max(1, stored), source: 'lib/test_hmm.c' },
    );
  }
  return r.ret;
}

/**
 * dmirror_read / dmirror_write: walk the mirror (a write needs WRITE-tagged entries and copies
 * as it walks), and at the first gap fault the rest in and go round again.
 */
function* dmirrorAccess(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
  write: boolean,
): Gen<CmdResult> {
  const f = k.m.frames;
  const fn = drvName(k, write ? 'write' : 'read');
  let faults = 0;
  let from = start;
  for (let round = 0; round < 4; round++) {
    const reach = mirrorReach(mirror, from, end, write);
    if (write) {
      // dmirror_do_write copies page by page as it walks: the reachable pages are written now.
      for (let vpn = from; vpn < from + reach; vpn++) {
        const pfn = mirror.pt.a(vpn);
        f.setValue(pfn, devbufValue(mirror, vpn));
        f.setFlag(pfn, PG.dirty);
      }
    }
    if (from + reach >= end) {
      if (!write) readIntoDevbuf(k, mirror, start, end - start);
      countPlaces(k, mirror, start, end);
      yield k.step(
        fn,
        write
          ? `${mirror.name} maps every page of ${pages(end - start)} at ${vaddr(start)} writable: the device writes its buffer into them (cpages ${end - start}, faults ${faults})`
          : `${mirror.name} has every page of ${pages(end - start)} at ${vaddr(start)}: the device reads them into its buffer (cpages ${end - start}, faults ${faults})`,
        'copy',
        { pages: end - start, source: 'lib/test_hmm.c' },
      );
      return { ret: 0, cpages: end - start, faults };
    }
    yield k.step(
      fn,
      `${mirror.name}: ${pages(from - start + reach)} ${write ? 'written' : 'readable'}, no ${write ? 'writable ' : ''}entry at ${vaddr(from + reach)}: -ENOENT, so fault the rest in${write ? ' for writing' : ''} (dmirror_fault)`,
      'device-fault',
      { pages: Math.max(1, reach), marks: MARK.fault, source: 'lib/test_hmm.c' },
    );
    from = from + reach;
    const r = yield* dmirrorFault(k, mirror, p, dev, from, end, write);
    if (r) return { ret: r, cpages: from - start, faults };
    faults++;
  }
  return { ret: err('EBUSY'), cpages: from - start, faults };
}

export function dmirrorRead(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
): Gen<CmdResult> {
  return dmirrorAccess(k, mirror, p, dev, start, end, false);
}

export function dmirrorWrite(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
): Gen<CmdResult> {
  return dmirrorAccess(k, mirror, p, dev, start, end, true);
}

/** The dummy driver's counters: pages accessed in system memory vs in device memory. */
function countPlaces(k: Kernel, mirror: Mirror, start: number, end: number): void {
  let sys = 0;
  let dev = 0;
  for (let vpn = start; vpn < end; vpn++) {
    if (k.m.isDevicePage(mirror.pt.a(vpn))) dev++;
    else sys++;
  }
  mirror.nsysPages = sys;
  mirror.ndevPages = dev;
}
