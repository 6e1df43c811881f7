/**
 * SNAPSHOT (dmirror_snapshot): hmm_range_fault with no fault flags, so nothing is faulted in,
 * and one byte per page saying what the device would see (dmirror_mkentry).
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { hmmRangeFault, type HmmPfn } from '../hmm/range_fault';
import type { Device, Mirror, Proc } from '../state';
import type { Gen } from '../trace/step';
import { drvName } from './names';

export const PROT = {
  none: 0x00,
  read: 0x01,
  write: 0x02,
  pmd: 0x04,
  pud: 0x08,
  zero: 0x10,
  devPrivateLocal: 0x20,
  devPrivateRemote: 0x30,
  devCoherentLocal: 0x40,
  devCoherentRemote: 0x50,
  error: 0xff,
} as const;

/** dmirror_mkentry(): the byte for one hmm pfn, seen from `dev`. */
export function mkentry(k: Kernel, dev: Device, e: HmmPfn): number {
  if (e.error) return PROT.error;
  if (!e.valid) return PROT.none;
  const owner = k.m.deviceOf(e.pfn);
  let perm: number;
  if (owner?.type === 'private')
    perm = owner === dev ? PROT.devPrivateLocal : PROT.devPrivateRemote;
  else if (owner?.type === 'coherent')
    perm = owner === dev ? PROT.devCoherentLocal : PROT.devCoherentRemote;
  else if (e.pfn === k.m.zeroPfn) perm = PROT.zero;
  else perm = PROT.none;
  return perm | (e.write ? PROT.write : PROT.read);
}

export function* dmirrorSnapshot(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
): Gen<Uint8Array> {
  const r = yield* hmmRangeFault(
    k,
    p,
    start,
    end,
    { fault: false, write: false, owner: dev },
    drvName(k, 'snapshot'),
  );
  const bytes = new Uint8Array(end - start);
  r.pfns.forEach((e, i) => (bytes[i] = mkentry(k, dev, e)));
  mirror.snapshot = bytes;
  mirror.snapshotStart = start;
  const shown = [...bytes.slice(0, 16)]
    .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
    .join(' ');
  yield k.step(
    drvName(k, 'snapshot'),
    `${pages(end - start)} at ${vaddr(start)} as ${mirror.name} sees them, nothing faulted: ${shown}${bytes.length > 16 ? ' ...' : ''}`,
    'driver',
    { pages: end - start, source: 'lib/test_hmm.c' },
  );
  return bytes;
}
