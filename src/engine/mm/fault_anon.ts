/** do_anonymous_page(): the first touch of private anonymous memory. */
import { pages, type Kernel } from '../kernel';
import { err } from '../errno';

import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';

import { PTE, PTEB } from './pte';
import { mapNewAnonPage } from './anon';
import { findVma } from './vma';

function mapZeroPage(k: Kernel, p: Proc, vpns: readonly number[]): void {
  for (let j = 0; j < vpns.length; j++)
    p.pt.set(vpns[j] ?? 0, PTE.present, k.m.zeroPfn, PTEB.special | PTEB.young);
}

/** A zeroed page for each, until RAM runs out; returns how many were mapped. */
function mapNewPages(k: Kernel, p: Proc, vpns: readonly number[]): number {
  let done = 0;
  for (let j = 0; j < vpns.length; j++) {
    const vpn = vpns[j] ?? 0;
    const vma = findVma(p.vmas, vpn);
    if (!vma) continue;
    if (mapNewAnonPage(k, p, vma, vpn, 0, PTEB.write | PTEB.dirty | PTEB.young, true) < 0) break;
    done++;
  }
  return done;
}

/**
 * A read maps the shared zero page read-only (no memory used); a write allocates a zeroed
 * page, makes it an exclusive anonymous page on the LRU and maps it writable and dirty.
 */
export function* doAnonymousPage(
  k: Kernel,
  p: Proc,
  vpns: number[],
  write: boolean,
  who: string,
): Gen<number> {
  if (!write) {
    mapZeroPage(k, p, vpns);
    yield k.step(
      'handle_mm_fault -> do_anonymous_page',
      `${who}: read fault on ${pages(vpns.length)} never touched: map the shared zero page read-only (pte_special, no struct page reference)`,
      'fault',
      { pages: vpns.length, marks: MARK.fault, source: 'mm/memory.c' },
    );
    return 0;
  }
  const done = mapNewPages(k, p, vpns);
  const oom = done < vpns.length;
  yield k.step(
    'handle_mm_fault -> do_anonymous_page',
    `${who}: write fault on ${pages(vpns.length)} never touched: alloc_zeroed_user_highpage, ${k.name('folio_add_new_anon_rmap, folio_add_lru', 'page_add_new_anon_rmap, lru_cache_add_active_or_unevictable')}, PTE present + write + dirty` +
      (oom ? `; system RAM exhausted after ${pages(done)}: VM_FAULT_OOM` : ''),
    'fault',
    { pages: vpns.length, marks: MARK.fault | (oom ? MARK.error : 0), source: 'mm/memory.c' },
  );
  return oom ? err('ENOMEM') : 0;
}
