/**
 * Replay a property-test counterexample with full narration: `npx tsx src/engine/testing/replay.ts '<json>'`
 * where json is `[spec, commands]` as fast-check prints it. A debugging aid, not a test.
 */
import { Engine } from '../engine';
import type { MachineSpec } from '../commands/terms';
import type { Command } from '../commands/table';
import { checkInvariants } from '../invariants';

export function replay(spec: MachineSpec, cmds: Command[], log: (s: string) => void): void {
  const c = Engine.create(spec);
  if (!c.ok) return log(c.error);
  cmds.forEach((cmd, i) => {
    log(`#${i} ${JSON.stringify(cmd)}`);
    const rec = c.engine.run(cmd, (st) => {
      log(`    ${st.fn}: ${st.text}`);
      for (const v of checkInvariants(c.engine.machine, false))
        log(`      !! ${v.rule}: ${v.detail}`);
    });
    log(`  => ${rec.result.ret} ${rec.result.problem ?? ''}`);
    for (const v of checkInvariants(c.engine.machine, true))
      log(`  !! after: ${v.rule}: ${v.detail}`);
  });
}
