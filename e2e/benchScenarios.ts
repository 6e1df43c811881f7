/**
 * The scenarios the browser benchmark loads (e2e/bench.spec.ts), as scenario text: built here
 * so the benchmark needs no files beside the repository.
 */
import type { MachineSpec } from '../src/engine/commands/terms';
import type { Command } from '../src/engine/commands/table';
import { BENCH_MACHINE, benchScenario } from '../src/bench/seek';
import { format } from '../src/scenario/format';
import { DEFAULT_MACHINE } from '../src/views/defaultMachine';

/** 1 GiB: 262,144 pages of 4 KiB. */
export const GIB_PAGES = 262_144;

const whole = (buf: string) => ({ kind: 'buf' as const, buf, first: 0, count: null });

function text(title: string, machine: MachineSpec, commands: Command[]): string {
  return format({
    title,
    focus: null,
    machine,
    steps: commands.map((command) => ({ command, expects: [], notes: [], line: 0 })),
  });
}

/**
 * A 1 GiB buffer: mmap and write its 262,144 pages, migrate them all to a device and fault
 * them back. RAM and the device are sized to hold it.
 */
export function gibScenario(): string {
  return text(
    '1 GiB buffer',
    {
      kernel: 'modern',
      platform: 'pcie4',
      ramPages: GIB_PAGES + 4096,
      devices: [{ name: 'gpu0', type: 'private', pages: GIB_PAGES }],
      processes: ['app'],
    },
    [
      {
        op: 'mmap',
        proc: 'app',
        buf: 'buf',
        pages: GIB_PAGES,
        backing: 'anon',
        file: null,
        shared: false,
        prot: 'rw',
      },
      { op: 'cpu-write', proc: 'app', range: whole('buf'), value: { scale: 1, offset: 0 } },
      { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' },
      { op: 'migrate-to-dev', mirror: 'app/gpu0', range: whole('buf') },
      { op: 'cpu-read', proc: 'app', range: whole('buf') },
    ],
  );
}

/** The seek benchmark's 10,000-operation scenario (src/bench/seek.ts), as text. */
export function longScenario(n = 10_000): string {
  return text(`${n} operations`, BENCH_MACHINE, benchScenario(n));
}

/**
 * A lecture on the default machine, long enough to play for seconds at 60 micro-steps a
 * second: eight pages written, the device opened, then rounds of migrate, CPU read (fault
 * back), device read and CPU write.
 */
export function playbackScenario(rounds = 40): string {
  const buf = { kind: 'buf' as const, buf: 'buf0', first: 0, count: null };
  const commands: Command[] = [
    {
      op: 'mmap',
      proc: 'app',
      buf: 'buf0',
      pages: 8,
      backing: 'anon',
      file: null,
      shared: false,
      prot: 'rw',
    },
    { op: 'cpu-write', proc: 'app', range: buf, value: { scale: 1, offset: 0 } },
    { op: 'open', proc: 'app', device: 'gpu0', mirror: 'app/gpu0' },
  ];
  for (let i = 0; i < rounds; i++)
    commands.push(
      { op: 'migrate-to-dev', mirror: 'app/gpu0', range: buf },
      { op: 'cpu-read', proc: 'app', range: buf },
      { op: 'dev-read', mirror: 'app/gpu0', range: buf },
      { op: 'cpu-write', proc: 'app', range: buf, value: { scale: 1, offset: i } },
    );
  return text('playback', DEFAULT_MACHINE, commands);
}
