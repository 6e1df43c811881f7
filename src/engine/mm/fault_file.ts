/**
 * File-backed faults: do_read_fault (map the page-cache page), do_cow_fault (a private
 * mapping written: copy the cached page into a new anonymous page) and do_shared_fault (a
 * shared mapping written: map the cached page writable and dirty it).
 */
import { pages, type Kernel } from '../kernel';
import { err } from '../errno';
import { MAPPING, PG } from '../mem/frames';
import type { Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import type { FaultKind } from './classify';
import { addRss, rssKind } from './mapping';
import { findOrReadPage } from './pagecache';
import { getPage } from './pageref';
import { PTE, PTEB } from './pte';
import { mapNewAnonPage } from './anon';
import { findVma } from './vma';

const FN: Record<string, string> = {
  'file-read': 'handle_mm_fault -> do_read_fault',
  'file-cow': 'handle_mm_fault -> do_cow_fault',
  'file-shared': 'handle_mm_fault -> do_shared_fault',
};

export function* doFileFault(
  k: Kernel,
  p: Proc,
  vpns: number[],
  kind: FaultKind,
  who: string,
): Gen<number> {
  const f = k.m.frames;
  let readIn = 0;
  let done = 0;
  for (const vpn of vpns) {
    const vma = findVma(p.vmas, vpn);
    const file = vma ? k.m.files[vma.fileId] : undefined;
    if (!vma || !file) continue;
    const index = vma.pgoff + (vpn - vma.start);
    if (vma.dax >= 0) {
      if (!daxFault(k, p, vpn, vma.dax, file.id, index, kind === 'file-shared')) break;
      done++;
      continue;
    }
    const got = findOrReadPage(k, file, index);
    if (got.pfn < 0) break;
    if (got.readIn) readIn++;
    if (kind === 'file-cow') {
      const value = f.value[got.pfn] ?? 0;
      if (mapNewAnonPage(k, p, vma, vpn, value, PTEB.write | PTEB.dirty | PTEB.young, true) < 0)
        break;
    } else {
      const write = kind === 'file-shared';
      getPage(k, got.pfn);
      f.addMap(got.pfn, 1);
      if (write) f.setFlag(got.pfn, PG.dirty);
      // A read fault maps read-only unless the mapping is shared and writable... the
      // kernel maps read faults on shared writable mappings read-only too, so the first
      // write goes through page_mkwrite (wp_page_shared) and dirties the page.
      p.pt.set(vpn, PTE.present, got.pfn, PTEB.young | (write ? PTEB.write | PTEB.dirty : 0));
      addRss(p, rssKind(k, got.pfn), 1);
    }
    done++;
  }
  const oom = done < vpns.length;
  yield k.step(
    FN[kind] ?? 'handle_mm_fault',
    `${who}: ${pages(vpns.length)} of a file mapping` +
      (readIn
        ? `, ${pages(readIn)} read into the page cache first (filemap_fault)`
        : ', found in the page cache') +
      (kind === 'file-cow'
        ? ': private mapping written, so each gets an anonymous copy (do_cow_fault)'
        : kind === 'file-shared'
          ? ': shared mapping written: the cached page is mapped writable and dirtied'
          : ': the cached page is mapped read-only') +
      (oom ? '; system RAM exhausted: VM_FAULT_OOM' : ''),
    'fault',
    {
      pages: vpns.length,
      marks: MARK.fault | (oom ? MARK.error : 0),
      source: 'mm/memory.c, mm/filemap.c',
    },
  );
  return oom ? err('ENOMEM') : 0;
}

/**
 * A DAX mapping of persistent memory: no page cache, the PTE maps the pmem page itself
 * (pte_devmap). The filesystem block is allocated on first use (the device bitmap bit).
 */
function daxFault(
  k: Kernel,
  p: Proc,
  vpn: number,
  devIndex: number,
  fileId: number,
  index: number,
  write: boolean,
): boolean {
  const dev = k.m.devices[devIndex];
  if (!dev || !dev.online || index >= dev.pages) return false;
  const f = k.m.frames;
  const pfn = dev.start + index;
  if (!dev.bitmap.test(index)) {
    dev.bitmap.set(index);
    dev.calloc++;
    k.m.log.bit(dev.index, index);
    f.setMapping(pfn, MAPPING.file, fileId, index);
    f.setFlag(pfn, PG.uptodate);
  }
  getPage(k, pfn);
  f.addMap(pfn, 1);
  if (write) f.setFlag(pfn, PG.dirty);
  p.pt.set(vpn, PTE.present, pfn, PTEB.young | PTEB.devmap | (write ? PTEB.write | PTEB.dirty : 0));
  addRss(p, 'file', 1);
  return true;
}
