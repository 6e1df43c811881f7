/**
 * Fixtures for the worker and store tests: scenarios parsed from their text form, so the
 * tests drive the lab with the same commands a user loads.
 */
import type { Command, KernelModel, MachineSpec } from '../engine/command';
import { STORYBOARD } from '../scenario/examples';
import { parse } from '../scenario/parse';

export interface Fixture {
  spec: MachineSpec;
  commands: Command[];
}

export function fixture(text: string): Fixture {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return { spec: r.scenario.machine, commands: r.scenario.steps.map((s) => s.command) };
}

/** The storyboard (README.md): one page to the GPU and back, in either kernel model. */
export function storyboard(kernel: KernelModel = 'modern'): Fixture {
  return fixture(STORYBOARD.replace(/^kernel modern/m, `kernel ${kernel}`));
}
