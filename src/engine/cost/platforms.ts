/**
 * Platform profiles for the cost model. Every micro-step advances simulated time by what its
 * phase costs on the scenario's platform. The figures are order-of-magnitude defaults from
 * public sources; they make relative costs (copy vs fault vs shootdown) visible, not cycle
 * accurate.
 *
 * Sources:
 * - PCIe 4.0 x16: 16 GT/s per lane, ~31.5 GB/s per direction (PCI-SIG PCIe 4.0 spec);
 *   ~25 GB/s achieved for large DMA copies.
 * - NVLink-C2C (Grace Hopper): 900 GB/s total, 450 GB/s per direction, cache coherent
 *   (NVIDIA Grace Hopper Superchip architecture whitepaper, 2022).
 * - GPU page-fault servicing on a discrete GPU: tens of microseconds per fault batch
 *   (Allen & Ge, "In-Depth Analyses of Unified Virtual Memory System for GPU Accelerated
 *   Computing", SC'21; Kim et al., "Batch-Aware Unified Memory Management", ASPLOS'20).
 * - A minor CPU page fault: ~0.5-2 us (Linux, x86-64; e.g. lmbench lat_pagefault).
 * - A TLB shootdown IPI round: a few microseconds (Amit et al., "Optimizing the TLB
 *   Shootdown Algorithm with Page-Access Tracking", USENIX ATC'17).
 */
import type { PlatformId } from '../commands/terms';
import type { Phase } from '../trace/step';

export interface Platform {
  id: PlatformId;
  title: string;
  /** Host <-> device copy bandwidth, bytes per nanosecond (GB/s). */
  copyGBps: number;
  /** Fixed cost to start a DMA copy, ns. */
  dmaSetupNs: number;
  /** One CPU page fault's entry/exit, ns. */
  cpuFaultNs: number;
  /** One device fault batch (fault buffer, replay), ns. */
  deviceFaultNs: number;
  /** One TLB shootdown round, ns. */
  tlbShootdownNs: number;
  /** One mmu-notifier callback into a driver (plus the device TLB invalidate), ns. */
  notifierNs: number;
  /** Reading or writing one page-table entry (or struct page field group), ns. */
  pteNs: number;
  /** Allocating or freeing one page, ns. */
  allocNs: number;
  /** Entering the kernel (syscall / ioctl), ns. */
  syscallNs: number;
}

export const PLATFORMS: Record<PlatformId, Platform> = {
  pcie4: {
    id: 'pcie4',
    title: 'Discrete GPU on PCIe 4.0 x16',
    copyGBps: 25,
    dmaSetupNs: 5_000,
    cpuFaultNs: 1_000,
    deviceFaultNs: 30_000,
    tlbShootdownNs: 3_000,
    notifierNs: 2_000,
    pteNs: 5,
    allocNs: 100,
    syscallNs: 200,
  },
  c2c: {
    id: 'c2c',
    title: 'Cache-coherent GPU on NVLink-C2C',
    copyGBps: 450,
    dmaSetupNs: 1_000,
    cpuFaultNs: 1_000,
    deviceFaultNs: 10_000,
    tlbShootdownNs: 3_000,
    notifierNs: 1_000,
    pteNs: 5,
    allocNs: 100,
    syscallNs: 200,
  },
};

const PAGE = 4096;

/** Simulated nanoseconds a step of this phase over `pages` pages takes. */
export function phaseCost(p: Platform, phase: Phase, pages: number): number {
  switch (phase) {
    case 'syscall':
      return p.syscallNs;
    case 'fault':
      return p.cpuFaultNs * Math.max(1, pages);
    case 'device-fault':
      return p.deviceFaultNs;
    case 'copy':
      return pages === 0 ? 0 : p.dmaSetupNs + Math.round((pages * PAGE) / p.copyGBps);
    case 'tlb':
      return p.tlbShootdownNs;
    case 'invalidate':
      return p.notifierNs + p.pteNs * pages;
    case 'alloc':
    case 'free':
      return p.allocNs * pages;
    case 'walk':
    case 'lock':
    case 'unmap':
    case 'check':
    case 'map':
    case 'driver':
      return p.pteNs * Math.max(1, pages);
    case 'error':
      return 0;
  }
}
