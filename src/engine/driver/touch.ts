/**
 * A device's first touch (seed zone-device-refcount-thread: "if the GPU do a page fault on an
 * address that isn't back by anything then we can directly allocate a device page. No
 * migration involve in that case."). Pages nobody has touched yet get device memory straight
 * away (migrate_vma over the holes: nothing to copy); pages that already have data are
 * mirrored where they are through HMM.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { PTE } from '../mm/pte';
import { findVma, vmaIsAnonymous } from '../mm/vma';
import type { Device, Mirror, Proc } from '../state';
import type { Gen } from '../trace/step';
import { migrateToDevice } from './migrate_to_dev';
import { dmirrorFault, type CmdResult } from './read_write';
import { drvName } from './names';

export function* deviceTouch(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
  write: boolean,
): Gen<CmdResult> {
  // Runs of untouched anonymous pages: allocate device memory for them directly.
  const runs: { start: number; end: number }[] = [];
  for (let v = start; v < end; v++) {
    const vma = findVma(p.vmas, v);
    const hole = !!vma && vma.read && vmaIsAnonymous(vma) && p.pt.kind(v) === PTE.none;
    if (!hole) continue;
    const last = runs[runs.length - 1];
    if (last && last.end === v) last.end = v + 1;
    else runs.push({ start: v, end: v + 1 });
  }
  let holes = 0;
  for (const r of runs) holes += r.end - r.start;
  yield k.step(
    drvName(k, 'touch'),
    `${dev.name} touches ${pages(end - start)} at ${vaddr(start)}: ${pages(holes)} never touched get device memory directly, the rest ${pages(end - start - holes)} are mirrored where they are`,
    'device-fault',
    { pages: end - start, source: 'seed zone-device-refcount-thread' },
  );
  for (const r of runs) {
    const out = yield* migrateToDevice(k, mirror, p, dev, r.start, r.end);
    if (out.ret) return { ret: out.ret, cpages: 0, faults: 1 };
  }
  // Everything else (and the new device pages): a device fault served by hmm_range_fault.
  const ret = yield* dmirrorFault(k, mirror, p, dev, start, end, write);
  let cpages = 0;
  for (let v = start; v < end; v++) if (mirror.pt.kind(v) !== 0) cpages++;
  return { ret, cpages, faults: 1 };
}
