/**
 * fast-check generators of machines and command sequences for the property tests: small
 * machines (so memory runs out and devices fill up), a few processes that fork and exit,
 * devices of every type (one hotplugged later), and every command with mostly valid and
 * sometimes invalid arguments.
 */
import fc from 'fast-check';
import type {
  Command,
  KernelModel,
  MachineSpec,
  MemType,
  Prot,
  RangeRef,
  ValueExpr,
} from '../command';

const PROCS = ['p0', 'p1', 'p2', 'p3'];
const BUFS = ['a', 'b', 'c'];
const DEVS = ['dev0', 'dev1', 'dev2'];
const MIRRORS = ['m0', 'm1', 'm2', 'm3'];

export const machineArb = (kernel?: KernelModel): fc.Arbitrary<MachineSpec> =>
  fc.record({
    kernel: kernel ? fc.constant(kernel) : fc.constantFrom<KernelModel>('modern', 'seeds'),
    platform: fc.constantFrom<'pcie4' | 'c2c'>('pcie4', 'c2c'),
    ramPages: fc.integer({ min: 12, max: 96 }),
    devices: fc
      .tuple(
        fc.constantFrom<MemType>('private', 'coherent', 'private'),
        fc.integer({ min: 2, max: 16 }),
        fc.constantFrom<MemType | null>(null, 'private', 'coherent', 'pmem'),
        fc.integer({ min: 2, max: 12 }),
      )
      .map(([t0, n0, t1, n1]) => [
        { name: 'dev0', type: t0, pages: n0 },
        ...(t1 ? [{ name: 'dev1', type: t1, pages: n1 }] : []),
      ]),
    processes: fc.constant(['p0']),
  });

/** Mostly names that exist (p0, a, m0), sometimes others, so errors are exercised too. */
const weighted = (xs: readonly string[], w: readonly number[]): fc.Arbitrary<string> =>
  fc.oneof(...xs.map((x, i) => ({ weight: w[i] ?? 1, arbitrary: fc.constant(x) })));
const proc = weighted(PROCS, [14, 4, 2, 1]);
const buf = weighted(BUFS, [14, 4, 2]);
const mirror = weighted(MIRRORS, [14, 4, 2, 1]);
const prot = fc.constantFrom<Prot>('rw', 'rw', 'r', 'none');
const value: fc.Arbitrary<ValueExpr> = fc.record({
  scale: fc.constantFrom<-1 | 0 | 1>(-1, 0, 1),
  offset: fc.integer({ min: -100, max: 100 }),
});

const range: fc.Arbitrary<RangeRef> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant<'buf'>('buf'),
      buf,
      first: fc.integer({ min: 0, max: 6 }),
      count: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant<'addr'>('addr'),
      addr: fc.constantFrom(
        '0x7ffff6ff8001',
        '0x0',
        '0xfffffffffffff000',
        '0x1000',
        '0x7ffff6ffe000',
      ),
      npages: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant<'mmap'>('mmap'),
      proc,
      buf,
      pages: fc.integer({ min: 1, max: 8 }),
      backing: fc.constantFrom<'anon' | 'file'>('anon', 'anon', 'anon', 'file'),
      file: fc.constantFrom<string | null>(null, 'data', 'dev1'),
      shared: fc.boolean(),
      prot,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<'munmap'>('munmap'), proc, range }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant<'mprotect'>('mprotect'), proc, range, prot }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant<'madvise'>('madvise'),
      proc,
      range,
      advice: fc.constantFrom<'dontneed' | 'hwpoison'>(
        'dontneed',
        'dontneed',
        'dontneed',
        'hwpoison',
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant<'fork'>('fork'),
      proc,
      child: fc.constantFrom(...PROCS.slice(1)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant<'exit'>('exit'),
      proc: fc.constantFrom(...PROCS.slice(1)),
    }),
  },
  { weight: 6, arbitrary: fc.record({ op: fc.constant<'cpu-read'>('cpu-read'), proc, range }) },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant<'cpu-write'>('cpu-write'), proc, range, value }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<'cpu-inc'>('cpu-inc'), proc, range }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant<'gup'>('gup'),
      proc,
      range,
      write: fc.boolean(),
      pin: fc.boolean(),
      longterm: fc.boolean(),
      fast: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<'unpin'>('unpin'), proc, range }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant<'open'>('open'),
      proc,
      device: fc.constantFrom(...DEVS),
      mirror,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<'close'>('close'), mirror }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant<'devbuf'>('devbuf'), mirror, range, value }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant<'dev-read'>('dev-read'), mirror, range }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant<'dev-write'>('dev-write'), mirror, range }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant<'dev-touch'>('dev-touch'),
      mirror,
      range,
      write: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant<'migrate-to-dev'>('migrate-to-dev'), mirror, range }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant<'migrate-to-sys'>('migrate-to-sys'), mirror, range }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<'snapshot'>('snapshot'), mirror, range }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant<'exclusive'>('exclusive'), mirror, range }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant<'check-exclusive'>('check-exclusive'), mirror, range }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<'release'>('release'), mirror }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant<'hotplug'>('hotplug'),
      device: fc.constant('dev2'),
      type: fc.constantFrom<MemType>('private', 'coherent', 'pmem'),
      pages: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant<'unplug'>('unplug'), device: fc.constantFrom(...DEVS) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<'ksm'>('ksm'), proc, range }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant<'reclaim'>('reclaim'),
      pages: fc.integer({ min: 1, max: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant<'numa-balance'>('numa-balance'), proc, range }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant<'migrate-pages'>('migrate-pages'), proc, range }),
  },
);

/** A start that makes the sequences useful: a buffer, data in it, and a mirror. */
export const PRELUDE: Command[] = [
  {
    op: 'mmap',
    proc: 'p0',
    buf: 'a',
    pages: 6,
    backing: 'anon',
    file: null,
    shared: false,
    prot: 'rw',
  },
  {
    op: 'cpu-write',
    proc: 'p0',
    range: { kind: 'buf', buf: 'a', first: 0, count: null },
    value: { scale: 1, offset: 0 },
  },
  { op: 'open', proc: 'p0', device: 'dev0', mirror: 'm0' },
  { op: 'open', proc: 'p0', device: 'dev1', mirror: 'm1' },
];

export const sequenceArb = fc
  .array(commandArb, { minLength: 5, maxLength: 60 })
  .map((cmds) => [...PRELUDE, ...cmds]);
