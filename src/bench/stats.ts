/** Summaries of repeated measurements, and the one-line format every figure is printed in. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles. */
  q1: number;
  q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}

export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    min: s[0] ?? 0,
    max: s[s.length - 1] ?? 0,
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
  };
}

/** Milliseconds with three significant figures. */
export function ms(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** 262144 -> "262,144". */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1) + ' MiB';
}

/** "12.3 ms (11.9–13.0, n=7)": the median and the whole range of the runs. */
export function timeText(s: Summary): string {
  return `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)}, n=${s.n})`;
}

/** Pages per second, in millions. */
export function rate(pages: number, msMedian: number): string {
  return `${(pages / msMedian / 1000).toFixed(2)} M pages/s`;
}

/** Columns of one figure's line, padded so a block of figures lines up. */
export function line(cols: readonly [string, number][]): string {
  return cols
    .map(([text, width]) => text.padEnd(width))
    .join('  ')
    .trimEnd();
}
