/**
 * The machine's commands (the first word is `machine`): memory pressure, and device memory
 * hotplug and unplug. Entries of the command table (table.ts); their order is the lab's.
 */
import { DEVICE_PAGES, RECLAIM_PAGES } from '../limits';
import { int, name, word } from './args';
import { ALL_MODELS, command, type AnyCommandSpec } from './spec';
import { MEM_TYPE_ALIASES, MEM_TYPES } from './terms';

/** A device's memory type: hotplug's argument, and the header's `device` line's. */
export const MEM_TYPE_ARG = word(
  'type',
  MEM_TYPES,
  'a memory type',
  { label: 'hotplug type', initial: 'private' },
  MEM_TYPE_ALIASES,
);

export const MACHINE_COMMANDS = {
  reclaim: command({
    subject: 'machine',
    verbs: ['reclaim'],
    args: [
      int('pages', RECLAIM_PAGES, {
        label: 'pages to reclaim',
        initial: 8,
        why: 'reclaim a positive number of pages',
      }),
    ],
    models: ALL_MODELS,
    kernel: 'shrink_folio_list (kswapd or direct reclaim)',
    summary:
      'memory pressure: reclaim up to N pages from the LRU to swap (device pages are not on it)',
    ui: { row: 'background', actions: [{ testId: 'act-reclaim', label: 'reclaim' }] },
  }),
  unplug: command({
    subject: 'machine',
    verbs: ['unplug'],
    args: [name('device', 'device', 'a device name')],
    models: ALL_MODELS,
    kernel: 'memunmap_pages (device memory hot-unplug)',
    summary: "unplug the device's memory: its pages are migrated back first",
    ui: {
      row: 'device',
      actions: [{ testId: '{device}-unplug', label: 'unplug', tone: 'danger' }],
    },
  }),
  // ---- the machine ----
  hotplug: command({
    subject: 'machine',
    verbs: ['hotplug'],
    args: [
      name('device', 'new-device', 'a device name', 'dev'),
      MEM_TYPE_ARG,
      int('pages', DEVICE_PAGES, {
        label: 'hotplug pages',
        initial: 8,
        why: 'give the new device a size in pages',
      }),
    ],
    models: ALL_MODELS,
    kernel: 'memremap_pages (ZONE_DEVICE memory hotplug)',
    summary: 'hotplug a device with N pages of ZONE_DEVICE memory (private, coherent or pmem)',
    ui: { row: 'machine', actions: [{ testId: 'act-hotplug', label: 'hotplug' }] },
  }),
} as const satisfies Record<string, AnyCommandSpec>;
