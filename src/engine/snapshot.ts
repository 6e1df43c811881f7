/**
 * A snapshot: the whole machine as compact typed arrays (copies), so it can cross from the
 * worker to the UI as transferables instead of a cloned object graph. Views read only this.
 */
import type { KernelModel, MemType, PlatformId } from './commands/terms';
import { encodingFor } from './driver/encoding';
import type { SparseTable } from './mm/sparse';
import type { Machine } from './state';

export interface FramesSnap {
  count: number;
  ref: Int32Array;
  map: Int32Array;
  pin: Int32Array;
  flags: Uint16Array;
  /** 0 = system RAM, k = device index k - 1. */
  mem: Uint8Array;
  mappingKind: Uint8Array;
  mappingId: Int32Array;
  index: Float64Array;
  value: Int32Array;
}

export interface DeviceSnap {
  index: number;
  name: string;
  type: MemType;
  start: number;
  pages: number;
  online: boolean;
  /** The seed's hotplug flags (MEMORY_DEVICE | MOVABLE | UNADDRESSABLE). */
  flags: number;
  /** The allocation bitmap, 32 bits per word. */
  bits: Uint32Array;
  allocated: number;
  calloc: number;
  cfree: number;
  /** The driver's pfn encoding (seed hmm-pfn-driver-encoding), as hex strings. */
  encoding: {
    name: string;
    valid: string;
    write: string;
    devicePrivate: string;
    none: string;
    error: string;
    special: string;
    pfnShift: number;
  };
}

export interface VmaSnap {
  start: number;
  end: number;
  read: boolean;
  write: boolean;
  shared: boolean;
  backing: 'anon' | 'file';
  fileId: number;
  fileName: string | null;
  buf: string;
  dax: number;
}

/** The populated entries of a page table, sorted by virtual page. */
export interface EntriesSnap {
  vpn: Float64Array;
  kind: Uint8Array;
  pfn: Int32Array;
  bits: Uint8Array;
}

export interface ProcSnap {
  pid: number;
  name: string;
  alive: boolean;
  rss: { anon: number; file: number; shmem: number };
  vmas: VmaSnap[];
  buffers: { name: string; start: number; pages: number }[];
  pte: EntriesSnap;
}

export interface MirrorSnap {
  id: number;
  name: string;
  pid: number;
  dev: number;
  open: boolean;
  cpages: number;
  faults: number;
  nsysPages: number;
  ndevPages: number;
  /** kind = tag (1 read, 3 write, 2 atomic); bits unused. */
  entries: EntriesSnap;
  snapshot: Uint8Array;
  /** The virtual page the last snapshot's first byte describes. */
  snapshotStart: number;
}

export interface Snapshot {
  /** Micro-steps executed so far (the position this snapshot shows). */
  seq: number;
  kernel: KernelModel;
  platform: PlatformId;
  /** Simulated nanoseconds. */
  time: number;
  zeroPfn: number;
  ramStart: number;
  ramPages: number;
  ramFree: number;
  deviceIdle: number;
  frames: FramesSnap;
  devices: DeviceSnap[];
  procs: ProcSnap[];
  mirrors: MirrorSnap[];
}

/** A sparse table's entries as a snapshot's arrays (`bits` from column b, or zero). */
function entries(t: SparseTable, withBits: boolean): EntriesSnap {
  const d = t.dump();
  const bits = new Uint8Array(d.n.length);
  if (withBits) for (let i = 0; i < bits.length; i++) bits[i] = d.b[i] ?? 0;
  return { vpn: d.n, kind: d.kind, pfn: d.a, bits };
}

const hex = (b: bigint): string => '0x' + b.toString(16);

/** The first `n` entries of a frame array as a new array of the snapshot's type (zeros past its end). */
function widen<T extends Int32Array>(
  a: Int32Array | Uint16Array,
  n: number,
  make: new (n: number) => T,
): T {
  const out = new make(n);
  out.set(a.length > n ? a.subarray(0, n) : a);
  return out;
}

/** page->index of every frame, decoded (the frame table stores it relative to mmap_base). */
function pageIndices(m: Machine, n: number): Float64Array {
  const f = m.frames;
  const out = new Float64Array(n);
  for (let pfn = 0; pfn < n; pfn++) out[pfn] = f.pageIndex(pfn);
  return out;
}

export function takeSnapshot(m: Machine, seq: number): Snapshot {
  const f = m.frames;
  const n = f.count;
  return {
    seq,
    kernel: m.model,
    platform: m.platform,
    time: m.time,
    zeroPfn: m.zeroPfn,
    ramStart: m.ramStart,
    ramPages: m.ramPages,
    ramFree: m.sys.free,
    deviceIdle: m.deviceIdle,
    frames: {
      count: n,
      ref: f.ref.slice(0, n),
      map: f.map.slice(0, n),
      pin: widen(f.pin, n, Int32Array),
      flags: f.flags.slice(0, n),
      mem: f.mem.slice(0, n),
      mappingKind: f.mappingKind.slice(0, n),
      mappingId: widen(f.mappingId, n, Int32Array),
      index: pageIndices(m, n),
      value: f.value.slice(0, n),
    },
    devices: m.devices.map((d) => {
      const enc = encodingFor(m.model, d.index);
      return {
        index: d.index,
        name: d.name,
        type: d.type,
        start: d.start,
        pages: d.pages,
        online: d.online,
        flags: d.flags,
        bits: d.bitmap.words.slice(),
        allocated: d.bitmap.allocated,
        calloc: d.calloc,
        cfree: d.cfree,
        encoding: {
          name: enc.name,
          valid: hex(enc.flags.valid),
          write: hex(enc.flags.write),
          devicePrivate: hex(enc.flags.devicePrivate),
          none: hex(enc.values.none),
          error: hex(enc.values.error),
          special: hex(enc.values.special),
          pfnShift: enc.pfnShift,
        },
      };
    }),
    procs: m.procs.map((p) => ({
      pid: p.pid,
      name: p.name,
      alive: p.alive,
      rss: { ...p.rss },
      vmas: p.vmas.map((v) => ({
        start: v.start,
        end: v.end,
        read: v.read,
        write: v.write,
        shared: v.shared,
        backing: v.backing,
        fileId: v.fileId,
        fileName: v.fileId >= 0 ? (m.files[v.fileId]?.name ?? null) : null,
        buf: v.buf,
        dax: v.dax,
      })),
      buffers: [...p.buffers].map(([name, b]) => ({ name, start: b.start, pages: b.pages })),
      pte: entries(p.pt, true),
    })),
    mirrors: m.mirrors.map((x) => ({
      id: x.id,
      name: x.name,
      pid: x.pid,
      dev: x.dev,
      open: x.open,
      cpages: x.cpages,
      faults: x.faults,
      nsysPages: x.nsysPages,
      ndevPages: x.ndevPages,
      entries: entries(x.pt, false),
      snapshot: x.snapshot.slice(),
      snapshotStart: x.snapshotStart,
    })),
  };
}

/** Every ArrayBuffer a snapshot holds, for postMessage's transfer list. */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: { buffer: ArrayBufferLike }): void => {
    if (a.buffer instanceof ArrayBuffer) out.push(a.buffer);
  };
  const f = s.frames;
  [f.ref, f.map, f.pin, f.flags, f.mem, f.mappingKind, f.mappingId, f.index, f.value].forEach(add);
  for (const d of s.devices) add(d.bits);
  for (const p of s.procs) [p.pte.vpn, p.pte.kind, p.pte.pfn, p.pte.bits].forEach(add);
  for (const x of s.mirrors)
    [x.entries.vpn, x.entries.kind, x.entries.pfn, x.entries.bits, x.snapshot].forEach(add);
  return out;
}
