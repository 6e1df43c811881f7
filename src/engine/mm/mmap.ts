/**
 * do_mmap(): find a free range top-down below mmap_base and create a VMA. Nothing is
 * allocated: pages appear on first touch (or on the device's first touch).
 */
import type { Prot } from '../commands/terms';
import { err } from '../errno';
import { pages, vaddr, type Kernel } from '../kernel';
import { FileObj, type Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import type { Vma } from './vma';
import { MMAP_BASE_VPN } from '../mem/frames';

/** mmap_base (defined with the frame table, which stores anonymous indices relative to it). */
export { MMAP_BASE_VPN };

/** A guard page between mappings keeps buffers distinct (the kernel would merge some VMAs). */
const GAP = 1;

/** vm_unmapped_area(), top-down: the highest free range of `n` pages below mmap_base. */
export function findFreeRange(p: Proc, n: number): number {
  let cand = MMAP_BASE_VPN - n;
  const vmas = [...p.vmas].sort((a, b) => b.start - a.start);
  for (const v of vmas) {
    if (v.start >= cand + n + GAP) continue; // entirely above the candidate
    if (v.end + GAP <= cand) break; // entirely below: the candidate is free
    cand = v.start - GAP - n;
  }
  return cand;
}

export interface MmapArgs {
  buf: string;
  pages: number;
  backing: 'anon' | 'file';
  file: string | null;
  shared: boolean;
  prot: Prot;
}

export function* doMmap(k: Kernel, p: Proc, a: MmapArgs): Gen<number> {
  const m = k.m;
  const start = findFreeRange(p, a.pages);
  let fileId = -1;
  let dax = -1;
  let what = a.shared ? 'shared anonymous (shmem)' : 'private anonymous';
  if (a.backing === 'file') {
    const name = a.file ?? `${a.buf}.dat`;
    const pmem = m.deviceByName(name);
    if (pmem && pmem.type === 'pmem') {
      dax = pmem.index;
      fileId = fileFor(k, `dax:${name}`, false).id;
      what = `DAX file on persistent memory ${name}`;
    } else {
      fileId = fileFor(k, name, false).id;
      what = `${a.shared ? 'shared' : 'private'} file mapping of ${name}`;
    }
  } else if (a.shared) {
    fileId = fileFor(k, `shmem:${p.name}:${a.buf}:${m.files.length}`, true).id;
  }
  if (dax >= 0 && !a.shared) {
    yield k.step(
      'do_mmap',
      `${p.name}: a private mapping of DAX memory is not modelled (DAX mappings here are MAP_SHARED): -EINVAL`,
      'error',
      {
        marks: MARK.error,
        source: 'mm/mmap.c',
      },
    );
    return err('EINVAL');
  }
  const vma: Vma = {
    start,
    end: start + a.pages,
    read: a.prot !== 'none',
    write: a.prot === 'rw',
    shared: a.shared,
    backing: a.backing,
    fileId,
    pgoff: 0,
    anonRoot: m.nextAnonRoot++,
    // do_mmap: a private anonymous mapping's vm_pgoff is its start (addr >> PAGE_SHIFT).
    anonPgoff: start,
    buf: a.buf,
    mergeable: false,
    dax,
  };
  p.vmas.push(vma);
  p.vmas.sort((x, y) => x.start - y.start);
  p.buffers.set(a.buf, { start, pages: a.pages });
  m.log.vma(p.pid);
  yield k.step(
    'do_mmap',
    `${p.name}: mmap ${a.buf} = ${pages(a.pages)} at ${vaddr(start)}, ${what}, prot ${protText(a.prot)}; a new VMA, no memory yet (pages come on first touch)`,
    'syscall',
    { source: 'mm/mmap.c' },
  );
  return 0;
}

function fileFor(k: Kernel, name: string, shmem: boolean): FileObj {
  const found = k.m.files.find((f) => f.name === name);
  if (found) return found;
  const f = new FileObj(k.m.files.length, name, shmem);
  k.m.files.push(f);
  return f;
}

export function protText(prot: Prot): string {
  return prot === 'rw' ? 'PROT_READ|PROT_WRITE' : prot === 'r' ? 'PROT_READ' : 'PROT_NONE';
}
