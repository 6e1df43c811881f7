/**
 * hmm_range_fault() (seeds: hmm_vma_fault / hmm_vma_get_pfns): walk the CPU page table of a
 * range and report, per page, a pfn with VALID/WRITE flags, or ERROR, or nothing; with fault
 * flags, first fault in what is missing (handle_mm_fault), so the device sees what the CPU
 * would. Device-private pages of the caller's own device are reported, never faulted.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { err } from '../errno';
import { PG } from '../mem/frames';
import { handleMmFault } from '../mm/fault';
import { PTE, PTEB } from '../mm/pte';
import { findVma } from '../mm/vma';
import type { Device, Proc } from '../state';
import { MARK, type Gen } from '../trace/step';

/** One hmm pfn: the HMM_PFN_* flags and the pfn they describe. */
export interface HmmPfn {
  valid: boolean;
  write: boolean;
  error: boolean;
  pfn: number;
}

export const HMM_NONE: HmmPfn = { valid: false, write: false, error: false, pfn: 0 };
const HMM_ERROR: HmmPfn = { valid: false, write: false, error: true, pfn: 0 };

export interface RangeRequest {
  /** HMM_PFN_REQ_FAULT */
  fault: boolean;
  /** HMM_PFN_REQ_WRITE */
  write: boolean;
  /** dev_private_owner */
  owner: Device;
}

type Need = 'no' | 'fault' | 'write-fault';

interface Walked {
  pfn: HmmPfn;
  need: Need;
  /** An error the walk returns at this page: -EFAULT or -EPERM. */
  error: number;
}

/** hmm_vma_handle_pte and friends for one page. */
function walkOne(k: Kernel, p: Proc, vpn: number, req: RangeRequest): Walked {
  const vma = findVma(p.vmas, vpn);
  if (!vma)
    return req.fault
      ? { pfn: HMM_ERROR, need: 'no', error: err('EFAULT') }
      : { pfn: HMM_ERROR, need: 'no', error: 0 };
  if (!vma.read)
    return req.fault
      ? { pfn: HMM_ERROR, need: 'no', error: err('EFAULT') }
      : { pfn: HMM_ERROR, need: 'no', error: 0 };
  const pt = p.pt;
  const kind = pt.kind(vpn);
  const needFor = (valid: boolean, write: boolean): Need => {
    if (!req.fault) return 'no';
    if (req.write && !write) return 'write-fault';
    return valid ? 'no' : 'fault';
  };
  const permCheck = (need: Need): Walked | null =>
    need === 'write-fault' && !vma.write
      ? { pfn: HMM_NONE, need: 'no', error: err('EPERM') }
      : null;

  if (kind === PTE.none || kind === PTE.swap || kind === PTE.deviceExclusive) {
    const need = needFor(false, false);
    return permCheck(need) ?? { pfn: HMM_NONE, need, error: 0 };
  }
  if (kind === PTE.devicePrivate) {
    const pfn = pt.pfn(vpn);
    const write = pt.has(vpn, PTEB.write);
    if (k.m.deviceOf(pfn) === req.owner) {
      const need = req.fault && req.write && !write ? 'write-fault' : 'no';
      if (need === 'no') return { pfn: { valid: true, write, error: false, pfn }, need, error: 0 };
      return permCheck(need) ?? { pfn: HMM_NONE, need, error: 0 };
    }
    const need = needFor(false, false);
    return permCheck(need) ?? { pfn: HMM_NONE, need, error: 0 };
  }
  if (kind === PTE.present) {
    const pfn = pt.pfn(vpn);
    if (k.m.frames.has(pfn, PG.hwpoison))
      return req.fault
        ? { pfn: HMM_NONE, need: 'no', error: err('EFAULT') }
        : { pfn: HMM_NONE, need: 'no', error: 0 };
    const valid = !pt.has(vpn, PTEB.protnone);
    const write = valid && pt.has(vpn, PTEB.write);
    const need = needFor(valid, write);
    if (need !== 'no') return permCheck(need) ?? { pfn: HMM_NONE, need, error: 0 };
    return { pfn: { valid: true, write, error: false, pfn }, need, error: 0 };
  }
  // hwpoison (and anything else): only an error when a fault was asked for.
  return req.fault
    ? { pfn: HMM_NONE, need: 'no', error: err('EFAULT') }
    : { pfn: HMM_NONE, need: 'no', error: 0 };
}

export interface RangeResult {
  ret: number;
  /** Pages [start, start + good) were walked without error (and faulted in if asked). */
  good: number;
  pfns: HmmPfn[];
}

/** Walk (and fault) [start, end). Stops at the first page the kernel returns an error for. */
export function* hmmRangeFault(
  k: Kernel,
  p: Proc,
  start: number,
  end: number,
  req: RangeRequest,
  why: string,
): Gen<RangeResult> {
  const fn = k.seeds ? (req.fault ? 'hmm_vma_fault' : 'hmm_vma_get_pfns') : 'hmm_range_fault';
  let walked = walkAll(k, p, start, end, req);
  const faults = walked.list
    .slice(0, walked.good)
    .flatMap((w, i) => (w.need === 'no' ? [] : [start + i]));
  const writeFaults = walked.list
    .slice(0, walked.good)
    .flatMap((w, i) => (w.need === 'write-fault' ? [start + i] : []));
  yield k.step(
    fn,
    `${why}: walk ${pages(end - start)} at ${vaddr(start)}` +
      (k.seeds ? '' : ' (mmu_interval_read_begin, then the walk under mmap_read_lock)') +
      `: ${pages(walked.good - faults.length)} usable as they are` +
      (faults.length
        ? `, ${pages(faults.length)} need a${writeFaults.length ? ' write' : ''} fault`
        : '') +
      (walked.good < end - start
        ? `; stops at ${vaddr(start + walked.good)}: ${errText(walked.error)}`
        : ''),
    'walk',
    { pages: end - start, marks: walked.good < end - start ? MARK.error : 0, source: 'mm/hmm.c' },
  );
  if (faults.length > 0) {
    const writes = new Set(writeFaults);
    const reads = faults.filter((v) => !writes.has(v));
    if (reads.length) {
      const r = yield* handleMmFault(k, p, reads, false, `${fn} (HMM_PFN_REQ_FAULT)`);
      if (r.ret) return { ret: err('EFAULT'), good: 0, pfns: [] };
    }
    if (writeFaults.length) {
      const r = yield* handleMmFault(
        k,
        p,
        writeFaults,
        true,
        `${fn} (HMM_PFN_REQ_FAULT | HMM_PFN_REQ_WRITE)`,
      );
      if (r.ret) return { ret: err('EFAULT'), good: 0, pfns: [] };
    }
    walked = walkAll(k, p, start, start + walked.good, req);
  }
  return {
    ret: walked.good < end - start ? walked.error : walked.error,
    good: walked.good,
    pfns: walked.list.slice(0, walked.good).map((w) => w.pfn),
  };
}

function walkAll(
  k: Kernel,
  p: Proc,
  start: number,
  end: number,
  req: RangeRequest,
): { list: Walked[]; good: number; error: number } {
  const list: Walked[] = [];
  for (let vpn = start; vpn < end; vpn++) {
    const w = walkOne(k, p, vpn, req);
    if (w.error) return { list, good: list.length, error: w.error };
    list.push(w);
  }
  return { list, good: list.length, error: 0 };
}

function errText(code: number): string {
  return code === err('EPERM')
    ? 'a write fault on a read-only VMA (-EPERM)'
    : 'no VMA or no read permission (-EFAULT)';
}
