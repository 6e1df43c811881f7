/**
 * EXCLUSIVE / CHECK_EXCLUSIVE (dmirror_exclusive, make_device_exclusive): give the device
 * atomic access to pages. Each page is faulted in for writing, its mirrors are invalidated,
 * and its CPU PTE becomes a device-exclusive entry; the mirror entry is tagged ATOMIC. The
 * next CPU access restores the PTE and invalidates the mirror, revoking the atomic access.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { err } from '../errno';
import { MAPPING } from '../mem/frames';
import { handleMmFault } from '../mm/fault';
import { invalidateRange } from '../mm/notifier';
import { PTE, PTEB } from '../mm/pte';
import { MTAG, type Device, type Mirror, type Proc } from '../state';
import { MARK, type Gen } from '../trace/step';

export function* dmirrorExclusive(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  _dev: Device,
  start: number,
  end: number,
): Gen<number> {
  const vpns: number[] = [];
  for (let v = start; v < end; v++) vpns.push(v);
  // get_user_page_vma_remote(FOLL_WRITE): fault everything in for writing first.
  const r = yield* handleMmFault(k, p, vpns, true, 'make_device_exclusive (FOLL_WRITE)');
  const n = r.ret ? r.done : vpns.length;
  const f = k.m.frames;
  let firstBad = -1;
  for (let i = 0; i < n; i++) {
    const vpn = start + i;
    const pfn = p.pt.pfn(vpn);
    if (
      p.pt.kind(vpn) !== PTE.present ||
      (f.mappingKind[pfn] ?? 0) !== MAPPING.anon ||
      k.m.isDevicePage(pfn)
    ) {
      firstBad = i;
      break;
    }
  }
  const ok = firstBad < 0 ? n : firstBad;
  if (ok > 0) {
    yield* invalidateRange(k, p, start, start + ok, 'exclusive', null, 'make_device_exclusive');
    for (let i = 0; i < ok; i++) {
      const vpn = start + i;
      const pfn = p.pt.pfn(vpn);
      p.pt.set(vpn, PTE.deviceExclusive, pfn, PTEB.write);
      mirror.pt.set(vpn, MTAG.atomic, pfn, 0);
      k.m.log.mirror(mirror.id, vpn);
    }
    yield k.step(
      'make_device_exclusive -> dmirror_atomic_map',
      `${pages(ok)} at ${vaddr(start)}: the CPU PTE becomes a device-exclusive entry (the page stays mapped, the CPU faults on access); ${mirror.name} maps it tagged ATOMIC`,
      'map',
      { pages: ok, source: 'mm/rmap.c, lib/test_hmm.c' },
    );
  }
  if (r.ret) return r.ret;
  if (firstBad >= 0) {
    yield k.step(
      'make_device_exclusive',
      `${vaddr(start + firstBad)} is not an anonymous system page: device-exclusive entries support private anonymous memory only: -EOPNOTSUPP`,
      'error',
      { marks: MARK.error, source: 'mm/rmap.c' },
    );
    return err('EOPNOTSUPP');
  }
  return 0;
}

export function* dmirrorCheckExclusive(
  k: Kernel,
  mirror: Mirror,
  start: number,
  end: number,
): Gen<number> {
  let atomic = -1;
  for (let v = start; v < end; v++) {
    if (mirror.pt.kind(v) === MTAG.atomic) {
      atomic = v;
      break;
    }
  }
  yield k.step(
    'dmirror_check_atomic',
    atomic < 0
      ? `no entry of ${mirror.name} in ${pages(end - start)} is tagged ATOMIC: the device's exclusive access has been revoked`
      : `${mirror.name} still holds ${vaddr(atomic)} tagged ATOMIC: -EPERM`,
    atomic < 0 ? 'driver' : 'error',
    { marks: atomic < 0 ? 0 : MARK.error, source: 'lib/test_hmm.c' },
  );
  return atomic < 0 ? 0 : err('EPERM');
}
