/**
 * How each driver encodes an HMM pfn in its own page-table format (seed
 * hmm-pfn-driver-encoding): HMM fills the driver's array directly using the driver's flags[]
 * (VALID, WRITE, DEVICE_PRIVATE) and values[] (NONE, ERROR, SPECIAL), with the pfn shifted by
 * pfn_shift, so the driver needs no conversion step. The modern kernel dropped per-driver
 * tables (v5.7): every driver sees the fixed HMM_PFN_VALID / WRITE / ERROR high bits.
 */
import type { KernelModel } from '../commands/terms';

export interface DriverEncoding {
  name: string;
  /** flags[HMM_PFN_VALID], flags[HMM_PFN_WRITE], flags[HMM_PFN_DEVICE_PRIVATE] (0n: not in this format). */
  flags: { valid: bigint; write: bigint; devicePrivate: bigint };
  /** values[HMM_PFN_NONE], values[HMM_PFN_ERROR], values[HMM_PFN_SPECIAL]. */
  values: { none: bigint; error: bigint; special: bigint };
  pfnShift: number;
}

/** The HMM pfn layout before per-driver tables (the defines the seed patch removes). */
const HMM_V1: DriverEncoding = {
  name: 'hmm_dummy (HMM_PFN_* defines before the patch)',
  flags: { valid: 1n << 0n, write: 1n << 1n, devicePrivate: 1n << 4n },
  values: { none: 0n, error: 1n << 2n, special: 1n << 3n },
  pfnShift: 5,
};

/** nouveau's format (NVIF_VMM_PFNMAP_V0_*): V, W, VRAM aperture; address at bit 12. */
const NOUVEAU: DriverEncoding = {
  name: 'nouveau (NVIF_VMM_PFNMAP_V0)',
  flags: { valid: 0x1n, write: 0x2n, devicePrivate: 0x10n },
  values: { none: 0n, error: 0xfffffffffffffffen, special: 0xfffffffffffffffen },
  pfnShift: 12,
};

/** include/linux/hmm.h since v5.7: fixed high bits, pfn in the low bits. */
const MODERN: DriverEncoding = {
  name: 'hmm_range_fault (HMM_PFN_* high bits)',
  flags: { valid: 1n << 63n, write: 1n << 62n, devicePrivate: 0n },
  values: { none: 0n, error: 1n << 61n, special: 1n << 61n },
  pfnShift: 0,
};

export function encodingFor(model: KernelModel, deviceIndex: number): DriverEncoding {
  if (model === 'modern') return MODERN;
  return deviceIndex % 2 === 0 ? HMM_V1 : NOUVEAU;
}

export interface EntryMeaning {
  kind: 'none' | 'error' | 'special' | 'valid';
  write: boolean;
  devicePrivate: boolean;
  pfn: number;
}

export function encode(enc: DriverEncoding, e: EntryMeaning): bigint {
  if (e.kind === 'none') return enc.values.none;
  if (e.kind === 'error') return enc.values.error;
  if (e.kind === 'special') return enc.values.special;
  let v = BigInt(e.pfn) << BigInt(enc.pfnShift);
  v |= enc.flags.valid;
  if (e.write) v |= enc.flags.write;
  if (e.devicePrivate) v |= enc.flags.devicePrivate;
  return v;
}

/** Decode a raw value through the driver's tables (values first, as HMM compares them first). */
export function decode(enc: DriverEncoding, raw: bigint): EntryMeaning {
  if (raw === enc.values.none) return { kind: 'none', write: false, devicePrivate: false, pfn: 0 };
  if (raw === enc.values.error)
    return { kind: 'error', write: false, devicePrivate: false, pfn: 0 };
  if (raw === enc.values.special)
    return { kind: 'special', write: false, devicePrivate: false, pfn: 0 };
  const flagBits = enc.flags.valid | enc.flags.write | enc.flags.devicePrivate;
  const pfn =
    enc.pfnShift > 0
      ? Number(raw >> BigInt(enc.pfnShift))
      : Number(raw & ~flagBits & ((1n << 52n) - 1n));
  return {
    kind: (raw & enc.flags.valid) !== 0n ? 'valid' : 'none',
    write: (raw & enc.flags.write) !== 0n,
    devicePrivate: enc.flags.devicePrivate !== 0n && (raw & enc.flags.devicePrivate) !== 0n,
    pfn,
  };
}
