/**
 * A user program touching memory: a loop of loads (read), stores (write) or both (inc) over a
 * range, one page at a time. Whatever is not accessible faults first (handle_mm_fault); the
 * hardware then sets the accessed (and dirty) bits. A fault that ends in a signal stops the
 * loop there, as it would stop the program.
 */
import type { ValueExpr } from '../commands/terms';
import { pages, vaddr, type Kernel } from '../kernel';
import { PG } from '../mem/frames';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { handleMmFaultRange } from './fault';
import { PTE, PTEB } from './pte';
import { LEAF_SIZE, type Leaf } from './sparse';

export type AccessMode = 'read' | 'write' | 'inc';

/** The value a load at `vpn` returns right now (present mappings only). */
export function loadValue(k: Kernel, p: Proc, vpn: number): number {
  const pfn = p.pt.pfn(vpn);
  return pfn === k.m.zeroPfn ? 0 : (k.m.frames.value[pfn] ?? 0);
}

export function evalValue(v: ValueExpr, i: number): number {
  return (v.scale * i + v.offset) | 0;
}

/**
 * The loads and stores themselves, on pages now mapped present: the values, and the
 * accessed (and dirty) bits the MMU sets. Returns the first four values loaded.
 */
function accessPages(
  k: Kernel,
  p: Proc,
  start: number,
  done: number,
  base: number,
  mode: AccessMode,
  value: ValueExpr | null,
): number[] {
  const write = mode !== 'read';
  const f = k.m.frames;
  const pt = p.pt;
  const v = value ?? { scale: 0, offset: 0 };
  const zero = k.m.zeroPfn;
  const values = f.value;
  const seen: number[] = [];
  // The page-table leaf of the current page, read directly (and written through pt.replace).
  let leaf: Leaf | undefined;
  let leafBase = -LEAF_SIZE;
  for (let i = 0; i < done; i++) {
    const vpn = start + i;
    let j = vpn - leafBase;
    if (j < 0 || j >= LEAF_SIZE) {
      leaf = pt.leafOf(vpn);
      leafBase = vpn - (vpn & (LEAF_SIZE - 1));
      j = vpn - leafBase;
    }
    if (!leaf || leaf.kind[j] !== PTE.present) continue;
    const pfn = leaf.a[j] ?? 0;
    // loadValue's answer.
    const old = pfn === zero ? 0 : (values[pfn] ?? 0);
    if (seen.length < 4) seen.push(old);
    const was = leaf.b[j] ?? 0;
    let bits = was | PTEB.young;
    if (write) {
      f.setValue(pfn, mode === 'inc' ? (old + 1) | 0 : evalValue(v, base + i));
      f.setFlag(pfn, PG.dirty);
      bits |= PTEB.dirty;
    }
    // setBits, through the leaf in hand (the entry stays present).
    if (bits !== was) pt.replace(leaf, vpn, PTE.present, pfn, bits);
  }
  return seen;
}

export function* cpuAccess(
  k: Kernel,
  p: Proc,
  start: number,
  npages: number,
  base: number,
  mode: AccessMode,
  value: ValueExpr | null,
): Gen<number> {
  const write = mode !== 'read';
  const who = `${p.name}: CPU ${mode === 'inc' ? 'read-modify-write' : mode}`;
  const r = yield* handleMmFaultRange(k, p, start, npages, write, who);
  const done = r.ret ? r.done : npages;
  const seen = accessPages(k, p, start, done, base, mode, value);
  if (done > 0) {
    const what =
      mode === 'read'
        ? `loads ${pages(done)} at ${vaddr(start)} (first values ${seen.join(', ')}${done > 4 ? ', ...' : ''})`
        : mode === 'inc'
          ? `increments ${pages(done)} at ${vaddr(start)}`
          : `stores into ${pages(done)} at ${vaddr(start)}`;
    yield k.step(
      '(user code)',
      `${p.name} ${what}; the MMU sets the accessed${write ? ' and dirty' : ''} bits`,
      'walk',
      {
        pages: done,
        source: 'arch/x86/mm',
      },
    );
  }
  return r.ret;
}
