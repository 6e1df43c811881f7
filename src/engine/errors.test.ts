/**
 * Bad arguments get the kernel's error, never an exception and never a changed state: the
 * dmirror ioctl checks, mprotect/madvise holes, the seeds' missing ioctls, hotplug and unplug
 * refusals, and names the scenario got wrong.
 */
import { describe, expect, it } from 'vitest';
import type { KernelModel, MachineSpec, MemType } from './commands/terms';
import type { Command } from './commands/table';
import { Engine } from './engine';
import { ERRNO } from './errno';
import { checkInvariants } from './invariants';
import { Hasher } from './trace/hash';

const whole = (b: string) => ({ kind: 'buf' as const, buf: b, first: 0, count: null });

function setup(
  kernel: KernelModel = 'modern',
  type: MemType = 'private',
  extra: MachineSpec['devices'] = [],
) {
  const c = Engine.create({
    kernel,
    platform: 'pcie4',
    ramPages: 32,
    devices: [{ name: 'gpu0', type, pages: 4 }, ...extra],
    processes: ['p'],
  });
  if (!c.ok) throw new Error(c.error);
  const e = c.engine;
  e.run({
    op: 'mmap',
    proc: 'p',
    buf: 'b',
    pages: 4,
    backing: 'anon',
    file: null,
    shared: false,
    prot: 'rw',
  });
  e.run({ op: 'cpu-write', proc: 'p', range: whole('b'), value: { scale: 1, offset: 0 } });
  e.run({ op: 'open', proc: 'p', device: 'gpu0', mirror: 'm' });
  return e;
}

/** A digest of the whole machine, to show a refused command changed nothing. */
function digest(e: Engine): string {
  const m = e.machine;
  const h = new Hasher()
    .array(m.frames.ref)
    .array(m.frames.map)
    .array(m.frames.value)
    .array(m.frames.flags);
  for (const p of m.procs)
    h.str(JSON.stringify(p.vmas)).array(
      p.pt.populated(0, 2 ** 40).flatMap((v) => [p.pt.kind(v), p.pt.pfn(v), p.pt.bits(v)]),
    );
  for (const d of m.devices) h.array(d.bitmap.words);
  for (const mi of m.mirrors) h.array([...mi.pt.entries(0, 2 ** 40)]);
  return h.hex();
}

function refused(e: Engine, cmd: Command, code: number): void {
  const before = digest(e);
  const r = e.run(cmd);
  expect(r.result.ret).toBe(code);
  expect(r.steps.length).toBeGreaterThan(0);
  expect(r.steps.some((s) => s.phase === 'error')).toBe(true);
  expect(digest(e)).toBe(before);
  expect(checkInvariants(e.machine, true)).toEqual([]);
}

describe('the dmirror ioctl checks', () => {
  it.each([
    ['an unaligned start', '0x7ffff6ffb010', 1],
    ['npages 0', '0x7ffff6ffb000', 0],
    ['a range that wraps around', '0xfffffffffffff000', 2],
  ])(
    '%s is -EINVAL for every mirror command, and the previous counters stay',
    (_why, addr, npages) => {
      const e = setup();
      const read = e.run({ op: 'dev-read', mirror: 'm', range: whole('b') });
      expect([read.result.cpages, read.result.faults]).toEqual([4, 1]);
      for (const op of [
        'dev-read',
        'dev-write',
        'migrate-to-dev',
        'migrate-to-sys',
        'snapshot',
        'exclusive',
        'check-exclusive',
      ] as const) {
        const before = digest(e);
        const r = e.run({ op, mirror: 'm', range: { kind: 'addr', addr, npages } });
        expect(r.result.ret).toBe(-ERRNO.EINVAL);
        expect([r.result.cpages, r.result.faults]).toEqual([4, 1]);
        expect(digest(e)).toBe(before);
      }
    },
  );
});

describe('kernel errors', () => {
  it('MIGRATE_TO_DEV over a hole or unreadable memory is -EINVAL (migrate_mixed)', () => {
    const e = setup();
    e.run({ op: 'mprotect', proc: 'p', range: whole('b'), prot: 'none' });
    refused(e, { op: 'migrate-to-dev', mirror: 'm', range: whole('b') }, -ERRNO.EINVAL);
  });

  it('mprotect over a hole changes the mapped part before it and returns -ENOMEM', () => {
    const e = setup();
    const r = e.run({
      op: 'mprotect',
      proc: 'p',
      range: { kind: 'buf', buf: 'b', first: 2, count: 4 },
      prot: 'r',
    });
    expect(r.result.ret).toBe(-ERRNO.ENOMEM);
    const p = e.machine.procByName('p')!;
    const start = p.buffers.get('b')!.start;
    expect(p.vmas.find((v) => v.start === start + 2)?.write).toBe(false);
    expect(p.vmas.find((v) => v.start === start)?.write).toBe(true);
  });

  it('the seeds driver has no EXCLUSIVE, CHECK_EXCLUSIVE or RELEASE ioctl: -EINVAL', () => {
    const e = setup('seeds');
    refused(e, { op: 'exclusive', mirror: 'm', range: whole('b') }, -ERRNO.EINVAL);
    refused(e, { op: 'check-exclusive', mirror: 'm', range: whole('b') }, -ERRNO.EINVAL);
    refused(e, { op: 'release', mirror: 'm' }, -ERRNO.EINVAL);
  });

  it('CHECK_EXCLUSIVE is -EPERM while the device holds atomic access', () => {
    const e = setup();
    expect(e.run({ op: 'exclusive', mirror: 'm', range: whole('b') }).result.ret).toBe(0);
    refused(e, { op: 'check-exclusive', mirror: 'm', range: whole('b') }, -ERRNO.EPERM);
  });

  it('a second mirror of the same device by the same process is -EBUSY', () => {
    refused(setup(), { op: 'open', proc: 'p', device: 'gpu0', mirror: 'm2' }, -ERRNO.EBUSY);
  });

  it('persistent memory is never migrated: a DAX mapping is -EINVAL for migrate_vma', () => {
    const e = setup('modern', 'private', [{ name: 'pm0', type: 'pmem', pages: 4 }]);
    e.run({
      op: 'mmap',
      proc: 'p',
      buf: 'd',
      pages: 2,
      backing: 'file',
      file: 'pm0',
      shared: true,
      prot: 'rw',
    });
    e.run({ op: 'cpu-write', proc: 'p', range: whole('d'), value: { scale: 0, offset: 9 } });
    refused(e, { op: 'migrate-to-dev', mirror: 'm', range: whole('d') }, -ERRNO.EINVAL);
  });

  it('a CPU store to read-only memory is SIGSEGV (-EFAULT), and the pages before it are written', () => {
    const e = setup();
    e.run({
      op: 'mprotect',
      proc: 'p',
      range: { kind: 'buf', buf: 'b', first: 2, count: 2 },
      prot: 'r',
    });
    const r = e.run({
      op: 'cpu-write',
      proc: 'p',
      range: whole('b'),
      value: { scale: 0, offset: 77 },
    });
    expect(r.result.ret).toBe(-ERRNO.EFAULT);
    const p = e.machine.procByName('p')!;
    const s = p.buffers.get('b')!.start;
    expect([0, 1, 2, 3].map((i) => e.machine.frames.value[p.pt.pfn(s + i)])).toEqual([
      77, 77, 2, 3,
    ]);
  });

  it('a poisoned page gives SIGBUS (-EHWPOISON) to the CPU and -EFAULT to a device read', () => {
    const e = setup();
    expect(
      e.run({
        op: 'madvise',
        proc: 'p',
        range: { kind: 'buf', buf: 'b', first: 1, count: 1 },
        advice: 'hwpoison',
      }).result.ret,
    ).toBe(0);
    expect(e.run({ op: 'cpu-read', proc: 'p', range: whole('b') }).result.ret).toBe(
      -ERRNO.EHWPOISON,
    );
    expect(e.run({ op: 'dev-read', mirror: 'm', range: whole('b') }).result.ret).toBe(
      -ERRNO.EFAULT,
    );
    expect(checkInvariants(e.machine, true)).toEqual([]);
  });
});

describe('device memory hotplug', () => {
  it('the seeds kernel refuses to remove unaddressable memory (seed hotplug-device-flags)', () => {
    refused(setup('seeds'), { op: 'unplug', device: 'gpu0' }, -ERRNO.EINVAL);
  });

  it('memory in use cannot be unplugged in the seeds kernel (-EBUSY); the modern one evicts it first', () => {
    const seeds = setup('seeds', 'coherent');
    seeds.run({ op: 'migrate-to-dev', mirror: 'm', range: whole('b') });
    refused(seeds, { op: 'unplug', device: 'gpu0' }, -ERRNO.EBUSY);
    const modern = setup('modern', 'private');
    modern.run({ op: 'migrate-to-dev', mirror: 'm', range: whole('b') });
    expect(modern.run({ op: 'unplug', device: 'gpu0' }).result.ret).toBe(0);
    const p = modern.machine.procByName('p')!;
    expect(p.pt.populated(0, 2 ** 40).every((v) => !modern.machine.isDevicePage(p.pt.pfn(v)))).toBe(
      true,
    );
    expect(checkInvariants(modern.machine, true)).toEqual([]);
    expect(modern.run({ op: 'dev-read', mirror: 'm', range: whole('b') }).result.ret).toBe(
      -ERRNO.ENODEV,
    );
  });

  it('hotplug names the flags and refuses a taken name with -EEXIST', () => {
    const e = setup();
    const r = e.run({ op: 'hotplug', device: 'gpu1', type: 'private', pages: 4 });
    expect(r.result.ret).toBe(0);
    expect(r.steps.map((s) => s.text).join()).toMatch(
      /MEMORY_DEVICE \| MEMORY_MOVABLE \| MEMORY_UNADDRESSABLE/,
    );
    refused(e, { op: 'hotplug', device: 'gpu1', type: 'coherent', pages: 4 }, -ERRNO.EEXIST);
  });
});

describe('names the scenario got wrong', () => {
  it.each<Command>([
    { op: 'cpu-read', proc: 'nobody', range: whole('b') },
    { op: 'cpu-read', proc: 'p', range: whole('nope') },
    { op: 'dev-read', mirror: 'nope', range: whole('b') },
    { op: 'open', proc: 'p', device: 'nodev', mirror: 'x' },
    { op: 'unplug', device: 'nodev' },
  ])('%o is a problem with a message, not an exception', (cmd) => {
    const e = setup();
    const before = digest(e);
    const r = e.run(cmd);
    expect(r.result.problem).toMatch(/no |not /);
    expect(r.result.ret).toBe(-ERRNO.EINVAL);
    expect(digest(e)).toBe(before);
  });

  it('a machine over the limits is refused, naming the limit', () => {
    const c = Engine.create({
      kernel: 'modern',
      platform: 'pcie4',
      ramPages: 1e9,
      devices: [],
      processes: [],
    });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatch(/ramPages/);
  });
});
