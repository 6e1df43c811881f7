/** Commands a process issues: system calls, memory accesses, GUP, and the background paths scanning its memory. */
import type { Command } from '../commands/table';
import { err } from '../errno';
import { vaddr, type Kernel } from '../kernel';
import { LIMITS } from '../limits';
import { cpuAccess } from '../mm/access';
import { doExit } from '../mm/exit';
import { doFork } from '../mm/fork';
import { doGup, doUnpin } from '../mm/gup';
import { doHwpoison } from '../mm/hwpoison';
import { doKsm } from '../mm/ksm';
import { doMmap } from '../mm/mmap';
import { doMremap } from '../mm/mremap';
import { doMigratePages, doNumaBalance } from '../mm/numa';
import { doMadviseDontneed, doMprotect, doMunmap } from '../mm/vmops';
import { vmaPieces } from '../mm/vma';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { resolveProc, resolveRange, type PageRange } from './resolve';
import { problem, refuse, result, type OpResult } from './types';

type ProcCommand = Exclude<Extract<Command, { proc: string }>, { op: 'open' }>;

/** Resolve the process and, when the command has one, its range; run `body` with them. */
function* withProc(
  k: Kernel,
  cmd: ProcCommand,
  body: (p: Proc, r: PageRange | null) => Gen<OpResult>,
): Gen<OpResult> {
  const pr = resolveProc(k.m, cmd.proc);
  if (!pr.ok) return yield* problem(k, pr.message);
  const p = pr.value;
  if (!('range' in cmd)) return yield* body(p, null);
  const rr = resolveRange(p, cmd.range);
  if (!rr.ok) {
    if (rr.einval) return yield* refuse(k, 'syscall', rr.message, err('EINVAL'));
    return yield* problem(k, rr.message);
  }
  return yield* body(p, rr.value);
}

function* dead(k: Kernel, p: Proc): Gen<OpResult> {
  return yield* refuse(k, 'syscall', `${p.name} has exited`, err('EINVAL'));
}

/** The mapped pieces of a range, and whether it has holes (madvise / mprotect then say -ENOMEM). */
function mappedPieces(
  p: Proc,
  r: PageRange,
): { pieces: { start: number; end: number }[]; holes: boolean; prefixEnd: number } {
  const all = vmaPieces(p.vmas, r.start, r.start + r.npages);
  const pieces = all.filter((x) => x.vma !== null).map((x) => ({ start: x.start, end: x.end }));
  const firstHole = all.find((x) => x.vma === null);
  return {
    pieces,
    holes: !!firstHole,
    prefixEnd: firstHole ? firstHole.start : r.start + r.npages,
  };
}

export function* runProcCommand(k: Kernel, cmd: ProcCommand): Gen<OpResult> {
  return yield* withProc(k, cmd, function* (p, r) {
    if (!p.alive && cmd.op !== 'unpin') return yield* dead(k, p);
    switch (cmd.op) {
      case 'mmap': {
        if (p.buffers.has(cmd.buf))
          return yield* problem(k, `${p.name} already has a buffer named "${cmd.buf}"`);
        if (p.buffers.size >= LIMITS.buffers)
          return yield* problem(
            k,
            `${p.name} has ${p.buffers.size} buffers, the limit buffers = ${LIMITS.buffers}`,
          );
        if (cmd.pages < 1 || cmd.pages > LIMITS.mmapPages)
          return yield* refuse(
            k,
            'do_mmap',
            `${cmd.pages} pages is outside 1..${LIMITS.mmapPages} (limit mmapPages)`,
            err('EINVAL'),
          );
        return result(yield* doMmap(k, p, cmd));
      }
      case 'munmap':
        return result(yield* doMunmap(k, p, r!.start, r!.start + r!.npages));
      case 'mremap':
        if (!p.buffers.has(cmd.buf))
          return yield* problem(k, `${p.name} has no buffer named "${cmd.buf}"`);
        return result(yield* doMremap(k, p, cmd.buf));
      case 'mprotect': {
        // do_mprotect_pkey changes VMAs in order and stops at the first hole: -ENOMEM.
        const mp = mappedPieces(p, r!);
        if (mp.prefixEnd > r!.start) yield* doMprotect(k, p, r!.start, mp.prefixEnd, cmd.prot);
        if (mp.holes)
          return yield* refuse(
            k,
            'do_mprotect_pkey',
            `${vaddr(mp.prefixEnd)} is not mapped`,
            err('ENOMEM'),
            'mm/mprotect.c',
          );
        return result(0);
      }
      case 'madvise': {
        // madvise_walk_vmas applies the advice to every mapped part, then reports the holes: -ENOMEM.
        const mp = mappedPieces(p, r!);
        for (const piece of mp.pieces) {
          const ret =
            cmd.advice === 'dontneed'
              ? yield* doMadviseDontneed(k, p, piece.start, piece.end)
              : yield* doHwpoison(k, p, piece.start, piece.end);
          if (ret) return result(ret);
        }
        if (mp.holes)
          return yield* refuse(
            k,
            'madvise',
            'part of the range is not mapped',
            err('ENOMEM'),
            'mm/madvise.c',
          );
        return result(0);
      }
      case 'fork': {
        if (k.m.procByName(cmd.child) || k.m.deviceByName(cmd.child) || k.m.mirrorByName(cmd.child))
          return yield* problem(k, `the name "${cmd.child}" is already taken`);
        if (k.m.procs.length >= LIMITS.processes)
          return yield* refuse(
            k,
            'copy_process',
            `already ${k.m.procs.length} processes (limit processes = ${LIMITS.processes})`,
            err('ENOMEM'),
          );
        yield* doFork(k, p, cmd.child);
        return result(0);
      }
      case 'exit':
        return result(yield* doExit(k, p));
      case 'cpu-read':
        return result(yield* cpuAccess(k, p, r!.start, r!.npages, r!.base, 'read', null));
      case 'cpu-write':
        return result(yield* cpuAccess(k, p, r!.start, r!.npages, r!.base, 'write', cmd.value));
      case 'cpu-inc':
        return result(yield* cpuAccess(k, p, r!.start, r!.npages, r!.base, 'inc', null));
      case 'gup':
        return result(yield* doGup(k, p, r!.start, r!.npages, cmd));
      case 'unpin':
        return result(yield* doUnpin(k, p, r!.start, r!.npages));
      case 'ksm':
        return result(yield* doKsm(k, p, r!.start, r!.start + r!.npages));
      case 'numa-balance':
        return result(yield* doNumaBalance(k, p, r!.start, r!.start + r!.npages));
      case 'migrate-pages':
        return result(yield* doMigratePages(k, p, r!.start, r!.start + r!.npages));
    }
  });
}
