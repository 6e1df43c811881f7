/**
 * Commands are data: every user action, scenario line and worker message is one of these.
 * The engine executes them; the scenario format parses and prints them; the UI builds them.
 * Names (processes, buffers, devices, mirrors) are resolved by the engine at run time, so a
 * command means the same thing in a text file, a URL and a click.
 */

export type KernelModel = 'seeds' | 'modern';

/** ZONE_DEVICE memory types. `coherent` is DEVICE_COHERENT (modern) / DEVICE_PUBLIC (seeds). */
export type MemType = 'private' | 'coherent' | 'pmem';

export type Prot = 'none' | 'r' | 'rw';

export type PlatformId = 'pcie4' | 'c2c';

/** A per-page value: `scale * i + offset`, where i is the page index inside the named buffer
 * (or inside the raw range for address ranges). `scale` 0 makes it a constant. */
export interface ValueExpr {
  scale: -1 | 0 | 1;
  offset: number;
}

/** Pages of a named buffer, or a raw (possibly unaligned, possibly overflowing) address range. */
export type RangeRef =
  | { kind: 'buf'; buf: string; first: number; count: number | null }
  | { kind: 'addr'; addr: string; npages: number };

export interface MachineSpec {
  kernel: KernelModel;
  platform: PlatformId;
  /** System RAM, in 4 KiB frames. */
  ramPages: number;
  devices: DeviceSpec[];
  processes: string[];
}

export interface DeviceSpec {
  name: string;
  type: MemType;
  /** Device memory size in 4 KiB pages (the bitmap's size). */
  pages: number;
}

export type Command =
  // processes and address spaces
  | {
      op: 'mmap';
      proc: string;
      buf: string;
      pages: number;
      backing: 'anon' | 'file';
      file: string | null;
      shared: boolean;
      prot: Prot;
    }
  | { op: 'munmap'; proc: string; range: RangeRef }
  | { op: 'mprotect'; proc: string; range: RangeRef; prot: Prot }
  | { op: 'madvise'; proc: string; range: RangeRef; advice: 'dontneed' | 'hwpoison' }
  | { op: 'fork'; proc: string; child: string }
  | { op: 'exit'; proc: string }
  // CPU accesses (each page touched once, in address order)
  | { op: 'cpu-read'; proc: string; range: RangeRef }
  | { op: 'cpu-write'; proc: string; range: RangeRef; value: ValueExpr }
  | { op: 'cpu-inc'; proc: string; range: RangeRef }
  // get_user_pages / pin_user_pages and their release
  | {
      op: 'gup';
      proc: string;
      range: RangeRef;
      write: boolean;
      pin: boolean;
      longterm: boolean;
      fast: boolean;
    }
  | { op: 'unpin'; proc: string; range: RangeRef }
  // the device driver (dmirror / the seeds' dummy driver): a mirror is one open of a device by a process
  | { op: 'open'; proc: string; device: string; mirror: string }
  | { op: 'close'; mirror: string }
  | { op: 'devbuf'; mirror: string; range: RangeRef; value: ValueExpr }
  | { op: 'dev-read'; mirror: string; range: RangeRef }
  | { op: 'dev-write'; mirror: string; range: RangeRef }
  | { op: 'dev-touch'; mirror: string; range: RangeRef; write: boolean }
  | { op: 'migrate-to-dev'; mirror: string; range: RangeRef }
  | { op: 'migrate-to-sys'; mirror: string; range: RangeRef }
  | { op: 'snapshot'; mirror: string; range: RangeRef }
  | { op: 'exclusive'; mirror: string; range: RangeRef }
  | { op: 'check-exclusive'; mirror: string; range: RangeRef }
  | { op: 'release'; mirror: string }
  // the machine
  | { op: 'hotplug'; device: string; type: MemType; pages: number }
  | { op: 'unplug'; device: string }
  | { op: 'ksm'; proc: string; range: RangeRef }
  | { op: 'reclaim'; pages: number }
  | { op: 'numa-balance'; proc: string; range: RangeRef }
  | { op: 'migrate-pages'; proc: string; range: RangeRef };

export type CommandOp = Command['op'];

/** The mirror/ioctl-style commands whose counters (cpages, faults) a result carries. */
export const MIRROR_COMMANDS: ReadonlySet<CommandOp> = new Set<CommandOp>([
  'dev-read',
  'dev-write',
  'dev-touch',
  'migrate-to-dev',
  'migrate-to-sys',
  'snapshot',
  'exclusive',
  'check-exclusive',
  'release',
]);
