/**
 * The terms commands are made of: kernel models, platforms, memory types, protections, ranges
 * of pages and per-page values, and the machine a scenario starts from. Each word list is the
 * one place its words are declared; the types are derived from the lists.
 */

/** The kernel being modelled: the seeds' era (≈ v4.14) or a modern one (≈ v6.x). */
export const KERNELS = ['modern', 'seeds'] as const;
export type KernelModel = (typeof KERNELS)[number];

export const PLATFORMS = ['pcie4', 'c2c'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

/** ZONE_DEVICE memory types. `coherent` is DEVICE_COHERENT (modern) / DEVICE_PUBLIC (seeds). */
export const MEM_TYPES = ['private', 'coherent', 'pmem'] as const;
export type MemType = (typeof MEM_TYPES)[number];
/** Other words the text accepts for a memory type: `public` is the seeds' name of `coherent`. */
export const MEM_TYPE_ALIASES: Readonly<Record<string, MemType>> = { public: 'coherent' };

export const PROTS = ['rw', 'r', 'none'] as const;
export type Prot = (typeof PROTS)[number];

/** madvise advice: MADV_DONTNEED and MADV_HWPOISON. */
export const ADVICES = ['dontneed', 'hwpoison'] as const;
export type Advice = (typeof ADVICES)[number];

/** An mmap's backing: anonymous memory, or a file (a named one, or DAX on a pmem device). */
export const BACKINGS = ['anon', 'file'] as const;
export type Backing = (typeof BACKINGS)[number];

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
