/**
 * Test helper (not part of the app): a fast-check generator of valid Scenarios. Names are
 * declared before use, mirrors are open when used, numbers are in range. It keeps its own
 * small model of names instead of reusing SymbolTracker, so that the tracker is tested too.
 */
import fc from 'fast-check';
import type { Arg, NameArg } from '../engine/commands/args';
import { COMMAND_OPS, specOf, type Command, type CommandOp } from '../engine/commands/table';
import {
  KERNELS,
  MEM_TYPES,
  PLATFORMS,
  PROTS,
  type RangeRef,
  type ValueExpr,
} from '../engine/commands/terms';
import { LIMITS } from '../engine/limits';
import type { Expect, FlagCheck, Focus, Note, Scenario, Step } from './ast';
import { INT32_MAX, INT32_MIN, MIRROR_ENTRIES, PTE_FLAGS, PTE_KINDS, RESERVED } from './values';

const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,6}$/);
const fileArb = fc.stringMatching(/^[A-Za-z0-9_./+:@=,~-]{1,12}$/);

/** Titles: anything printable, including quotes, backslashes, # and non-ASCII. */
const titleArb = fc.oneof(
  fc.constantFrom('', 'one page to the GPU and back', 'say "hi" \\ # not a comment', 'µ→𝄞'),
  // eslint-disable-next-line no-control-regex
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '')),
);

/** Notes: what a title may hold, with something to say, up to the length limit. */
const noteArb: fc.Arbitrary<Note> = fc
  .oneof(
    fc.constantFrom(
      'why a migration entry?',
      '<b>not markup</b> "quoted" \\ # µ→𝄞',
      'x'.repeat(LIMITS.noteLength),
    ),
    titleArb,
  )
  .map((text) => ({ text: text.trim() === '' ? `note ${text}` : text, line: 0 }));

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
  op: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  name: nameArb,
  range: rangeArb,
  value: valueArb,
  bools: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  file: fc.option(fileArb),
  notes: fc.array(noteArb, { maxLength: LIMITS.notes }),
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

/** Which mmap of a header process the focus is on, and which of its pages (or none). */
const focusSeedArb = fc.option(fc.record({ pick: fc.nat(), first: fc.nat(), count: fc.nat() }));

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    machine: machineArb,
    steps: fc.array(seedArb, { maxLength: 25 }),
    focus: focusSeedArb,
  })
  .map(({ machine, steps, focus }) => build(machine, steps, focus));

type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;
type MachineSeed = typeof machineArb extends fc.Arbitrary<infer T> ? T : never;
type FocusSeed = typeof focusSeedArb extends fc.Arbitrary<infer T> ? T : never;

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

function build(m: MachineSeed, seeds: Seed[], focusSeed: FocusSeed): Scenario {
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
      notes: seed.notes,
      line: 0,
    };
  });
  return {
    title: m.title,
    focus: buildFocus(focusSeed, processes, steps),
    machine: { kernel: m.kernel, platform: m.platform, ramPages: m.ramPages, devices, processes },
    steps,
  };
}

/**
 * A focus on pages of a buffer that a header process maps (its first mmap of that name, as
 * focus.ts reads it), a whole buffer or a range in it; null without a seed or such an mmap.
 */
function buildFocus(seed: FocusSeed, processes: readonly string[], steps: Step[]): Focus | null {
  const firsts = new Map<string, { proc: string; buf: string; pages: number }>();
  for (const { command: c } of steps)
    if (c.op === 'mmap' && processes.includes(c.proc) && !firsts.has(`${c.proc} ${c.buf}`))
      firsts.set(`${c.proc} ${c.buf}`, { proc: c.proc, buf: c.buf, pages: c.pages });
  const maps = [...firsts.values()];
  if (seed === null || maps.length === 0) return null;
  const { proc, buf, pages } = pick(maps, seed.pick);
  if (seed.count % 3 === 0) return { proc, range: whole(buf) as Focus['range'], line: 0 };
  const first = seed.first % pages;
  const count = 1 + (seed.count % (pages - first));
  return { proc, range: { kind: 'buf', buf, first, count }, line: 0 };
}

/** A command of the table picked by the seed, with valid names; a reclaim when that one cannot
 * be built here (no mirror open yet, a name limit reached). */
function buildCommand(s: Seed, n: Names): Command {
  const op = COMMAND_OPS[s.op % COMMAND_OPS.length] ?? 'reclaim';
  return tryCommand(op, s, n) ?? { op: 'reclaim', pages: 1 + (s.b % LIMITS.ramPages) };
}

function tryCommand(op: CommandOp, s: Seed, n: Names): Command | null {
  const spec = specOf(op);
  const c: Record<string, unknown> = { op };
  if (spec.subject === 'process') c.proc = pick(n.procs, s.a);
  if (spec.subject === 'mirror') {
    const mirrors = [...n.mirrors.keys()];
    if (mirrors.length === 0) return null;
    c.mirror = pick(mirrors, s.b);
  }
  // Declarations apply once every argument is built (a new device needs its size first).
  const declare: (() => void)[] = [];
  for (const arg of spec.args) if (!buildArg(arg, c, s, n, declare)) return null;
  if (spec.subject === 'mirror' && spec.ends) n.mirrors.delete(String(c.mirror));
  for (const d of declare) d();
  return c as Command;
}

/** Fills `arg`'s fields of `c`; false when it cannot be built now. */
function buildArg(
  arg: Arg,
  c: Record<string, unknown>,
  s: Seed,
  n: Names,
  declare: (() => void)[],
): boolean {
  const devs = [...n.devices.keys()];
  const [b0 = false, b1 = false, , b3 = false] = s.bools;
  switch (arg.kind) {
    case 'range':
      c.range = s.range;
      return true;
    case 'value':
      c.value = s.value;
      return true;
    case 'int': {
      // Mostly small (so commands run), sometimes anywhere up to the limit.
      const span = arg.spec.max - arg.spec.min + 1;
      c[arg.field] = arg.spec.min + (s.b % (b3 ? span : Math.min(64, span)));
      return true;
    }
    case 'word':
      c[arg.field] = pick(arg.words, s.c);
      return true;
    case 'flags':
      arg.flags.forEach((f, i) => (c[f] = s.bools[i % s.bools.length] ?? false));
      return true;
    case 'name':
      return buildName(arg, c, s, n, declare);
    case 'mirror-as': {
      if (devs.length === 0 || n.mirrors.size >= LIMITS.mirrors) return false;
      const device = String(c.device);
      let mirror = `${String(c.proc)}/${device}`;
      if (b0 || n.mirrors.has(mirror)) {
        mirror = n.fresh(b1 ? `${s.name}/${pick(devs, s.c)}` : s.name);
        if (mirror.split('/').length > 2) mirror = n.fresh(s.name.replace(/\//g, '_'));
      }
      c.mirror = mirror;
      declare.push(() => n.mirrors.set(mirror, device));
      return true;
    }
    case 'mmap-options':
      c.backing = b0 ? 'file' : 'anon';
      c.file = b0 ? s.file : null;
      c.shared = b1;
      c.prot = pick(PROTS, s.c);
      return true;
  }
}

/** A name by its role: an existing one, or a fresh one declared with the command. */
function buildName(
  arg: NameArg,
  c: Record<string, unknown>,
  s: Seed,
  n: Names,
  declare: (() => void)[],
): boolean {
  const devs = [...n.devices.keys()];
  /** A fresh name for the field, declared with the command; false when the limit is reached. */
  const fresh = (room: boolean, add: (name: string) => void): boolean => {
    if (!room) return false;
    const name = n.fresh(s.name);
    c[arg.field] = name;
    declare.push(() => {
      n.used.add(name);
      add(name);
    });
    return true;
  };
  switch (arg.role) {
    case 'new-buffer':
    case 'buffer':
      c[arg.field] = s.name;
      return true;
    case 'device':
      if (devs.length === 0) return false;
      c[arg.field] = pick(devs, s.b);
      return true;
    case 'new-process':
      return fresh(n.procs.length < LIMITS.processes, (name) => n.procs.push(name));
    case 'new-device':
      return fresh(n.devices.size < LIMITS.devices, (name) => n.devices.set(name, Number(c.pages)));
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
