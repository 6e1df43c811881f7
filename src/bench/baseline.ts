/**
 * The baseline every engine figure is printed beside: the practical limit on this machine for
 * the same work. One fused loop per direction over typed arrays laid out as the engine lays
 * out its state (the engine's own Frames arrays, 512-entry page-table leaves found through a
 * Map, the device bitmap's 32-bit words, a LIFO free list of RAM frames), reading and writing
 * exactly the per-page fields the operation must touch, and nothing else: no micro-steps, no
 * narration, no change log, no checks beyond the refcount test.
 *
 * To the device, per page: the CPU PTE (read kind, pfn, bits; write the device-private entry);
 * the RAM frame (read refcount, mapcount, flags, mapping, index, value for the check and the
 * copy; then free it: refcount, mapcount, flags, mapping, index, and onto the free list); the
 * device bitmap (find_first_zero_bit from a hint, set); the device frame (refcount, mapcount,
 * flags, mapping, index, value); the mirror entry (tag, pfn) and the device buffer (the
 * read-back's value).
 * Back to RAM, per page: the PTE (read; write the present entry), the device frame (read for
 * the check and the copy; reset to idle), the bitmap bit (clear), a RAM frame from the free
 * list (refcount, mapcount, flags, mapping, index, value), the mirror entry (cleared) and the
 * CPU's load of the value.
 */
import { MAPPING, MMAP_BASE_VPN, PG, Frames } from '../engine/mem/frames';
import { ChangeLog } from '../engine/trace/changes';

const LEAF = 512;

interface Leaf {
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
}

const newLeaf = (): Leaf => ({
  kind: new Uint8Array(LEAF),
  a: new Int32Array(LEAF),
  b: new Int32Array(LEAF),
});

/** Entry kinds and bits as the engine encodes them (mm/pte.ts, state.ts MTAG). */
const PRESENT = 1;
const DEVICE_PRIVATE = 2;
const W = 1;
const DIRTY = 2;
const YOUNG = 4;
const MTAG_WRITE = 3;

export interface BaselineState {
  pages: number;
  frames: Frames;
  ramStart: number;
  devStart: number;
  /** CPU page table, the mirror's and the device buffer: leaf number -> leaf. */
  pte: Map<number, Leaf>;
  mirror: Map<number, Leaf>;
  devbuf: Map<number, Leaf>;
  words: Uint32Array;
  free: Int32Array;
  freeTop: number;
}

/**
 * The state after a CPU write of `pages` pages on a machine of `ramPages` RAM frames and a
 * `devPages`-page device: every page present, writable, dirty, in a RAM frame with refcount 1
 * and mapcount 1, anonymous, holding its value.
 */
export function baselineSetup(pages: number, ramPages: number, devPages: number): BaselineState {
  const log = new ChangeLog();
  log.enabled = false;
  const frames = new Frames(log);
  frames.grow(1, 0, 1);
  const ramStart = frames.grow(ramPages, 0, 0);
  const devStart = frames.grow(devPages, 1, 0);
  const free = new Int32Array(ramPages);
  let freeTop = 0;
  for (let i = ramPages - 1; i >= pages; i--) free[freeTop++] = ramStart + i;
  const pte = new Map<number, Leaf>();
  const mirror = new Map<number, Leaf>();
  const devbuf = new Map<number, Leaf>();
  for (let vpn = 0; vpn < pages; vpn++) {
    const key = vpn >>> 9;
    let l = pte.get(key);
    if (!l) {
      pte.set(key, (l = newLeaf()));
      mirror.set(key, newLeaf());
      devbuf.set(key, newLeaf());
    }
    const pfn = ramStart + vpn;
    l.kind[vpn & 511] = PRESENT;
    l.a[vpn & 511] = pfn;
    l.b[vpn & 511] = W | DIRTY | YOUNG;
    frames.ref[pfn] = 1;
    frames.map[pfn] = 1;
    frames.flags[pfn] = PG.lru | PG.dirty | PG.uptodate | PG.anonExclusive;
    frames.setMapping(pfn, MAPPING.anon, 1, MMAP_BASE_VPN - pages + vpn);
    frames.value[pfn] = vpn;
  }
  return {
    pages,
    frames,
    ramStart,
    devStart,
    pte,
    mirror,
    devbuf,
    words: new Uint32Array(Math.ceil(devPages / 32)),
    free,
    freeTop,
  };
}

/** Every page to the device. Returns the pages moved (all of them). */
export function baselineToDevice(s: BaselineState): number {
  const f = s.frames;
  const { ref, map, flags, mappingKind, mappingId, index, value } = f;
  const words = s.words;
  let hint = 0;
  let moved = 0;
  for (let key = 0; key * LEAF < s.pages; key++) {
    const l = s.pte.get(key);
    const ml = s.mirror.get(key);
    const dl = s.devbuf.get(key);
    if (!l || !ml || !dl) continue;
    const n = Math.min(LEAF, s.pages - key * LEAF);
    for (let j = 0; j < n; j++) {
      if (l.kind[j] !== PRESENT) continue;
      const src = l.a[j] ?? 0;
      const bits = l.b[j] ?? 0;
      // migrate_vma_check_page: refcount - 1 (ours) <= mapcount.
      if ((ref[src] ?? 0) - 1 > (map[src] ?? 0)) continue;
      // find_first_zero_bit + set_bit.
      while (words[hint] === 0xffffffff) hint++;
      const w = words[hint] ?? 0;
      const low = ~w & (w + 1);
      words[hint] = (w | low) >>> 0;
      const dst = s.devStart + hint * 32 + (31 - Math.clz32(low));
      // The device page takes over the data and the identity.
      ref[dst] = 1;
      map[dst] = 1;
      flags[dst] = ((flags[src] ?? 0) & (PG.dirty | PG.uptodate)) | PG.anonExclusive;
      mappingKind[dst] = mappingKind[src] ?? 0;
      mappingId[dst] = mappingId[src] ?? 0;
      index[dst] = index[src] ?? 0;
      const v = value[src] ?? 0;
      value[dst] = v;
      l.kind[j] = DEVICE_PRIVATE;
      l.a[j] = dst;
      l.b[j] = bits & W;
      ml.kind[j] = MTAG_WRITE;
      ml.a[j] = dst;
      dl.kind[j] = 1;
      dl.a[j] = v;
      // The RAM page is freed.
      ref[src] = 0;
      map[src] = 0;
      flags[src] = PG.buddy;
      mappingKind[src] = 0;
      mappingId[src] = 0;
      index[src] = 0;
      s.free[s.freeTop++] = src;
      moved++;
    }
  }
  return moved;
}

/** Every page back to RAM, read by the CPU. Returns the sum of the values loaded. */
export function baselineToRam(s: BaselineState): number {
  const f = s.frames;
  const { ref, map, flags, mappingKind, mappingId, index, value } = f;
  const words = s.words;
  let sum = 0;
  for (let key = 0; key * LEAF < s.pages; key++) {
    const l = s.pte.get(key);
    const ml = s.mirror.get(key);
    if (!l || !ml) continue;
    const n = Math.min(LEAF, s.pages - key * LEAF);
    for (let j = 0; j < n; j++) {
      if (l.kind[j] !== DEVICE_PRIVATE) continue;
      const src = l.a[j] ?? 0;
      const bits = l.b[j] ?? 0;
      // refcount - 2 (ours, ZONE_DEVICE) - 1 (the faulting page) <= mapcount.
      if ((ref[src] ?? 0) - 1 > (map[src] ?? 0)) continue;
      const dst = s.free[--s.freeTop] ?? 0;
      ref[dst] = 1;
      map[dst] = 1;
      flags[dst] =
        ((flags[src] ?? 0) & (PG.dirty | PG.uptodate)) | PG.lru | PG.anonExclusive | PG.uptodate;
      mappingKind[dst] = mappingKind[src] ?? 0;
      mappingId[dst] = mappingId[src] ?? 0;
      index[dst] = index[src] ?? 0;
      value[dst] = value[src] ?? 0;
      l.kind[j] = PRESENT;
      l.a[j] = dst;
      l.b[j] = (bits & W) | YOUNG;
      ml.kind[j] = 0;
      ml.a[j] = 0;
      // The device page is free: idle refcount, bitmap bit cleared.
      ref[src] = 0;
      map[src] = 0;
      flags[src] = 0;
      mappingKind[src] = 0;
      mappingId[src] = 0;
      index[src] = 0;
      const bit = src - s.devStart;
      words[bit >>> 5] = ((words[bit >>> 5] ?? 0) & ~(1 << (bit & 31))) >>> 0;
      // The CPU's load.
      sum = (sum + (value[dst] ?? 0)) | 0;
    }
  }
  return sum;
}
