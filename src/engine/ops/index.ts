/** One entry point for every command: the dispatcher the engine, the CLI and the UI share. */
import type { Command } from '../commands/table';
import type { Kernel } from '../kernel';
import type { Gen } from '../trace/step';
import { runMirrorCommand, runOpen } from './device';
import { runMachineCommand } from './machine';
import { runProcCommand } from './process';
import type { OpResult } from './types';

export function runCommand(k: Kernel, cmd: Command): Gen<OpResult> {
  switch (cmd.op) {
    case 'open':
      return runOpen(k, cmd);
    case 'hotplug':
    case 'unplug':
    case 'reclaim':
      return runMachineCommand(k, cmd);
    case 'close':
    case 'devbuf':
    case 'dev-read':
    case 'dev-write':
    case 'dev-touch':
    case 'migrate-to-dev':
    case 'migrate-to-sys':
    case 'snapshot':
    case 'exclusive':
    case 'check-exclusive':
    case 'release':
      return runMirrorCommand(k, cmd);
    default:
      return runProcCommand(k, cmd);
  }
}
