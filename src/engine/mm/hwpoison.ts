/**
 * madvise(MADV_HWPOISON) -> memory_failure(): treat the page as a hardware memory error. The
 * page is pulled in (GUP faults device pages back), every mapping becomes a hwpoison entry,
 * and the page is kept off every free list forever. The CPU then gets SIGBUS there; HMM
 * reports an error (seeds: values[HMM_PFN_ERROR]; modern: -EFAULT when asked to fault).
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { handleMmFault } from './fault';
import { PTE, PTEB } from './pte';
import { unmapEverywhere } from './try_to_unmap';

export function* doHwpoison(k: Kernel, p: Proc, start: number, end: number): Gen<number> {
  const vpns: number[] = [];
  for (let v = start; v < end; v++) vpns.push(v);
  const r = yield* handleMmFault(k, p, vpns, false, 'madvise_inject_error (get_user_pages)');
  if (r.ret) return r.ret;
  const f = k.m.frames;
  let poisoned = 0;
  for (const vpn of vpns) {
    if (p.pt.kind(vpn) !== PTE.present || p.pt.has(vpn, PTEB.special)) continue;
    const pfn = p.pt.pfn(vpn);
    if (f.has(pfn, PG.hwpoison)) continue;
    // Each mapping's reference is kept by memory_failure: a poisoned page is never reused.
    yield* unmapEverywhere(
      k,
      pfn,
      'memory_failure -> try_to_unmap',
      (mp) => mp.proc.pt.set(mp.vpn, PTE.hwpoison, pfn, 0),
      false,
    );
    f.setFlag(pfn, PG.hwpoison);
    f.clearFlag(pfn, PG.lru);
    poisoned++;
  }
  yield k.step(
    'memory_failure',
    `${pages(poisoned)} at ${vaddr(start)} marked PG_hwpoison: every mapping is now a hwpoison entry; the frames are never freed`,
    'unmap',
    { pages: Math.max(1, poisoned), marks: MARK.error, source: 'mm/memory-failure.c' },
  );
  return 0;
}
