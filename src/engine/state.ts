/**
 * The simulated machine's state: physical frames, allocators, devices and their pgmaps,
 * processes (VMAs + page tables), device mirrors, files and swap. Plain data with clone();
 * the kernel's behaviour lives in mm/, hmm/, migrate/ and driver/.
 */
import type { KernelModel, MemType, PlatformId } from './commands/terms';
import { Bitmap } from './mem/bitmap';
import { Frames } from './mem/frames';
import { SysAlloc } from './mem/sysalloc';
import { PageTable } from './mm/pagetable';
import { SparseTable } from './mm/sparse';
import { cloneVmas, type Vma } from './mm/vma';
import { ChangeLog } from './trace/changes';

/** The seed's hotplug classification (hotplug-device-flags: MEMORY_DEVICE, MOVABLE, UNADDRESSABLE). */
export const MEMORY_FLAGS = { device: 1 << 0, movable: 1 << 1, unaddressable: 1 << 2 } as const;

export function hotplugFlags(type: MemType): number {
  if (type === 'private')
    return MEMORY_FLAGS.device | MEMORY_FLAGS.movable | MEMORY_FLAGS.unaddressable;
  if (type === 'coherent') return MEMORY_FLAGS.device | MEMORY_FLAGS.movable;
  return MEMORY_FLAGS.device;
}

export class Device {
  online = true;
  /** Pages handed out / given back over the device's life (dmirror's calloc / cfree). */
  calloc = 0;
  cfree = 0;
  constructor(
    readonly index: number,
    readonly name: string,
    readonly type: MemType,
    /** frames.mem value of this device's frames. */
    readonly memId: number,
    /** First pfn of the device's frames. */
    readonly start: number,
    readonly pages: number,
    readonly flags: number,
    readonly bitmap: Bitmap = new Bitmap(pages),
  ) {}

  clone(): Device {
    const d = new Device(
      this.index,
      this.name,
      this.type,
      this.memId,
      this.start,
      this.pages,
      this.flags,
      this.bitmap.clone(),
    );
    d.online = this.online;
    d.calloc = this.calloc;
    d.cfree = this.cfree;
    return d;
  }
}

/** Mirror page-table tags (test_hmm's xarray tags): read-only, writable, atomic (exclusive). */
export const MTAG = { read: 1, write: 3, atomic: 2 } as const;

export class Mirror {
  open = true;
  /** Counters of the last successful command (on an error the previous ones stay visible). */
  cpages = 0;
  faults = 0;
  /** The dummy driver's access counters (seed hmm-dummy-fake-device-memory). */
  nsysPages = 0;
  ndevPages = 0;
  /** The bytes of the last SNAPSHOT, and the virtual page its first byte describes. */
  snapshot: Uint8Array = new Uint8Array(0);
  snapshotStart = 0;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly pid: number,
    readonly dev: number,
    /** vpn -> (tag, pfn). Holds no page references: the mmu notifier keeps it coherent. */
    readonly pt: SparseTable = new SparseTable(),
    /** The device-side buffer: what the device last read at a virtual page, or will write there. */
    readonly devbuf: SparseTable = new SparseTable(),
  ) {}

  clone(): Mirror {
    const m = new Mirror(
      this.id,
      this.name,
      this.pid,
      this.dev,
      this.pt.clone(),
      this.devbuf.clone(),
    );
    m.open = this.open;
    m.cpages = this.cpages;
    m.faults = this.faults;
    m.nsysPages = this.nsysPages;
    m.ndevPages = this.ndevPages;
    m.snapshot = this.snapshot.slice();
    m.snapshotStart = this.snapshotStart;
    return m;
  }
}

export interface Rss {
  anon: number;
  file: number;
  shmem: number;
}

export class Proc {
  alive = true;
  vmas: Vma[] = [];
  rss: Rss = { anon: 0, file: 0, shmem: 0 };
  /** Named buffers (the scenario's symbols): name -> first vpn and length of the original mapping. */
  buffers = new Map<string, { start: number; pages: number }>();
  constructor(
    readonly pid: number,
    readonly name: string,
    readonly pt: PageTable,
  ) {}

  clone(log: ChangeLog): Proc {
    const p = new Proc(this.pid, this.name, this.pt.clone(log));
    p.alive = this.alive;
    p.vmas = cloneVmas(this.vmas);
    p.rss = { ...this.rss };
    p.buffers = new Map(this.buffers);
    return p;
  }
}

export class FileObj {
  constructor(
    readonly id: number,
    readonly name: string,
    /** shmem object behind a shared anonymous mapping (no backing store but memory/swap). */
    readonly shmem: boolean,
    /** Page cache: page index -> pfn (kind 1). Each cached page holds one reference. */
    readonly cache: SparseTable = new SparseTable(),
    /** What is on disk: page index -> value (kind 1). Absent pages read as 0. */
    readonly disk: SparseTable = new SparseTable(),
  ) {}
  clone(): FileObj {
    return new FileObj(this.id, this.name, this.shmem, this.cache.clone(), this.disk.clone());
  }
}

/**
 * page->zone_device_data of device pages: the mirror that allocated each (test_hmm keeps it
 * there). A sparse pfn -> mirror id table: it costs only where device pages are in use.
 */
export class ZoneDeviceData {
  constructor(private readonly t: SparseTable = new SparseTable()) {}
  get(pfn: number): number | undefined {
    return this.t.kind(pfn) !== 0 ? this.t.a(pfn) : undefined;
  }
  set(pfn: number, mirror: number): void {
    this.t.set(pfn, 1, mirror, 0);
  }
  delete(pfn: number): void {
    this.t.clear(pfn);
  }
  get size(): number {
    return this.t.size;
  }
  clone(): ZoneDeviceData {
    return new ZoneDeviceData(this.t.clone());
  }
}

export class Machine {
  readonly log: ChangeLog;
  frames: Frames;
  sys: SysAlloc;
  /** The shared zero page's pfn. */
  readonly zeroPfn = 0;
  readonly ramStart = 1;
  devices: Device[] = [];
  procs: Proc[] = [];
  mirrors: Mirror[] = [];
  files: FileObj[] = [];
  /** Swap slots: offset -> value (kind 1). */
  swap = new SparseTable();
  nextSwap = 0;
  nextAnonRoot = 1;
  /** Simulated time, in nanoseconds. */
  time = 0;
  /** page->zone_device_data for device pages: the mirror that allocated them (test_hmm keeps it there). */
  zdd = new ZoneDeviceData();
  /** References taken by get_user_pages / pin_user_pages, per process, until released. */
  gup = new Map<number, { vpn: number; pfn: number; pin: boolean }[]>();
  /** KSM's stable tree: merged pfn -> the (pid, vpn) items mapping it. */
  ksm = new Map<number, { pid: number; vpn: number }[]>();

  constructor(
    readonly model: KernelModel,
    readonly platform: PlatformId,
    readonly ramPages: number,
    log?: ChangeLog,
    frames?: Frames,
    sys?: SysAlloc,
    /** Device frames the boot devices will add: the frame table is allocated once, exactly. */
    bootDevicePages = 0,
  ) {
    this.log = log ?? new ChangeLog();
    if (frames && sys) {
      this.frames = frames;
      this.sys = sys;
      return;
    }
    this.frames = new Frames(this.log);
    this.frames.reserve(1 + ramPages + bootDevicePages);
    // pfn 0: the shared zero page, reserved, never allocated or freed.
    this.frames.grow(1, 0, 1);
    this.frames.setFlags(0, 1 << 7 /* PG.reserved */);
    this.frames.grow(ramPages, 0, 0);
    for (let p = this.ramStart; p < this.ramStart + ramPages; p++) this.frames.flags[p] = 1 << 6; // PG.buddy
    this.sys = new SysAlloc(this.ramStart, ramPages);
  }

  get seeds(): boolean {
    return this.model === 'seeds';
  }

  /** Refcount of a free ZONE_DEVICE page: 1 in the seeds' kernel, 0 in the modern one. */
  get deviceIdle(): number {
    return this.model === 'seeds' ? 1 : 0;
  }

  procByName(name: string): Proc | undefined {
    return this.procs.find((p) => p.name === name);
  }
  deviceByName(name: string): Device | undefined {
    return this.devices.find((d) => d.name === name);
  }
  mirrorByName(name: string): Mirror | undefined {
    return this.mirrors.find((m) => m.name === name);
  }
  /** The device a frame belongs to, or undefined for system RAM. */
  deviceOf(pfn: number): Device | undefined {
    const mem = this.frames.mem[pfn] ?? 0;
    return mem === 0 ? undefined : this.devices[mem - 1];
  }
  isDevicePage(pfn: number): boolean {
    return (this.frames.mem[pfn] ?? 0) !== 0;
  }

  clone(): Machine {
    const log = new ChangeLog();
    log.enabled = this.log.enabled;
    const m = new Machine(
      this.model,
      this.platform,
      this.ramPages,
      log,
      this.frames.clone(log),
      this.sys.clone(),
    );
    m.devices = this.devices.map((d) => d.clone());
    m.procs = this.procs.map((p) => p.clone(log));
    m.mirrors = this.mirrors.map((x) => x.clone());
    m.files = this.files.map((f) => f.clone());
    m.swap = this.swap.clone();
    m.nextSwap = this.nextSwap;
    m.nextAnonRoot = this.nextAnonRoot;
    m.time = this.time;
    m.zdd = this.zdd.clone();
    m.gup = new Map([...this.gup].map(([pid, refs]) => [pid, refs.map((x) => ({ ...x }))]));
    m.ksm = new Map([...this.ksm].map(([pfn, items]) => [pfn, items.map((x) => ({ ...x }))]));
    return m;
  }
}
