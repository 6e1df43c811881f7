/**
 * The headless benchmarks (`npm run bench` runs this, then the Playwright ones). One line per
 * figure: the median and the range over repeated runs, the throughput, and for engine figures
 * the baseline loop's median in the same run and the ratio. Asserts nothing: benchmarks are
 * not tests. Inputs are deterministic (fixed sizes, the seek scenario from a fixed seed).
 *
 *   npx tsx src/bench/run.ts [--reps N] [--quick] [--only engine|memory|seek]
 *                            [--seek-ops N] [--seek-seed S] [--no-100k]
 *
 * --quick leaves out the 4 GiB and 16 GiB figures and the 100,000-operation seek run.
 */
import { roundTrip, type RoundTripResult, type RoundTripSpec } from './engine';
import { measureMachine } from './memory';
import { flag, initGc, numArg, runtime, strArg } from './node';
import { formatSeekBench, runSeekBench, type SeekBenchResult, type Timing } from './seek';
import { int, line, mib, ms, rate, timeText } from './stats';

const GIB = 262_144;
const reps = Math.max(1, numArg('reps') ?? 7);
const quick = flag('quick');
const only = strArg('only');
const wants = (section: string): boolean => !only || only === section;

function sizeName(pages: number): string {
  return pages >= GIB && pages % GIB === 0
    ? `${pages / GIB} GiB`
    : `${Math.round((pages * 4) / 1024)} MiB`;
}

function engineLines(label: string, r: RoundTripResult): string[] {
  const p = r.spec.pages;
  const row = (what: string, t: RoundTripResult['toDevice'], b: RoundTripResult['toDevice']) =>
    line([
      [`${what} ${sizeName(p)} (${int(p)} pages)`, 40],
      [label, 22],
      [timeText(t), 30],
      [rate(p, t.median), 18],
      [`baseline ${ms(b.median)} ms`, 20],
      [`ratio ${(t.median / b.median).toFixed(1)}x`, 0],
    ]);
  return [
    row('migrate to device', r.toDevice, r.baseToDevice),
    row('fault back (CPU read)', r.toRam, r.baseToRam),
  ];
}

function seekLines(r: SeekBenchResult, label: string): string[] {
  const row = (what: string, t: Timing): string =>
    line([
      [`seek: ${what}`, 32],
      [label, 22],
      [`${ms(t.median)} ms (p95 ${ms(t.p95)}, max ${ms(t.max)}, n=${t.n})`, 0],
    ]);
  return [
    line([
      ['seek: init (run every operation)', 32],
      [label, 22],
      [
        `${ms(r.initMs)} ms: ${int(r.microSteps)} micro-steps, ${int(r.ok)} returned 0; checkpoints every ${r.checkpointEvery} ops: ${r.checkpoints} stored, ~${mib(r.checkpointBytes)}`,
        0,
      ],
    ]),
    row('random micro-step', r.random),
    row('step back', r.stepBack),
    row('step forward', r.stepForward),
  ];
}

async function main(): Promise<void> {
  const hasGc = await initGc();
  console.log(
    `# HMM Lab benchmarks — ${runtime()}; ${reps} repetitions per engine figure, a fresh engine each` +
      (hasGc ? '' : ' (no gc: memory figures are upper bounds)'),
  );

  if (wants('engine')) {
    console.log('\n## Engine: migrate a buffer to gpu0 (device-private) and fault it all back');
    console.log('#  median (min–max, n) · pages/s at the median · baseline loop median · ratio\n');
    const fit = (pages: number): RoundTripSpec => ({
      pages,
      ramPages: pages + 1024,
      devPages: pages,
    });
    // Warm-up (not reported): the JIT compiles the paths once before anything is timed.
    roundTrip(fit(16_384), 2);
    const sizes = quick ? [16_384, GIB] : [16_384, GIB, 4 * GIB];
    for (const pages of sizes) {
      const r = roundTrip(fit(pages), pages > GIB ? Math.min(reps, 5) : reps);
      for (const l of engineLines(`machine ${sizeName(pages + 1024)} + ${sizeName(pages)}`, r))
        console.log(l);
    }
    if (!quick) {
      const big: RoundTripSpec = { pages: 16_384, ramPages: 16 * GIB, devPages: 16 * GIB };
      for (const l of engineLines('machine 16 GiB + 16 GiB', roundTrip(big, reps))) console.log(l);
    }
  }

  if (wants('memory')) {
    console.log(
      '\n## Memory: what the engine holds for a machine (heap + ArrayBuffers, after gc)\n',
    );
    const machines = quick
      ? [{ ram: GIB, dev: GIB }]
      : [
          { ram: GIB, dev: GIB },
          { ram: 16 * GIB, dev: 16 * GIB },
        ];
    for (const { ram, dev } of machines) {
      const r = await measureMachine(
        {
          kernel: 'modern',
          platform: 'pcie4',
          ramPages: ram,
          devices: [{ name: 'gpu0', type: 'private', pages: dev }],
          processes: ['app'],
        },
        hasGc,
      );
      console.log(
        line([
          [`memory: boot ${sizeName(ram)} RAM + ${sizeName(dev)} device`, 44],
          [`${int(r.frames)} frames`, 18],
          [`${mib(r.total)}`, 12],
          [`${r.bytesPerFrame.toFixed(1)} B/frame`, 14],
          [`(heap ${mib(r.heapUsed)}, ArrayBuffers ${mib(r.arrayBuffers)})`, 0],
        ]),
      );
    }
  }

  if (wants('seek')) {
    console.log('\n## Seek in a long timeline (the worker host in Node, src/bench/seek.ts)\n');
    const ops = numArg('seek-ops') ?? 10_000;
    const seed = numArg('seek-seed');
    const r = runSeekBench({ ops, seed });
    for (const l of seekLines(r, `${int(ops)} operations`)) console.log(l);
    if (flag('seek-table')) console.log('\n' + formatSeekBench(r));
    if (!quick && !flag('no-100k')) {
      const big = runSeekBench({ ops: 100_000, seed, seeks: 100, walk: 50 });
      for (const l of seekLines(big, '100,000 operations')) console.log(l);
    }
  }
}

void main();
