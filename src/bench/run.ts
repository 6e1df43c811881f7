/**
 * The benchmarks that run headless (npm run bench runs this first, then the Playwright ones):
 * seeking in a 10,000-operation timeline. `npx tsx src/bench/run.ts [--ops N] [--seed S]`.
 * Prints a table; asserts nothing.
 */
import { formatSeekBench, runSeekBench } from './seek';

/** Node's argv when there is one (this file is also type-checked without Node's types). */
const argv = (globalThis as { process?: { argv?: string[] } }).process?.argv ?? [];
const arg = (name: string): number | undefined => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : undefined;
};

console.log('# Seek in a long timeline (src/bench/seek.ts)\n');
console.log(formatSeekBench(runSeekBench({ ops: arg('ops'), seed: arg('seed') })));
