/**
 * MIGRATE_TO_DEV: migrate_vma over each VMA piece of the range with the driver's callbacks
 * (test_hmm dmirror_migrate_to_device; the seeds' dummy driver HMM_DUMMY_MIGRATE_TO):
 * setup (collect + unmap + check), alloc_and_copy (device memory from the bitmap, DMA copy),
 * migrate_vma_pages, finalize_and_map (the mirror maps the new pages), migrate_vma_finalize.
 * Exhaustion: the seeds' dummy driver allocates the whole request up front and gives every
 * bit back on failure (-ENOMEM, nothing moves); dmirror skips a page it cannot allocate, the
 * page stays in system memory and the read-back reports -ENOENT.
 */
import { pages, vaddr, type Kernel } from '../kernel';
import { err } from '../errno';
import { allocDevicePage } from '../mm/pageref';
import { findVma } from '../mm/vma';
import { collect } from '../migrate/collect';
import { migrateVmaFinalize, migrateVmaPages } from '../migrate/complete';
import { checkSetup } from '../migrate/setup';
import { MPFN, Migration } from '../migrate/types';
import { unmapAndCheck } from '../migrate/unmap';
import { MTAG, type Device, type Mirror, type Proc } from '../state';
import { MARK, type Gen } from '../trace/step';
import { drvName } from './names';

/** PTRS_PER_PTE: dmirror migrates at most one page-table page per migrate_vma_setup. */
const CHUNK = 512;

export interface MigrateOutcome {
  ret: number;
  /** Pages that reached the device. */
  migrated: number;
}

/** Build the migrations for [start, end) piece by piece; stop at a piece that is refused. */
export function* planMigrations(
  k: Kernel,
  p: Proc,
  start: number,
  end: number,
  make: (vma: NonNullable<ReturnType<typeof findVma>>, s: number, e: number) => Migration,
): Gen<{ migs: Migration[]; ret: number }> {
  const migs: Migration[] = [];
  for (let at = start; at < end;) {
    const vma = findVma(p.vmas, at);
    if (!vma || !vma.read) {
      yield k.step(
        drvName(k, 'migrate'),
        `${vaddr(at)}: ${vma ? 'the VMA has no read permission' : 'no VMA here'} (vma_lookup): -EINVAL` +
          (migs.length ? `; the ${pages(at - start)} before it are migrated anyway` : ''),
        'error',
        { marks: MARK.error, source: 'lib/test_hmm.c' },
      );
      return { migs, ret: err('EINVAL') };
    }
    const next = Math.min(end, at + CHUNK - (at % CHUNK), vma.end);
    const r = yield* checkSetup(k, vma, at, next);
    if (r) return { migs, ret: r };
    migs.push(make(vma, at, next));
    at = next;
  }
  return { migs, ret: 0 };
}

/** Give device pages back to the bitmap (the driver's own free, no refcount involved). */
function releaseBits(k: Kernel, dev: Device, dpages: readonly number[], from = 0): void {
  for (let j = from; j < dpages.length; j++) {
    const dpage = dpages[j] ?? 0;
    const bit = dpage - dev.start;
    dev.bitmap.clear(bit);
    dev.calloc--;
    k.m.frames.reset(dpage, k.m.deviceIdle, 0);
    k.m.zdd.delete(dpage);
    k.m.log.bit(dev.index, bit);
  }
}

/** find_first_zero_bit up to `n` times, for the seeds' pre-allocation. */
function takeBits(
  k: Kernel,
  dev: Device,
  mirror: Mirror,
  n: number,
): { taken: number[]; bits: RangeText } {
  const taken: number[] = [];
  const bits = new RangeText();
  for (let i = 0; i < n; i++) {
    const d = allocDevicePage(k, dev);
    if (d < 0) break;
    k.m.zdd.set(d, mirror.id);
    taken.push(d);
    bits.add(d - dev.start);
  }
  return { taken, bits };
}

/**
 * The seeds' dummy driver allocates device memory for the whole request before migrating
 * (dummy_lmem_to_rmem); when find_first_zero_bit runs out, every bit it took is released
 * and the request fails with -ENOMEM before anything is unmapped.
 */
function* preallocate(k: Kernel, dev: Device, mirror: Mirror, n: number): Gen<Pool | null> {
  const { taken, bits } = takeBits(k, dev, mirror, n);
  if (taken.length === n) {
    yield k.step(
      'dummy_lmem_to_rmem',
      `pre-allocate ${pages(n)} of ${dev.name} with find_first_zero_bit: bits ${bits.text()} set`,
      'alloc',
      { pages: n, source: 'seed hmm-dummy-fake-device-memory' },
    );
    return { pfns: taken, next: 0 };
  }
  yield k.step(
    'dummy_lmem_to_rmem',
    `pre-allocate ${pages(n)} of ${dev.name}: find_first_zero_bit finds no free bit after ${pages(taken.length)}`,
    'alloc',
    { pages: Math.max(1, taken.length), source: 'seed hmm-dummy-fake-device-memory' },
  );
  releaseBits(k, dev, taken);
  yield k.step(
    'dummy_lmem_to_rmem',
    `-ENOMEM: every bit taken for this request (${taken.length}) is cleared again; nothing was unmapped, nothing migrates`,
    'free',
    {
      pages: Math.max(1, taken.length),
      marks: MARK.error,
      source: 'seed hmm-dummy-fake-device-memory',
    },
  );
  return null;
}

/** The seeds' pre-allocated device pages, handed out in order. */
interface Pool {
  pfns: number[];
  next: number;
}

interface Allocated {
  allocated: number;
  failed: number;
  skippedDevice: number;
  bits: RangeText;
}

/** A device page for every page still migrating that is not device memory already. */
function allocateAll(
  k: Kernel,
  dev: Device,
  mirror: Mirror,
  migs: readonly Migration[],
  pool: Pool | null,
): Allocated {
  let skippedDevice = 0;
  let allocated = 0;
  let failed = 0;
  const bits = new RangeText();
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      if (!mig.migrating(i)) continue;
      const src = mig.src[i] ?? -1;
      if (src >= 0 && k.m.isDevicePage(src)) {
        skippedDevice++; // already device memory: not ours to move
        continue;
      }
      const dpage = pool
        ? pool.next < pool.pfns.length
          ? (pool.pfns[pool.next++] ?? -1)
          : -1
        : allocDevicePage(k, dev);
      if (dpage < 0) {
        failed++;
        continue;
      }
      allocated++;
      bits.add(dpage - dev.start);
      mig.dst[i] = dpage;
      const write =
        ((mig.sflags[i] ?? 0) & MPFN.write) !== 0 || (src < 0 && k.seeds && !!mig.vma?.write);
      mig.dflags[i] = write ? MPFN.write : 0;
      k.m.zdd.set(dpage, mirror.id);
    }
  return { allocated, failed, skippedDevice, bits };
}

/** The driver's alloc_and_copy callback for system -> device. */
function* allocAndCopy(
  k: Kernel,
  dev: Device,
  mirror: Mirror,
  migs: readonly Migration[],
  pool: Pool | null,
): Gen {
  const { allocated, failed, skippedDevice, bits } = allocateAll(k, dev, mirror, migs, pool);
  yield k.step(
    drvName(k, 'alloc'),
    (pool
      ? `take ${pages(allocated)} from the pre-allocated device pages`
      : `find_first_zero_bit in ${dev.name}'s bitmap: ${pages(allocated)} allocated`) +
      (allocated ? ` (bits ${bits.text()})` : '') +
      (failed ? `; ${pages(failed)} found no free bit and stay in system memory` : '') +
      (skippedDevice ? `; ${pages(skippedDevice)} already in device memory are skipped` : ''),
    'alloc',
    {
      pages: Math.max(1, allocated),
      marks: failed ? MARK.error : 0,
      source: k.seeds ? 'seed hmm-dummy-fake-device-memory' : 'lib/test_hmm.c',
    },
  );
  const { copied, zeroed } = copyToDevice(k, migs);
  yield k.step(
    drvName(k, 'copy'),
    `copy ${pages(copied)} to ${dev.name} (copy_highpage / DMA)` +
      (zeroed ? `, clear ${pages(zeroed)} that had no data` : ''),
    'copy',
    { pages: copied, source: k.seeds ? 'seed hmm-dummy-fake-device-memory' : 'lib/test_hmm.c' },
  );
}

/** copy_highpage for every page that got a device page (zeroes where there was no page). */
function copyToDevice(k: Kernel, migs: readonly Migration[]): { copied: number; zeroed: number } {
  const f = k.m.frames;
  let copied = 0;
  let zeroed = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const dpage = mig.dst[i] ?? -1;
      if (dpage < 0 || !mig.migrating(i)) continue;
      const src = mig.src[i] ?? -1;
      if (src >= 0) {
        f.setValue(dpage, f.value[src] ?? 0);
        copied++;
      } else {
        f.setValue(dpage, 0);
        zeroed++;
      }
    }
  return { copied, zeroed };
}

/** The mirror entries for the device pages that arrived; returns how many. */
function mapAll(k: Kernel, mirror: Mirror, migs: readonly Migration[]): number {
  let n = 0;
  for (const mig of migs)
    for (let i = 0; i < mig.npages; i++) {
      const d = mig.dst[i] ?? -1;
      if (!mig.migrating(i) || d < 0) continue;
      const vpn = mig.start + i;
      mirror.pt.set(vpn, (mig.dflags[i] ?? 0) & MPFN.write ? MTAG.write : MTAG.read, d, 0);
      k.m.log.mirror(mirror.id, vpn);
      n++;
    }
  return n;
}

/** finalize_and_map: the mirror maps the device pages that arrived. */
function* finalizeAndMap(k: Kernel, mirror: Mirror, migs: readonly Migration[]): Gen {
  const n = mapAll(k, mirror, migs);
  yield k.step(
    drvName(k, 'finalize'),
    `${mirror.name} maps the ${pages(n)} now in device memory`,
    'driver',
    {
      pages: Math.max(1, n),
      source: 'lib/test_hmm.c',
    },
  );
}

export function* migrateToDevice(
  k: Kernel,
  mirror: Mirror,
  p: Proc,
  dev: Device,
  start: number,
  end: number,
): Gen<MigrateOutcome> {
  let pool: Pool | null = null;
  if (k.seeds) {
    pool = yield* preallocate(k, dev, mirror, end - start);
    if (!pool) return { ret: err('ENOMEM'), migrated: 0 };
  }
  const plan = yield* planMigrations(
    k,
    p,
    start,
    end,
    (vma, s, e) =>
      new Migration(
        p,
        vma,
        s,
        e,
        { system: true, devicePrivate: false, deviceCoherent: false },
        dev,
        -1,
      ),
  );
  const migs = plan.migs;
  if (migs.length > 0) {
    yield* collect(k, migs);
    let cpages = 0;
    for (const mig of migs) cpages += mig.cpages;
    if (cpages > 0) {
      yield* unmapAndCheck(k, migs);
      yield* allocAndCopy(k, dev, mirror, migs, pool);
    }
    yield* migrateVmaPages(k, migs);
    yield* finalizeAndMap(k, mirror, migs);
    yield* migrateVmaFinalize(k, migs);
  }
  if (pool && pool.next < pool.pfns.length) {
    const n = pool.pfns.length - pool.next;
    releaseBits(k, dev, pool.pfns, pool.next);
    yield k.step(
      'dummy_lmem_to_rmem',
      `${pages(n)} pre-allocated but not needed: clear_bit gives them back`,
      'free',
      {
        pages: n,
        source: 'seed hmm-dummy-fake-device-memory',
      },
    );
  }
  let migrated = 0;
  for (const mig of migs) migrated += mig.count();
  return { ret: plan.ret, migrated };
}

/**
 * "0-5, 9": runs of consecutive numbers, at most six of them, then "...". Built as the
 * numbers come (a million-page allocation keeps seven runs, not a million numbers).
 */
export class RangeText {
  /** The runs before the last one; the last, [lo, hi], is kept in fields (none while hi < lo). */
  private readonly runs: [number, number][] = [];
  private lo = 0;
  private hi = -1;
  private more = false;

  add(x: number): void {
    if (this.more) return;
    // The common case, the next number of the last run, touches two fields.
    if (x === this.hi + 1 && this.hi >= this.lo) this.hi = x;
    else if (this.runs.length + (this.hi >= this.lo ? 1 : 0) < 6) {
      if (this.hi >= this.lo) this.runs.push([this.lo, this.hi]);
      this.lo = x;
      this.hi = x;
    } else this.more = true;
  }

  text(): string {
    const all = this.hi >= this.lo ? [...this.runs, [this.lo, this.hi]] : this.runs;
    const out = all.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
    if (this.more) out.push('...');
    return out.join(', ');
  }
}

/** A permanent instance keeps the class's shape across garbage collections (migrate/types.ts). */
export const RANGE_TEXT_SHAPE = new RangeText();

/** "0-5, 9" for a list of numbers (runs of consecutive ones, at most six, then "..."). */
export function rangeText(xs: readonly number[]): string {
  const t = new RangeText();
  for (const x of xs) t.add(x);
  return t.text();
}
