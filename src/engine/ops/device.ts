/**
 * Commands on a device: opening a mirror (a process opening /dev/hmm_dmirrorN), the test
 * buffer, and the driver's ioctls. The ioctl checks come first, as in
 * dmirror_fops_unlocked_ioctl: an unaligned start, zero pages or a wrapping range is -EINVAL;
 * a mirror command that fails leaves the previous command's counters visible.
 */
import { existsIn, type Command } from '../commands/table';
import { err } from '../errno';
import { pages, vaddr, type Kernel } from '../kernel';
import { LIMITS } from '../limits';
import { evictDevice } from '../driver/evict';
import { dmirrorCheckExclusive, dmirrorExclusive } from '../driver/exclusive';
import { mirrorReach, readIntoDevbuf } from '../driver/mirror_io';
import { migrateToDevice } from '../driver/migrate_to_dev';
import { migrateToSystem } from '../driver/migrate_to_sys';
import { drvName } from '../driver/names';
import { dmirrorRead, dmirrorWrite } from '../driver/read_write';
import { dmirrorSnapshot } from '../driver/snapshot';
import { deviceTouch } from '../driver/touch';
import { evalValue } from '../mm/access';
import { Mirror, type Device, type Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { resolveMirror, resolveProc, resolveRange, type PageRange } from './resolve';
import { problem, refuse, result, type OpResult } from './types';

type MirrorCommand = Exclude<Extract<Command, { mirror: string }>, { op: 'open' }>;

export function* runOpen(k: Kernel, cmd: Extract<Command, { op: 'open' }>): Gen<OpResult> {
  const m = k.m;
  const pr = resolveProc(m, cmd.proc);
  if (!pr.ok) return yield* problem(k, pr.message);
  const dev = m.deviceByName(cmd.device);
  if (!dev) return yield* problem(k, `there is no device named "${cmd.device}"`);
  const taken = m.mirrors.find((x) => x.name === cmd.mirror && x.open);
  if (
    taken ||
    m.procByName(cmd.mirror) ||
    (m.deviceByName(cmd.mirror) && cmd.mirror !== cmd.device)
  )
    return yield* problem(k, `the name "${cmd.mirror}" is already taken`);
  if (m.mirrors.filter((x) => x.open).length >= LIMITS.mirrors)
    return yield* refuse(
      k,
      drvName(k, 'open'),
      `already ${LIMITS.mirrors} mirrors open (limit mirrors)`,
      err('ENOMEM'),
    );
  const p = pr.value;
  const twin = m.mirrors.find((x) => x.open && x.pid === p.pid && x.dev === dev.index);
  if (twin)
    // Real drivers keep one mirror per device per address space (nouveau's svmm, amdgpu's
    // svms). test_hmm would accept a second open, but its MMU_NOTIFY_MIGRATE owner filter
    // (owner == device) would then leave the second mirror pointing at freed pages.
    return yield* refuse(
      k,
      drvName(k, 'open'),
      `${p.name} already mirrors ${dev.name} through ${twin.name}; HMM Lab keeps one mirror per device per process, as real drivers do`,
      err('EBUSY'),
    );
  if (!p.alive) return yield* refuse(k, drvName(k, 'open'), `${p.name} has exited`, err('EINVAL'));
  if (!dev.online)
    return yield* refuse(k, drvName(k, 'open'), `${dev.name} has been unplugged`, err('ENODEV'));
  if (dev.type === 'pmem')
    return yield* refuse(
      k,
      drvName(k, 'open'),
      `${dev.name} is persistent memory, not an HMM device`,
      err('ENODEV'),
    );
  const mirror = new Mirror(m.mirrors.length, cmd.mirror, p.pid, dev.index);
  m.mirrors.push(mirror);
  yield k.step(
    drvName(k, 'open'),
    `${p.name} opens ${dev.name}: mirror ${mirror.name} registers for mmu-notifier invalidation over ${p.name}'s whole address space; its page table is empty`,
    'syscall',
    { source: 'lib/test_hmm.c' },
  );
  return result(0);
}

/** The ioctl copies the counters back only on success. */
function counters(mirror: Mirror, ret: number, cpages: number, faults: number): OpResult {
  if (ret === 0) {
    mirror.cpages = cpages;
    mirror.faults = faults;
  }
  return result(ret, { cpages: mirror.cpages, faults: mirror.faults });
}

/** After MIGRATE_TO_DEV and EXCLUSIVE the driver reads the range back through its mirror. */
function* readBack(
  k: Kernel,
  mirror: Mirror,
  start: number,
  n: number,
): Gen<{ ret: number; cpages: number }> {
  const reach = mirrorReach(mirror, start, start + n, false);
  if (reach === n) readIntoDevbuf(k, mirror, start, n);
  yield k.step(
    'dmirror_do_read',
    reach === n
      ? `read back ${pages(n)} through ${mirror.name} for verification (cpages ${n})`
      : `read back through ${mirror.name}: ${pages(reach)} found, no mirror entry at ${vaddr(start + reach)}: -ENOENT (that page did not reach the device)`,
    reach === n ? 'copy' : 'error',
    { pages: Math.max(1, reach), marks: reach === n ? 0 : MARK.error, source: 'lib/test_hmm.c' },
  );
  return { ret: reach === n ? 0 : err('ENOENT'), cpages: reach };
}

export function* runMirrorCommand(k: Kernel, cmd: MirrorCommand): Gen<OpResult> {
  const mr = resolveMirror(k.m, cmd.mirror);
  if (!mr.ok) return yield* problem(k, mr.message);
  const mirror = mr.value;
  if (!mirror.open) return yield* problem(k, `mirror ${mirror.name} is closed`);
  const dev = k.m.devices[mirror.dev];
  const p = k.m.procs[mirror.pid];
  if (!dev || !p) return yield* problem(k, `mirror ${mirror.name} is broken`);

  if (cmd.op === 'close') {
    mirror.open = false;
    const n = mirror.pt.size;
    for (const vpn of [...mirror.pt.entries(0, Number.MAX_SAFE_INTEGER)]) {
      mirror.pt.clear(vpn);
      k.m.log.mirror(mirror.id, vpn);
    }
    yield k.step(
      drvName(k, 'release'),
      `${mirror.name} closed: notifier removed, its ${n} entr${n === 1 ? 'y' : 'ies'} destroyed (xa_destroy)`,
      'syscall',
      { source: 'lib/test_hmm.c' },
    );
    if (!k.seeds && dev.online && dev.bitmap.allocated > 0)
      yield* evictDevice(
        k,
        dev,
        `${mirror.name}: dmirror_fops_release evicts ${dev.name}'s memory`,
      );
    return result(0);
  }
  if (cmd.op === 'devbuf') {
    const rr = resolveRange(p, cmd.range);
    if (!rr.ok) return yield* problem(k, rr.message);
    const r = rr.value;
    for (let i = 0; i < r.npages; i++)
      mirror.devbuf.set(r.start + i, 1, evalValue(cmd.value, r.base + i), 0);
    yield k.step(
      '(test program)',
      `fill the device-side buffer of ${mirror.name} for ${pages(r.npages)} at ${vaddr(r.start)}`,
      'syscall',
      {},
    );
    return result(0);
  }
  if (!existsIn(cmd.op, k.m.model))
    return yield* refuse(
      k,
      drvName(k, 'ioctl'),
      `this ioctl does not exist in the seeds' driver (device exclusive access arrived in v5.14, RELEASE with the modern test driver)`,
      err('EINVAL'),
    );
  if (!dev.online)
    return yield* refuse(k, drvName(k, 'ioctl'), `${dev.name} has been unplugged`, err('ENODEV'));
  if (cmd.op === 'release') {
    yield* evictDevice(
      k,
      dev,
      `${mirror.name}: HMM_DMIRROR_RELEASE (dmirror_device_remove_chunks)`,
    );
    return result(0);
  }
  const rr = resolveRange(p, cmd.range);
  if (!rr.ok) {
    if (!rr.einval) return yield* problem(k, rr.message);
    yield* refuse(k, drvName(k, 'ioctl'), rr.message, err('EINVAL'), 'lib/test_hmm.c');
    return result(err('EINVAL'), { cpages: mirror.cpages, faults: mirror.faults });
  }
  if (!p.alive) {
    yield* refuse(
      k,
      drvName(k, 'ioctl'),
      `${p.name} has exited: mmget_not_zero fails`,
      err('EINVAL'),
      'lib/test_hmm.c',
    );
    return result(err('EINVAL'), { cpages: mirror.cpages, faults: mirror.faults });
  }
  return yield* ioctl(k, cmd, mirror, p, dev, rr.value);
}

function* ioctl(
  k: Kernel,
  cmd: MirrorCommand,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  r: PageRange,
): Gen<OpResult> {
  const start = r.start;
  const end = r.start + r.npages;
  switch (cmd.op) {
    case 'dev-read': {
      const x = yield* dmirrorRead(k, mirror, p, dev, start, end);
      return counters(mirror, x.ret, x.cpages, x.faults);
    }
    case 'dev-write': {
      const x = yield* dmirrorWrite(k, mirror, p, dev, start, end);
      return counters(mirror, x.ret, x.cpages, x.faults);
    }
    case 'dev-touch': {
      const x = yield* deviceTouch(k, mirror, p, dev, start, end, cmd.write);
      return counters(mirror, x.ret, x.cpages, x.faults);
    }
    case 'migrate-to-dev': {
      const out = yield* migrateToDevice(k, mirror, p, dev, start, end);
      if (out.ret) return counters(mirror, out.ret, 0, 0);
      if (k.seeds) return counters(mirror, 0, out.migrated, 0);
      const rb = yield* readBack(k, mirror, start, r.npages);
      return counters(mirror, rb.ret, rb.cpages, 0);
    }
    case 'migrate-to-sys': {
      const out = yield* migrateToSystem(k, mirror, p, dev, start, end);
      return counters(mirror, out.ret, out.migrated, 0);
    }
    case 'snapshot': {
      const bytes = yield* dmirrorSnapshot(k, mirror, p, dev, start, end);
      const res = counters(mirror, 0, r.npages, 0);
      return { ...res, snapshot: bytes };
    }
    case 'exclusive': {
      const ret = yield* dmirrorExclusive(k, mirror, p, dev, start, end);
      if (ret) return counters(mirror, ret, 0, 0);
      const rb = yield* readBack(k, mirror, start, r.npages);
      return counters(mirror, rb.ret, rb.cpages, 0);
    }
    case 'check-exclusive': {
      const ret = yield* dmirrorCheckExclusive(k, mirror, start, end);
      return counters(mirror, ret, 0, 0);
    }
    default:
      return yield* problem(k, `${cmd.op} is not a mirror command`);
  }
}
