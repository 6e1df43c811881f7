/** Simulated time in the unit that reads best: `200 ns`, `15.9 µs`, `1.234 ms`. */
export function formatNs(t: number, micro: 'µs' | 'us' = 'µs'): string {
  return t >= 1e6
    ? `${(t / 1e6).toFixed(3)} ms`
    : t >= 1e3
      ? `${(t / 1e3).toFixed(1)} ${micro}`
      : `${t} ns`;
}
