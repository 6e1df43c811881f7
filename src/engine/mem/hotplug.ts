/**
 * Device memory hotplug and unplug, with the seed's classification (hotplug-device-flags):
 * MEMORY_DEVICE (struct pages but not general-purpose RAM), MEMORY_MOVABLE (may be migrated;
 * persistent memory must not be) and MEMORY_UNADDRESSABLE (the CPU cannot access it: device
 * private). Seeds: arch_add_memory(flags); arch_remove_memory refuses unaddressable memory
 * ("Need to add support for device and unaddressable memory if needed": BUG, -EINVAL).
 * Modern: memremap_pages / memunmap_pages, which waits for every page to be given back, so
 * the driver evicts its pages first.
 */
import type { MemType } from '../commands/terms';
import { err } from '../errno';
import { pages, type Kernel } from '../kernel';
import { LIMITS } from '../limits';
import { Device, MEMORY_FLAGS, hotplugFlags } from '../state';
import { MARK, type Gen } from '../trace/step';
import { evictDevice } from '../driver/evict';

export function flagText(flags: number): string {
  const s: string[] = [];
  if (flags & MEMORY_FLAGS.device) s.push('MEMORY_DEVICE');
  if (flags & MEMORY_FLAGS.movable) s.push('MEMORY_MOVABLE');
  if (flags & MEMORY_FLAGS.unaddressable) s.push('MEMORY_UNADDRESSABLE');
  return s.join(' | ') || 'MEMORY_FLAGS_NONE';
}

/** Register a device's memory (boot-time devices go through here too). */
export function addDevice(k: Kernel, name: string, type: MemType, npages: number): Device {
  const m = k.m;
  const index = m.devices.length;
  const start = m.frames.grow(npages, index + 1, m.deviceIdle);
  const dev = new Device(index, name, type, index + 1, start, npages, hotplugFlags(type));
  m.devices.push(dev);
  for (let b = 0; b < npages; b++) m.log.bit(index, b);
  return dev;
}

export function* doHotplug(k: Kernel, name: string, type: MemType, npages: number): Gen<number> {
  const m = k.m;
  if (m.deviceByName(name) || m.procByName(name) || m.mirrorByName(name)) {
    yield k.step('add_memory', `the name ${name} is already taken: -EEXIST`, 'error', {
      marks: MARK.error,
    });
    return err('EEXIST');
  }
  if (m.devices.length >= LIMITS.devices || npages < 1 || npages > LIMITS.devicePages) {
    yield k.step(
      'add_memory',
      `${pages(npages)} for device #${m.devices.length + 1} is outside the limits (devices ${LIMITS.devices}, devicePages ${LIMITS.devicePages}): -EINVAL`,
      'error',
      { marks: MARK.error },
    );
    return err('EINVAL');
  }
  const dev = addDevice(k, name, type, npages);
  const kind =
    type === 'private'
      ? 'MEMORY_DEVICE_PRIVATE'
      : type === 'coherent'
        ? k.seeds
          ? 'MEMORY_DEVICE_PUBLIC'
          : 'MEMORY_DEVICE_COHERENT'
        : 'MEMORY_DEVICE_FS_DAX (persistent memory)';
  yield k.step(
    k.seeds ? 'hmm_devmem_add -> devm_memremap_pages -> arch_add_memory' : 'memremap_pages',
    `${dev.name}: ${pages(npages)} of ${kind} hotplugged as ZONE_DEVICE with ${flagText(dev.flags)}; struct pages at refcount ${m.deviceIdle}` +
      (k.seeds && type !== 'pmem' ? ' (device_private_key static branch enabled)' : ''),
    'syscall',
    {
      pages: npages,
      source: k.seeds ? 'mm/memory_hotplug.c (seed hotplug-device-flags)' : 'mm/memremap.c',
    },
  );
  return 0;
}

export function* doUnplug(k: Kernel, dev: Device): Gen<number> {
  const m = k.m;
  if (!dev.online) {
    yield k.step('remove_memory', `${dev.name} is already unplugged: -EINVAL`, 'error', {
      marks: MARK.error,
    });
    return err('EINVAL');
  }
  if (k.seeds && dev.flags & MEMORY_FLAGS.unaddressable) {
    yield k.step(
      'arch_remove_memory',
      `${dev.name} is MEMORY_UNADDRESSABLE: "Need to add support for device and unaddressable memory if needed" (BUG, then -EINVAL)`,
      'error',
      { marks: MARK.error, source: 'arch/x86/mm/init_64.c (seed hotplug-device-flags)' },
    );
    return err('EINVAL');
  }
  const inUse = dev.bitmap.allocated;
  if (dev.type === 'pmem' || k.seeds) {
    let mapped = 0;
    for (let b = 0; b < dev.pages; b++)
      if ((m.frames.ref[dev.start + b] ?? 0) > m.deviceIdle) mapped++;
    if (mapped > 0) {
      yield k.step(
        k.seeds ? 'arch_remove_memory' : 'memunmap_pages',
        `${pages(mapped)} of ${dev.name} are still referenced: the memory cannot go away: -EBUSY`,
        'error',
        { marks: MARK.error, source: 'mm/memory_hotplug.c' },
      );
      return err('EBUSY');
    }
  } else if (inUse > 0) {
    yield* evictDevice(k, dev, `${dev.name}: dmirror_device_remove_chunks`);
  }
  dev.online = false;
  for (let b = 0; b < dev.pages; b++) m.log.bit(dev.index, b);
  yield k.step(
    k.seeds ? 'arch_remove_memory' : 'memunmap_pages',
    `${dev.name} removed: its pgmap is torn down and its ${pages(dev.pages)} of ZONE_DEVICE struct pages are gone`,
    'syscall',
    { pages: dev.pages, source: k.seeds ? 'mm/memory_hotplug.c' : 'mm/memremap.c' },
  );
  return 0;
}
