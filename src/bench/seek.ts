/**
 * Seek benchmark: a long, realistic scenario on a lecture-sized machine scaled up (modern
 * kernel, PCIe 4.0, 4096 pages of RAM, a 1024-page device-private gpu0 and a 512-page
 * device-coherent gpu1, process app), driven through the worker's LabHost as the UI drives it:
 * init with the whole scenario, then seeks to random micro-steps, step-by-step walks back and
 * forth. Measures wall time with performance.now; asserts nothing (run.ts prints the table).
 *
 * The scenario is generated from a seeded PRNG (the same seed gives the same commands
 * everywhere): buffers are mapped, written, read, incremented, migrated to either device and
 * back, read and written by the devices, dropped with MADV_DONTNEED and unmapped; children
 * fork, write their copy-on-write pages and exit.
 */
import type { MachineSpec, RangeRef } from '../engine/commands/terms';
import type { Command } from '../engine/commands/table';
import { LabHost } from '../worker/host';
import type { RunStep } from '../scenario/ast';
import type { Position } from '../timeline/position';

export const BENCH_MACHINE: MachineSpec = {
  kernel: 'modern',
  platform: 'pcie4',
  ramPages: 4096,
  devices: [
    { name: 'gpu0', type: 'private', pages: 1024 },
    { name: 'gpu1', type: 'coherent', pages: 512 },
  ],
  processes: ['app'],
};

/** mulberry32: a small, fast, seeded PRNG. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Buffer {
  name: string;
  pages: number;
}

interface Child {
  name: string;
  buffers: Buffer[];
}

/** `n` commands (a deterministic function of `seed`) for BENCH_MACHINE. */
export function benchScenario(n: number, seed = 1): Command[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  const cmds: Command[] = [];
  const live: Buffer[] = [];
  const children: Child[] = [];
  let nextBuf = 0;
  let forks = 0;
  let mapped = 0;

  const range = (b: Buffer, most = 32): RangeRef => {
    const first = int(0, b.pages - 1);
    return { kind: 'buf', buf: b.name, first, count: int(1, Math.min(most, b.pages - first)) };
  };
  const mmap = (pages: number, shared: boolean): void => {
    const b = { name: `b${nextBuf++}`, pages };
    cmds.push({
      op: 'mmap',
      proc: 'app',
      buf: b.name,
      pages,
      backing: 'anon',
      file: null,
      shared,
      prot: 'rw',
    });
    live.push(b);
    mapped += pages;
  };
  const value = (): { scale: 1; offset: number } => ({ scale: 1, offset: int(0, 1000) });

  mmap(64, false);
  cmds.push({ op: 'cpu-write', proc: 'app', range: range(live[0]!, 64), value: value() });
  cmds.push({ op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' });
  cmds.push({ op: 'open', proc: 'app', device: 'gpu1', mirror: 'app/gpu1' });

  /** [weight, action]: an action returns false when it cannot run now (another is drawn). */
  const actions: [number, () => boolean][] = [
    [
      6,
      () => {
        if (live.length >= 48 || nextBuf >= 240 || mapped > 2500) return false;
        mmap(int(4, 64), rnd() < 0.1);
        return true;
      },
    ],
    [
      3,
      () => {
        if (live.length <= 4) return false;
        const i = Math.floor(rnd() * live.length);
        const b = live[i]!;
        live.splice(i, 1);
        mapped -= b.pages;
        cmds.push({
          op: 'munmap',
          proc: 'app',
          range: { kind: 'buf', buf: b.name, first: 0, count: null },
        });
        return true;
      },
    ],
    [
      20,
      () => !!cmds.push({ op: 'cpu-write', proc: 'app', range: range(pick(live)), value: value() }),
    ],
    [12, () => !!cmds.push({ op: 'cpu-read', proc: 'app', range: range(pick(live)) })],
    [3, () => !!cmds.push({ op: 'cpu-inc', proc: 'app', range: range(pick(live)) })],
    [
      12,
      () =>
        !!cmds.push({
          op: 'migrate-to-dev',
          mirror: pick(['app/gpu0', 'app/gpu0', 'app/gpu1']),
          range: range(pick(live), 16),
        }),
    ],
    [
      6,
      () =>
        !!cmds.push({
          op: 'migrate-to-sys',
          mirror: pick(['app/gpu0', 'app/gpu1']),
          range: range(pick(live), 16),
        }),
    ],
    [
      10,
      () =>
        !!cmds.push({
          op: 'dev-read',
          mirror: pick(['app/gpu0', 'app/gpu1']),
          range: range(pick(live)),
        }),
    ],
    [
      4,
      () =>
        !!cmds.push({
          op: 'dev-write',
          mirror: pick(['app/gpu0', 'app/gpu1']),
          range: range(pick(live)),
        }),
    ],
    [
      2,
      () =>
        !!cmds.push({ op: 'madvise', proc: 'app', range: range(pick(live)), advice: 'dontneed' }),
    ],
    [
      2,
      () => {
        if (forks >= 50 || children.length >= 3) return false;
        const child = { name: `c${forks++}`, buffers: live.slice() };
        children.push(child);
        cmds.push({ op: 'fork', proc: 'app', child: child.name });
        return true;
      },
    ],
    [
      4,
      () => {
        const c = children.length ? pick(children) : undefined;
        if (!c) return false;
        const b = pick(c.buffers);
        if (rnd() < 0.6)
          cmds.push({ op: 'cpu-write', proc: c.name, range: range(b), value: value() });
        else cmds.push({ op: 'cpu-read', proc: c.name, range: range(b) });
        return true;
      },
    ],
    [
      2,
      () => {
        if (!children.length) return false;
        const [c] = children.splice(Math.floor(rnd() * children.length), 1);
        cmds.push({ op: 'exit', proc: c!.name });
        return true;
      },
    ],
  ];
  const total = actions.reduce((s, [w]) => s + w, 0);
  while (cmds.length < n) {
    let r = rnd() * total;
    for (const [w, act] of actions) {
      r -= w;
      if (r < 0) {
        act();
        break;
      }
    }
  }
  return cmds.slice(0, n);
}

export interface Timing {
  median: number;
  p95: number;
  max: number;
  n: number;
}

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0, n: s.length };
}

export interface SeekBenchOptions {
  ops?: number;
  seed?: number;
  /** Random seeks (uniform over all micro-steps). */
  seeks?: number;
  /** Micro-steps walked back (and forth) from the middle. */
  walk?: number;
  host?: LabHost;
}

export interface SeekBenchResult {
  ops: number;
  microSteps: number;
  /** Operations that returned 0 (the rest are kernel errors, also worth seeing). */
  ok: number;
  initMs: number;
  checkpointEvery: number;
  checkpoints: number;
  checkpointBytes: number;
  machineBytes: number;
  random: Timing;
  stepBack: Timing;
  stepForward: Timing;
  /** Operations replayed per random seek, on average. */
  replayedPerSeek: number;
}

export function runSeekBench(opts: SeekBenchOptions = {}): SeekBenchResult {
  const n = opts.ops ?? 10_000;
  const rnd = prng((opts.seed ?? 1) + 1);
  const steps: RunStep[] = benchScenario(n, opts.seed ?? 1).map((command) => ({
    command,
    expects: [],
    line: 0,
  }));
  const host = opts.host ?? new LabHost();

  let t = performance.now();
  const reply = host.init(BENCH_MACHINE, steps, null, null);
  const initMs = performance.now() - t;

  // Every micro-step (an operation with no steps has only its "before" position).
  const all: Position[] = [];
  for (const op of reply.ops) {
    if (op.steps.length === 0) all.push({ op: op.index, step: -1 });
    for (let s = 0; s < op.steps.length; s++) all.push({ op: op.index, step: s });
  }
  const seek = (p: Position): number => {
    t = performance.now();
    host.seek(p.op, p.step, null);
    return performance.now() - t;
  };

  const seeks = opts.seeks ?? 500;
  const replayed0 = host.stats().opsReplayed;
  const random: number[] = [];
  for (let i = 0; i < seeks; i++) random.push(seek(all[Math.floor(rnd() * all.length)]!));
  const replayedPerSeek = (host.stats().opsReplayed - replayed0) / Math.max(1, seeks);

  const walk = Math.min(opts.walk ?? 200, Math.floor(all.length / 2));
  const mid = Math.floor(all.length / 2);
  seek(all[mid]!);
  const back: number[] = [];
  for (let i = mid - 1; i >= mid - walk; i--) back.push(seek(all[i]!));
  const forward: number[] = [];
  for (let i = mid - walk + 1; i <= mid; i++) forward.push(seek(all[i]!));

  const s = host.stats();
  return {
    ops: n,
    microSteps: all.length,
    ok: reply.ops.filter((o) => o.ret === 0).length,
    initMs,
    checkpointEvery: s.checkpointEvery,
    checkpoints: s.checkpoints,
    checkpointBytes: s.checkpointBytes,
    machineBytes: s.machineBytes,
    random: timing(random),
    stepBack: timing(back),
    stepForward: timing(forward),
    replayedPerSeek,
  };
}

/** The result as a compact table. */
export function formatSeekBench(r: SeekBenchResult): string {
  const ms = (x: number): string => x.toFixed(2).padStart(8);
  const row = (name: string, t: Timing): string =>
    `${name.padEnd(22)}${String(t.n).padStart(6)}${ms(t.median)}${ms(t.p95)}${ms(t.max)}`;
  const mib = (b: number): string => (b / 1024 / 1024).toFixed(1);
  return [
    `scenario    ${r.ops} operations, ${r.microSteps} micro-steps, ${r.ok} returned 0`,
    `machine     ${(r.machineBytes / 1024).toFixed(0)} KiB (estimated, live)`,
    `checkpoints every K = ${r.checkpointEvery} operations: ${r.checkpoints} stored, ~${mib(r.checkpointBytes)} MiB`,
    `init        ${r.initMs.toFixed(0)} ms`,
    '',
    `${'seek (ms)'.padEnd(22)}${'n'.padStart(6)}${'median'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`,
    row('random micro-step', r.random),
    row('step back', r.stepBack),
    row('step forward', r.stepForward),
    `(random seeks replayed ${r.replayedPerSeek.toFixed(1)} operations each on average)`,
  ].join('\n');
}
