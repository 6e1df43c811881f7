/** The page cache: a file's pages in memory, each holding one reference while cached. */
import type { Kernel } from '../kernel';
import { MAPPING, PG } from '../mem/frames';
import type { FileObj } from '../state';
import { allocSystemPage } from './pageref';

/**
 * filemap_get_folio / shmem_get_folio: the cached page for `index`, reading it in from disk
 * (or creating a zeroed shmem page) when absent. Returns -1 when RAM is exhausted.
 */
export function findOrReadPage(
  k: Kernel,
  file: FileObj,
  index: number,
): { pfn: number; readIn: boolean } {
  if (file.cache.kind(index) !== 0) return { pfn: file.cache.a(index), readIn: false };
  const pfn = allocSystemPage(k, true);
  if (pfn < 0) return { pfn: -1, readIn: false };
  const f = k.m.frames;
  f.setValue(pfn, file.disk.kind(index) !== 0 ? file.disk.a(index) : 0);
  f.setMapping(pfn, MAPPING.file, file.id, index);
  f.setFlag(pfn, PG.uptodate | PG.lru);
  file.cache.set(index, 1, pfn, 0);
  return { pfn, readIn: true };
}
