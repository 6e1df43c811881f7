/** The narration of device pages freed through the refcount hook, in each model's words. */
import { pages, type Kernel } from '../kernel';
import type { FreeTally } from '../mm/pageref';
import { MARK, type Gen } from '../trace/step';

export function freeHookText(k: Kernel): string {
  return k.seeds
    ? 'put_page: device_private_key static branch -> put_zone_device_private_or_public_page: refcount 2 -> 1 (idle) -> pgmap->page_free'
    : 'folio_put: refcount 1 -> 0 -> free_zone_device_folio -> pgmap->ops->page_free';
}

export function* narrateFrees(k: Kernel, tally: FreeTally): Gen {
  for (const [devIndex, freed] of tally.devFreed) {
    const dev = k.m.devices[devIndex];
    if (!dev) continue;
    const drv = k.seeds ? 'dummy_devmem_free' : 'dmirror_devmem_free';
    const n = freed.count;
    const shown = freed.first.join(', ') + (n > 8 ? ', ...' : '');
    yield k.step(
      k.seeds ? 'put_zone_device_private_or_public_page' : 'free_zone_device_folio',
      `${freeHookText(k)} (${drv}): ${pages(n)} of ${dev.name} free again, bitmap bit${n === 1 ? '' : 's'} ${shown} cleared`,
      'free',
      {
        pages: n,
        marks: MARK.free,
        source: k.seeds ? 'kernel/memremap.c (seed device-public-memory-v2)' : 'mm/memremap.c',
      },
    );
  }
}
