/**
 * fast-check generators of machines and command sequences for the property tests: small
 * machines (so memory runs out and devices fill up), a few processes that fork and exit,
 * devices of every type (one hotplugged later), and every command with mostly valid and
 * sometimes invalid arguments.
 */
import fc from 'fast-check';
import type { Arg, NameRole } from '../commands/args';
import { COMMAND_OPS, specOf, type Command, type CommandOp } from '../commands/table';
import type {
  KernelModel,
  MachineSpec,
  MemType,
  Prot,
  RangeRef,
  ValueExpr,
} from '../commands/terms';

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
/** Names by what they name: new ones a command declares, existing ones it uses. */
const NAMES: Record<NameRole, fc.Arbitrary<string>> = {
  'new-buffer': buf,
  buffer: buf,
  'new-process': fc.constantFrom(...PROCS.slice(1)),
  device: fc.constantFrom(...DEVS),
  'new-device': fc.constant('dev2'),
};
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

/** How often each command is drawn (1 when not listed): the ones that move pages most often. */
const WEIGHTS: Partial<Record<CommandOp, number>> = {
  mmap: 6,
  'cpu-read': 6,
  'cpu-write': 6,
  'migrate-to-dev': 6,
  open: 4,
  'dev-read': 4,
  'dev-write': 3,
  'migrate-to-sys': 3,
  munmap: 2,
  mprotect: 2,
  madvise: 2,
  fork: 2,
  'cpu-inc': 2,
  gup: 2,
  unpin: 2,
  devbuf: 2,
  'dev-touch': 2,
  snapshot: 2,
  exclusive: 2,
};

/** Every command of the table, its arguments drawn as `argArb` says. */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  ...COMMAND_OPS.map((op) => ({ weight: WEIGHTS[op] ?? 1, arbitrary: commandOf(op) })),
);

function commandOf(op: CommandOp): fc.Arbitrary<Command> {
  const spec = specOf(op);
  const parts: Record<string, fc.Arbitrary<unknown>> = { op: fc.constant(op) };
  // A command that ends its subject takes one of the secondary ones: p0 lives on.
  if (spec.subject === 'process')
    parts.proc = spec.ends ? fc.constantFrom(...PROCS.slice(1)) : proc;
  if (spec.subject === 'mirror') parts.mirror = mirror;
  for (const arg of spec.args) Object.assign(parts, argArb(arg));
  // The record has every field the table gives this op.
  return fc.record(parts) as fc.Arbitrary<Command>;
}

/** Mostly valid arguments, sometimes not (names that do not exist, sizes past a device's). */
function argArb(arg: Arg): Record<string, fc.Arbitrary<unknown>> {
  switch (arg.kind) {
    case 'range':
      return { range };
    case 'value':
      return { value };
    case 'int':
      return { [arg.field]: fc.integer({ min: arg.spec.min, max: Math.min(arg.spec.max, 16) }) };
    case 'word':
      return { [arg.field]: fc.constantFrom(...arg.words) };
    case 'flags':
      return Object.fromEntries(arg.flags.map((f) => [f, fc.boolean()]));
    case 'name':
      return { [arg.field]: NAMES[arg.role] };
    case 'mirror-as':
      return { mirror };
    case 'mmap-options':
      return {
        backing: fc.constantFrom<'anon' | 'file'>('anon', 'anon', 'anon', 'file'),
        file: fc.constantFrom<string | null>(null, 'data', 'dev1'),
        shared: fc.boolean(),
        prot,
      };
  }
}

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
