/** Commands on the machine itself: device memory hotplug and unplug, memory pressure. */
import type { Command } from '../commands/table';
import type { Kernel } from '../kernel';
import { LIMITS } from '../limits';
import { doHotplug, doUnplug } from '../mem/hotplug';
import { doReclaim } from '../mm/reclaim';
import type { Gen } from '../trace/step';
import { problem, result, type OpResult } from './types';

type MachineCommand = Extract<Command, { op: 'hotplug' | 'unplug' | 'reclaim' }>;

export function* runMachineCommand(k: Kernel, cmd: MachineCommand): Gen<OpResult> {
  switch (cmd.op) {
    case 'hotplug':
      return result(yield* doHotplug(k, cmd.device, cmd.type, cmd.pages));
    case 'unplug': {
      const dev = k.m.deviceByName(cmd.device);
      if (!dev) return yield* problem(k, `there is no device named "${cmd.device}"`);
      return result(yield* doUnplug(k, dev));
    }
    case 'reclaim':
      if (cmd.pages < 1 || cmd.pages > LIMITS.ramPages)
        return yield* problem(
          k,
          `reclaim ${cmd.pages} pages is outside 1..${LIMITS.ramPages} (limit ramPages)`,
        );
      return result(yield* doReclaim(k, cmd.pages));
  }
}
