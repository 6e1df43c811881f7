/**
 * exit -> exit_mmap: mmu_notifier_release tells every mirror the address space is going away
 * (the mirrors drop everything), then every VMA is unmapped. Device pages mapped only by this
 * process come free through the refcount hook.
 */
import type { Kernel } from '../kernel';
import type { Proc } from '../state';
import type { Gen } from '../trace/step';
import { invalidateRange } from './notifier';
import { zapRange } from './zap';

export function* doExit(k: Kernel, p: Proc): Gen<number> {
  const vmas = [...p.vmas];
  if (vmas.length) {
    const lo = Math.min(...vmas.map((v) => v.start));
    const hi = Math.max(...vmas.map((v) => v.end));
    yield* invalidateRange(
      k,
      p,
      lo,
      hi,
      'release',
      null,
      `${p.name}: exit_mmap -> mmu_notifier_release`,
    );
  }
  for (const v of vmas)
    yield* zapRange(k, p, v.start, v.end, 'unmap', `${p.name}: exit_mmap -> unmap_vmas (${v.buf})`);
  p.vmas = [];
  p.alive = false;
  k.m.log.vma(p.pid);
  const dropped = k.m.gup.get(p.pid)?.length ?? 0;
  yield k.step(
    'do_exit -> mmput',
    `${p.name} has exited: its address space is gone` +
      (dropped ? ` (${dropped} GUP references it held stay until released)` : '') +
      '; its mirrors stay open but every command on them fails',
    'syscall',
    { source: 'kernel/exit.c, kernel/fork.c' },
  );
  return 0;
}
