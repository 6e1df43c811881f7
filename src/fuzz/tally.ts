/**
 * The fuzz run's bookkeeping: how many inputs each target saw from each generator, and how
 * each rejection was classified. The suite asserts the total (so a refactor cannot quietly
 * shrink the run) and prints both tables once at the end, for the closing note.
 */

export class Tally {
  /** `target` → `generator` → inputs. */
  private readonly inputs = new Map<string, Map<string, number>>();
  /** `target` → rejection kind → count. */
  private readonly rejections = new Map<string, Map<string, number>>();
  private readonly accepted = new Map<string, number>();

  input(target: string, generator: string): void {
    bump(inner(this.inputs, target), generator);
  }

  accept(target: string): void {
    bump(this.accepted, target);
  }

  reject(target: string, kind: string): void {
    bump(inner(this.rejections, target), kind);
  }

  get total(): number {
    let n = 0;
    for (const gens of this.inputs.values()) for (const c of gens.values()) n += c;
    return n;
  }

  /** Inputs of one target. */
  of(target: string): number {
    let n = 0;
    for (const c of this.inputs.get(target)?.values() ?? []) n += c;
    return n;
  }

  /** Rejections of one target by kind. */
  kindsOf(target: string): ReadonlyMap<string, number> {
    return this.rejections.get(target) ?? new Map();
  }

  /** Markdown tables: inputs per target and generator, then outcomes by kind. */
  table(top = 12): string {
    const out: string[] = ['| target | generator | inputs |', '| --- | --- | ---: |'];
    for (const [target, gens] of this.inputs)
      for (const [gen, n] of gens) out.push(`| ${target} | ${gen} | ${n} |`);
    out.push(`| **all** | | **${this.total}** |`, '');
    out.push('| target | outcome | count |', '| --- | --- | ---: |');
    for (const target of this.inputs.keys()) {
      out.push(`| ${target} | accepted | ${this.accepted.get(target) ?? 0} |`);
      const kinds = [...(this.rejections.get(target) ?? new Map<string, number>())].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      );
      // The first `top`, and every limit hit whatever its rank (the limits are the point).
      const shown = kinds.filter(([k], i) => i < top || /limit|absurd|too-large/.test(k));
      for (const [kind, n] of shown) out.push(`| ${target} | ${kind} | ${n} |`);
      const rest = kinds.filter((k) => !shown.includes(k));
      if (rest.length > 0) {
        const n = rest.reduce((s, [, c]) => s + c, 0);
        out.push(`| ${target} | (${rest.length} more kinds) | ${n} |`);
      }
    }
    return out.join('\n');
  }
}

function inner<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let v = m.get(key);
  if (!v) m.set(key, (v = new Map<string, V>()));
  return v;
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}
