import type { MachineSpec } from '../engine/commands/terms';

/** The lecture machine: a few dozen pages per memory, one device of each HMM kind. */
export const DEFAULT_MACHINE: MachineSpec = {
  kernel: 'modern',
  platform: 'pcie4',
  ramPages: 48,
  devices: [
    { name: 'gpu0', type: 'private', pages: 16 },
    { name: 'gpu1', type: 'coherent', pages: 8 },
  ],
  processes: ['app'],
};
