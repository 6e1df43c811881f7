/**
 * Property tests: random command sequences on small machines (several processes, devices of
 * every type, forks, pins, hotplug, both kernel models) keep every invariant after every
 * micro-step, return only kernel result codes, never throw, keep every page's value, and are
 * deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineSpec } from './commands/terms';
import type { Command } from './commands/table';
import { Engine } from './engine';
import { ERRNO } from './errno';
import { checkInvariants } from './invariants';
import { machineArb, sequenceArb } from './testing/arbitrary';
import { Shadow } from './testing/shadow';
import { cpuValue } from '../scenario/inspect';

const KERNEL_CODES = new Set<number>([0, ...Object.values(ERRNO).map((e) => -e)]);
const READS_BACK = new Set(['dev-read', 'migrate-to-dev', 'exclusive']);

function runChecked(spec: MachineSpec, cmds: Command[]): string[] {
  const created = Engine.create(spec);
  if (!created.ok) return [`machine refused: ${created.error}`];
  const e = created.engine;
  const shadow = new Shadow();
  const errors: string[] = [];
  cmds.forEach((cmd, ci) => {
    const before = e.machine.procs.length;
    const rec = e.run(cmd, (step) => {
      for (const v of checkInvariants(e.machine, false))
        errors.push(`#${ci} ${cmd.op} step ${step.fn}: ${v.rule}: ${v.detail}`);
    });
    if (!KERNEL_CODES.has(rec.result.ret))
      errors.push(`#${ci} ${cmd.op}: result ${rec.result.ret} is not a kernel result code`);
    for (const v of checkInvariants(e.machine, true))
      errors.push(`#${ci} ${cmd.op} after: ${v.rule}: ${v.detail}`);
    shadow.apply(e.machine, cmd, rec.result, before);
    const readsBack = cmd.op === 'dev-read' || (spec.kernel === 'modern' && READS_BACK.has(cmd.op));
    if (rec.result.ret === 0 && !rec.result.problem && readsBack && 'mirror' in cmd)
      errors.push(
        ...shadow.checkDevbuf(e.machine, cmd.mirror, cmd).map((x) => `#${ci} ${cmd.op}: ${x}`),
      );
    errors.push(...shadow.check(e.machine, cpuValue).map((x) => `#${ci} ${cmd.op}: ${x}`));
  });
  return errors.slice(0, 10);
}

describe('random command sequences', () => {
  it.each(['modern', 'seeds'] as const)(
    'keep every invariant and every value (%s kernel)',
    (kernel) => {
      fc.assert(
        fc.property(machineArb(kernel), sequenceArb, (spec, cmds) => {
          expect(runChecked(spec, cmds)).toEqual([]);
        }),
        { numRuns: 400 },
      );
    },
    120_000,
  );

  it('are deterministic: the same sequence gives the same trace hash', () => {
    fc.assert(
      fc.property(machineArb(), sequenceArb, (spec, cmds) => {
        const hash = (): string => {
          const c = Engine.create(spec);
          if (!c.ok) return c.error;
          for (const cmd of cmds) c.engine.run(cmd);
          return c.engine.traceHash();
        };
        expect(hash()).toBe(hash());
      }),
      { numRuns: 40 },
    );
  });
});
