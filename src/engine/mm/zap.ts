/**
 * zap_pte_range() over a range (munmap, madvise(MADV_DONTNEED), exit): mirrors are
 * invalidated first, then every entry is removed, each mapped page losing its rmap and the
 * reference the mapping held. A device page whose last reference goes is handed back to its
 * driver through the refcount hook (storyboard: munmap while on the device).
 */
import { pages, vaddr, type Kernel } from '../kernel';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { narrateFrees } from '../migrate/frees';
import { zapEntry } from './mapping';
import { invalidateRange, type NotifyEvent } from './notifier';
import { FreeTally } from './pageref';
import { PTE, PTEB } from './pte';

export function* zapRange(
  k: Kernel,
  p: Proc,
  start: number,
  end: number,
  event: NotifyEvent,
  why: string,
): Gen<FreeTally> {
  yield* invalidateRange(k, p, start, end, event, null, why);
  const tally = new FreeTally();
  const vpns = p.pt.populated(start, end);
  let present = 0;
  let devPriv = 0;
  let zero = 0;
  let other = 0;
  for (const vpn of vpns) {
    const kind = p.pt.kind(vpn);
    if (kind === PTE.present && p.pt.has(vpn, PTEB.special)) zero++;
    else if (kind === PTE.present) present++;
    else if (kind === PTE.devicePrivate) devPriv++;
    else other++;
    zapEntry(k, p, vpn, tally);
  }
  const parts: string[] = [];
  if (present)
    parts.push(
      `${present} present (${k.seeds ? 'page_remove_rmap + put_page' : 'folio_remove_rmap_pte + folio_put (put_page)'})`,
    );
  if (devPriv)
    parts.push(`${devPriv} device-private (the device page loses its mapping and a reference)`);
  if (zero) parts.push(`${zero} zero-page`);
  if (other) parts.push(`${other} swap/hwpoison/exclusive`);
  yield k.step(
    'unmap_page_range -> zap_pte_range',
    `${why}: ${pages(end - start)} at ${vaddr(start)}: ` +
      (vpns.length
        ? `${vpns.length} entr${vpns.length === 1 ? 'y' : 'ies'} cleared: ${parts.join(', ')}`
        : 'nothing was mapped') +
      (tally.sys ? `; ${pages(tally.sys)} of system RAM freed` : ''),
    'unmap',
    { pages: Math.max(1, vpns.length), marks: tally.any ? MARK.free : 0, source: 'mm/memory.c' },
  );
  if (present)
    yield k.step('tlb_finish_mmu', `flush the TLB for the ${pages(present)} unmapped`, 'tlb', {
      source: 'mm/mmu_gather.c',
    });
  yield* narrateFrees(k, tally);
  return tally;
}
