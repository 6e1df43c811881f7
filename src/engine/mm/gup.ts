/**
 * get_user_pages / pin_user_pages (O_DIRECT, RDMA, the gup_test module) and their release.
 * Each page is looked up (follow_page_pte) and faulted in when it is not accessible the way
 * asked (faultin_page); a device-private page cannot be referenced by the CPU, so GUP faults
 * it back to system memory first (seed zone-device-refcount-thread: "no GUP"). A long-term
 * pin must not hold device-coherent memory either: it migrates the page out first
 * (check_and_migrate_movable_pages). Each page then holds one more reference (FOLL_GET) or a
 * pin (FOLL_PIN) until released.
 */
import { err } from '../errno';
import { pages, vaddr, type Kernel } from '../kernel';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { migrateToSystemPages } from '../driver/evict_pages';
import { handleMmFault } from './fault';
import { getPage, putPage, FreeTally } from './pageref';
import { PTE } from './pte';
import { narrateFrees } from '../migrate/frees';

export interface GupArgs {
  write: boolean;
  pin: boolean;
  longterm: boolean;
  fast: boolean;
}

function gupName(k: Kernel, a: GupArgs): string {
  const base = a.pin ? 'pin_user_pages' : 'get_user_pages';
  return `${base}${a.fast ? '_fast' : ''}${a.longterm && !k.seeds ? ' (FOLL_LONGTERM)' : ''}`;
}

export function* doGup(k: Kernel, p: Proc, start: number, npages: number, a: GupArgs): Gen<number> {
  const vpns: number[] = [];
  for (let i = 0; i < npages; i++) vpns.push(start + i);
  const fn = gupName(k, a);
  const r = yield* handleMmFault(
    k,
    p,
    vpns,
    a.write,
    `${fn} -> faultin_page${a.write ? ' (FOLL_WRITE)' : ''}`,
  );
  const done = r.ret ? r.done : npages;

  if (a.pin && a.longterm && !k.seeds) {
    const coherent = vpns
      .slice(0, done)
      .filter(
        (vpn) => p.pt.kind(vpn) === PTE.present && k.m.deviceOf(p.pt.pfn(vpn))?.type === 'coherent',
      );
    if (coherent.length) {
      yield k.step(
        'check_and_migrate_movable_pages',
        `${pages(coherent.length)} in device-coherent memory cannot be pinned long-term: migrate them to system memory first (migrate_device_coherent_folio)`,
        'walk',
        { pages: coherent.length, source: 'mm/gup.c' },
      );
      yield* migrateToSystemPages(k, p, coherent, 'FOLL_LONGTERM pin');
    }
  }
  let refs = k.m.gup.get(p.pid);
  if (!refs) k.m.gup.set(p.pid, (refs = []));
  let taken = 0;
  for (const vpn of vpns.slice(0, done)) {
    if (p.pt.kind(vpn) !== PTE.present) continue;
    const pfn = p.pt.pfn(vpn);
    if (pfn === k.m.zeroPfn) continue; // the zero page is not refcounted
    getPage(k, pfn);
    if (a.pin) k.m.frames.addPin(pfn, 1);
    refs.push({ vpn, pfn, pin: a.pin });
    taken++;
  }
  yield k.step(
    fn,
    `${pages(taken)} at ${vaddr(start)} now held by ${a.pin ? 'a pin (FOLL_PIN: pincount + 1, refcount + 1)' : 'a reference (FOLL_GET: refcount + 1)'}; migration will find refcount - extra > mapcount and leave ${taken === 1 ? 'it' : 'them'} in place until released`,
    'walk',
    { pages: Math.max(1, taken), marks: r.ret ? MARK.error : 0, source: 'mm/gup.c' },
  );
  return r.ret ? (r.ret === err('EHWPOISON') ? r.ret : err('EFAULT')) : 0;
}

export function* doUnpin(k: Kernel, p: Proc, start: number, npages: number): Gen<number> {
  const refs = k.m.gup.get(p.pid) ?? [];
  const keep: typeof refs = [];
  const tally = new FreeTally();
  let released = 0;
  for (const ref of refs) {
    if (ref.vpn < start || ref.vpn >= start + npages) {
      keep.push(ref);
      continue;
    }
    if (ref.pin) k.m.frames.addPin(ref.pfn, -1);
    putPage(k, ref.pfn, tally);
    released++;
  }
  k.m.gup.set(p.pid, keep);
  yield k.step(
    'unpin_user_pages / put_page',
    `${pages(released)} at ${vaddr(start)} released` +
      (tally.sys ? ` (${pages(tally.sys)} had no other user and are freed)` : ''),
    'free',
    { pages: Math.max(1, released), marks: tally.any ? MARK.free : 0, source: 'mm/gup.c' },
  );
  yield* narrateFrees(k, tally);
  return 0;
}
