/** Simulated time in the unit that reads best. */
export function formatNs(t: number): string {
  return t >= 1e6
    ? `${(t / 1e6).toFixed(3)} ms`
    : t >= 1e3
      ? `${(t / 1e3).toFixed(1)} µs`
      : `${t} ns`;
}
