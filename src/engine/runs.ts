/**
 * Engine runs given as data (a machine and its commands, as the property tests generate them):
 * the trace hash each one ends with. Node and the browser's self-check worker run the same
 * function, so e2e can compare hashes of random runs across the two.
 */
import type { MachineSpec } from './commands/terms';
import type { Command } from './commands/table';
import { Engine } from './engine';

export interface EngineRun {
  spec: MachineSpec;
  commands: Command[];
}

/** The trace hash after every command ran, or the machine's refusal as `refused: ...`. */
export function runHash(run: EngineRun): string {
  const c = Engine.create(run.spec);
  if (!c.ok) return `refused: ${c.error}`;
  for (const cmd of run.commands) c.engine.run(cmd);
  return c.engine.traceHash();
}
