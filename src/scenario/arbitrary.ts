/**
 * Test helper (not part of the app): a fast-check generator of valid Scenarios. Names are
 * declared before use, mirrors are open when used, numbers are in range. It keeps its own
 * small model of names instead of reusing SymbolTracker, so that the tracker is tested too.
 */
import fc from 'fast-check';
import type { Command, MemType, RangeRef, ValueExpr } from '../engine/command';
import { LIMITS } from '../engine/limits';
import type { Expect, FlagCheck, Scenario, Step } from './ast';
import {
  ADVICES,
  INT32_MAX,
  INT32_MIN,
  KERNELS,
  MEM_TYPES,
  MIRROR_ENTRIES,
  PLATFORMS,
  PROTS,
  PTE_FLAGS,
  PTE_KINDS,
  RESERVED,
} from './values';

const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/);
const fileArb = fc.stringMatching(/^[A-Za-z0-9_./+:@=,~-]{1,12}$/);

/** Titles: anything printable, including quotes, backslashes, # and non-ASCII. */
const titleArb = fc.oneof(
  fc.constantFrom('', 'one page to the GPU and back', 'say "hi" \\ # not a comment', 'µ→𝄞'),
  // eslint-disable-next-line no-control-regex
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '')),
);

const bigOr = (small: number, max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: small }) },
    fc.integer({ min: 1, max }),
  );

export const rangeArb: fc.Arbitrary<RangeRef> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('buf', 'b2', 'x.y-z').map((buf) => whole(buf)) },
  fc
    .record({ buf: nameArb, first: fc.nat(LIMITS.mmapPages - 1), n: fc.nat(20) })
    .map(({ buf, first, n }) => ({
      kind: 'buf' as const,
      buf,
      first,
      count: Math.min(n + 1, LIMITS.mmapPages - first),
    })),
  fc
    .record({
      addr: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      npages: fc.nat(LIMITS.mmapPages),
    })
    .map(({ addr, npages }) => ({ kind: 'addr' as const, addr: `0x${addr.toString(16)}`, npages })),
);

function whole(buf: string): RangeRef {
  return { kind: 'buf', buf, first: 0, count: null };
}

export const valueArb: fc.Arbitrary<ValueExpr> = fc.record({
  scale: fc.constantFrom(-1 as const, 0 as const, 1 as const),
  offset: fc.oneof(
    fc.integer({ min: -9, max: 99 }),
    fc.integer({ min: INT32_MIN, max: INT32_MAX }),
  ),
});

const seedArb = fc.record({
  op: fc.nat(40),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  name: nameArb,
  range: rangeArb,
  value: valueArb,
  bools: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  file: fc.option(fileArb),
  expects: fc.array(
    fc.record({
      kind: fc.nat(12),
      a: fc.nat(),
      b: fc.nat(),
      c: fc.option(fc.nat(9)),
      d: fc.option(fc.nat(9)),
      range: rangeArb,
      value: valueArb,
      bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
      flags: fc
        .shuffledSubarray([...PTE_FLAGS])
        .chain((fs) =>
          fc.tuple(...fs.map((flag) => fc.boolean().map((set): FlagCheck => ({ flag, set })))),
        ),
    }),
    { maxLength: 3 },
  ),
});

const machineArb = fc.record({
  title: fc.option(titleArb),
  kernel: fc.constantFrom(...KERNELS),
  platform: fc.constantFrom(...PLATFORMS),
  ramPages: bigOr(128, LIMITS.ramPages),
  devices: fc.array(
    fc.record({
      name: nameArb,
      type: fc.constantFrom(...MEM_TYPES),
      pages: bigOr(16, LIMITS.devicePages),
    }),
    { maxLength: 3 },
  ),
  processes: fc.array(nameArb, { minLength: 1, maxLength: 3 }),
});

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ machine: machineArb, steps: fc.array(seedArb, { maxLength: 25 }) })
  .map(({ machine, steps }) => build(machine, steps));

type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;
type MachineSeed = typeof machineArb extends fc.Arbitrary<infer T> ? T : never;

/** The generator's own model of names. */
class Names {
  used = new Set<string>();
  procs: string[] = [];
  devices = new Map<string, number>();
  mirrors = new Map<string, string>(); // open mirror → device
  counter = 0;

  fresh(base: string): string {
    let name = base;
    while (RESERVED.has(name) || this.used.has(name) || this.mirrors.has(name)) {
      this.counter += 1;
      name = `${base}_${this.counter}`;
    }
    return name;
  }
}

function pick<T>(xs: readonly T[], n: number): T {
  return xs[n % xs.length] as T;
}

function build(m: MachineSeed, seeds: Seed[]): Scenario {
  const names = new Names();
  const devices = m.devices.slice(0, LIMITS.devices).map((d) => {
    const name = names.fresh(d.name);
    names.used.add(name);
    names.devices.set(name, d.pages);
    return { ...d, name };
  });
  const processes = m.processes.map((p) => {
    const name = names.fresh(p);
    names.used.add(name);
    names.procs.push(name);
    return name;
  });
  const steps: Step[] = seeds.map((seed) => {
    const command = buildCommand(seed, names);
    return {
      command,
      expects: seed.expects.map((e) => buildExpect(e, names, m.ramPages)),
      line: 0,
    };
  });
  return {
    title: m.title,
    machine: { kernel: m.kernel, platform: m.platform, ramPages: m.ramPages, devices, processes },
    steps,
  };
}

function buildCommand(s: Seed, n: Names): Command {
  const proc = pick(n.procs, s.a);
  const range = s.range;
  const mirrors = [...n.mirrors.keys()];
  const devs = [...n.devices.keys()];
  const [b0 = false, b1 = false, b2 = false, b3 = false] = s.bools;
  const op = s.op;
  if (op >= 22 && mirrors.length > 0) {
    const mirror = pick(mirrors, s.b);
    switch (op % 12) {
      case 0:
        n.mirrors.delete(mirror);
        return { op: 'close', mirror };
      case 1:
        return { op: 'release', mirror };
      case 2:
        return { op: 'devbuf', mirror, range, value: s.value };
      case 3:
        return { op: 'dev-touch', mirror, range, write: b0 };
      default: {
        const ops = [
          'dev-read',
          'dev-write',
          'migrate-to-dev',
          'migrate-to-sys',
          'snapshot',
        ] as const;
        const more = ['exclusive', 'check-exclusive'] as const;
        return { op: pick([...ops, ...more], op), mirror, range };
      }
    }
  }
  if ((op >= 18 || op === 5) && devs.length > 0 && n.mirrors.size < LIMITS.mirrors) {
    const device = pick(devs, s.b);
    let mirror = `${proc}/${device}`;
    if (b0 || n.mirrors.has(mirror)) {
      mirror = n.fresh(b1 ? `${s.name}/${pick(devs, s.c)}` : s.name);
      if (mirror.split('/').length > 2) mirror = n.fresh(s.name.replace(/\//g, '_'));
    }
    n.mirrors.set(mirror, device);
    return { op: 'open', proc, device, mirror };
  }
  switch (op % 18) {
    case 0:
      return {
        op: 'mmap',
        proc,
        buf: s.name,
        pages: 1 + (s.b % 64),
        backing: b0 ? 'file' : 'anon',
        file: b0 ? s.file : null,
        shared: b1,
        prot: pick(PROTS, s.c),
      };
    case 1:
      return { op: 'munmap', proc, range };
    case 2:
      return { op: 'mprotect', proc, range, prot: pick(PROTS, s.b) };
    case 3:
      return { op: 'madvise', proc, range, advice: pick(ADVICES, s.b) };
    case 4:
      if (n.procs.length < LIMITS.processes) {
        const child = n.fresh(s.name);
        n.used.add(child);
        n.procs.push(child);
        return { op: 'fork', proc, child };
      }
      return { op: 'exit', proc };
    case 6:
      return { op: 'exit', proc };
    case 7:
      return { op: 'cpu-write', proc, range, value: s.value };
    case 8:
      return { op: 'gup', proc, range, write: b0, pin: b1, longterm: b2, fast: b3 };
    case 9:
      if (n.devices.size < LIMITS.devices) {
        const device = n.fresh(s.name);
        n.used.add(device);
        const pages = 1 + (s.b % 32);
        n.devices.set(device, pages);
        return { op: 'hotplug', device, type: pick<MemType>(MEM_TYPES, s.c), pages };
      }
      return { op: 'reclaim', pages: 1 + (s.b % LIMITS.ramPages) };
    case 10:
      return devs.length > 0
        ? { op: 'unplug', device: pick(devs, s.b) }
        : { op: 'reclaim', pages: 1 + (s.b % LIMITS.ramPages) };
    case 11:
      return { op: 'reclaim', pages: 1 + (s.b % LIMITS.ramPages) };
    default: {
      const ops = ['cpu-read', 'cpu-inc', 'unpin', 'ksm', 'numa-balance', 'migrate-pages'] as const;
      return { op: pick(ops, op), proc, range };
    }
  }
}

type ExpectSeed = Seed['expects'][number];

function buildExpect(e: ExpectSeed, n: Names, ramPages: number): Expect {
  const line = 0;
  const proc = pick(n.procs, e.a);
  const mirrors = [...n.mirrors.keys()];
  const devs = [...n.devices.keys()];
  const range = e.range;
  switch (e.kind) {
    case 1:
      return { kind: 'counters', cpages: e.c, faults: e.c === null ? (e.d ?? 0) : e.d, line };
    case 2:
      return { kind: 'pte', proc, range, pte: pick(PTE_KINDS, e.b), flags: e.flags, line };
    case 3:
      return { kind: 'value', proc, range, value: e.value, line };
    case 4:
      return mirrors.length > 0
        ? { kind: 'devbuf', mirror: pick(mirrors, e.b), range, value: e.value, line }
        : { kind: 'rss', proc, count: e.b % 1000, line };
    case 5:
      return { kind: 'snapshot', bytes: e.bytes, line };
    case 6: {
      const on =
        e.b % 3 === 0 ? null : e.b % 3 === 1 || devs.length === 0 ? 'ram' : pick(devs, e.b);
      return {
        kind: 'page',
        proc,
        range,
        ref: e.c,
        map: e.d,
        pin: on === null ? 0 : null,
        on,
        line,
      };
    }
    case 7: {
      const mem = devs.length === 0 || e.b % 2 === 0 ? 'ram' : pick(devs, e.b);
      const size = mem === 'ram' ? ramPages : (n.devices.get(mem) ?? 1);
      const state = pick(['free', 'allocated', null] as const, e.b);
      return {
        kind: 'frame',
        frame: { mem, index: e.a % size },
        ref: e.c,
        map: e.d,
        value: e.c === null ? null : e.a - 1_000_000,
        state: state === null && e.c === null && e.d === null ? 'free' : state,
        line,
      };
    }
    case 8:
    case 9:
    case 10: {
      if (devs.length === 0) return { kind: 'ret', code: 0 - (e.b % 4096), line };
      const device = pick(devs, e.b);
      const size = n.devices.get(device) ?? 1;
      if (e.kind === 10) return { kind: 'allocated', device, count: e.a % (size + 1), line };
      const first = e.a % size;
      const last = e.kind === 8 ? first : first + (e.b % (size - first));
      return { kind: 'bits', device, first, last, set: e.a % 2 === 0, line };
    }
    case 11:
      return mirrors.length > 0
        ? {
            kind: 'mirror',
            mirror: pick(mirrors, e.b),
            range,
            entry: pick(MIRROR_ENTRIES, e.a),
            line,
          }
        : { kind: 'rss', proc, count: e.b % 1000, line };
    case 12:
      return { kind: 'rss', proc, count: e.b % 100_000, line };
    default:
      return { kind: 'ret', code: 0 - (e.b % 4096), line };
  }
}
