/**
 * Name tracking, shared by parse, format and the JSON checker: which processes, devices and
 * mirrors exist at each point of a scenario, in order.
 *
 * - Processes are declared by the header and by `fork`; `exit` keeps the name (a command on an
 *   exited process is still accepted: the engine reports the kernel's error).
 * - Devices are declared by the header and by `machine hotplug`; `unplug` keeps the name.
 * - Mirrors are opened by `open` and forgotten by `close` (a closed mirror's name can be reused).
 * Names are unique across processes, devices and open mirrors.
 */
import { LIMITS, overLimit } from '../engine/limits';
import { isMirrorName, nameProblem, quote } from './values';

export type SymbolKind = 'process' | 'device' | 'mirror';

export interface MirrorInfo {
  name: string;
  proc: string;
  device: string;
}

export type Resolved = { mirror: string } | { problem: string; expected?: string[] };

const ARTICLE: Record<SymbolKind, string> = {
  process: 'a process',
  device: 'a device',
  mirror: 'an open mirror',
};

export class SymbolTracker {
  private readonly kinds = new Map<string, SymbolKind>();
  private readonly devicePageCounts = new Map<string, number>();
  private readonly openMirrors = new Map<string, MirrorInfo>();
  private readonly closedMirrors = new Set<string>();
  private processCount = 0;
  /**
   * The buffer names each live process has mapped (a forked child inherits its parent's), to
   * hold LIMITS.buffers before anything runs. The engine never forgets a buffer (munmap keeps
   * the name), and refuses an mmap by an exited process, so exit stops the count.
   */
  private readonly buffers = new Map<string, Set<string>>();
  /** System RAM in pages (for `expect frame ram:N`). */
  ramPages = 0;

  kindOf(name: string): SymbolKind | undefined {
    return this.kinds.get(name);
  }

  /** Pages of a declared device. */
  devicePages(name: string): number | undefined {
    return this.devicePageCounts.get(name);
  }

  mirror(name: string): MirrorInfo | undefined {
    return this.openMirrors.get(name);
  }

  /** Open mirrors of a device, in the order they were opened. */
  mirrorsOf(device: string): string[] {
    const out: string[] = [];
    for (const m of this.openMirrors.values()) if (m.device === device) out.push(m.name);
    return out;
  }

  /** A mirror that was open before and is closed now. */
  isClosedMirror(name: string): boolean {
    return this.closedMirrors.has(name);
  }

  /** Every name of a kind, in declaration order (for `expected` lists in errors). */
  namesOf(kind: SymbolKind): string[] {
    return [...this.kinds].filter(([, k]) => k === kind).map(([n]) => n);
  }

  /** Declares a process (forked from `parent`); returns what is wrong instead, or null. */
  declareProcess(name: string, parent?: string): string | null {
    const problem = nameProblem(name, 'a process name') ?? this.taken(name);
    if (problem !== null) return problem;
    if (this.processCount >= LIMITS.processes) {
      return overLimit('process count', this.processCount + 1, 'processes');
    }
    this.processCount += 1;
    this.kinds.set(name, 'process');
    const inherited = parent === undefined ? undefined : this.buffers.get(parent);
    this.buffers.set(name, new Set(inherited));
    return null;
  }

  /** Records `proc` mapping a buffer named `buf`: what is wrong (the buffer limit), or null. */
  mmap(proc: string, buf: string): string | null {
    const bufs = this.buffers.get(proc);
    // An unknown or exited process, or a name it already has: the engine refuses the mmap.
    if (bufs === undefined || bufs.has(buf)) return null;
    if (bufs.size >= LIMITS.buffers) {
      return overLimit(`buffer count of ${quote(proc)}`, bufs.size + 1, 'buffers');
    }
    bufs.add(buf);
    return null;
  }

  /** `proc` exited: it maps nothing more. */
  exit(proc: string): void {
    this.buffers.delete(proc);
  }

  /** Declares a device of `pages` pages; returns what is wrong instead, or null. */
  declareDevice(name: string, pages: number): string | null {
    const problem = nameProblem(name, 'a device name') ?? this.taken(name);
    if (problem !== null) return problem;
    if (this.devicePageCounts.size >= LIMITS.devices) {
      return overLimit('device count', this.devicePageCounts.size + 1, 'devices');
    }
    this.devicePageCounts.set(name, pages);
    this.kinds.set(name, 'device');
    return null;
  }

  /** Opens a mirror (proc and device are checked by the caller); returns a problem or null. */
  open(name: string, proc: string, device: string): string | null {
    if (!isMirrorName(name)) {
      return `expected a mirror name (a name, or two names joined by /), found ${quote(name)}`;
    }
    const taken = this.taken(name);
    if (taken !== null) return taken;
    if (this.openMirrors.size >= LIMITS.mirrors) {
      return overLimit('open mirror count', this.openMirrors.size + 1, 'mirrors');
    }
    this.openMirrors.set(name, { name, proc, device });
    this.closedMirrors.delete(name);
    this.kinds.set(name, 'mirror');
    return null;
  }

  close(name: string): string | null {
    const problem = this.mirrorProblem(name);
    if (problem !== null) return problem;
    this.openMirrors.delete(name);
    this.kinds.delete(name);
    this.closedMirrors.add(name);
    return null;
  }

  processProblem(name: string): string | null {
    return this.kindProblem(name, 'process');
  }

  deviceProblem(name: string): string | null {
    return this.kindProblem(name, 'device');
  }

  mirrorProblem(name: string): string | null {
    return this.kindProblem(name, 'mirror');
  }

  /** A mirror subject: an open mirror's name, or a device with exactly one open mirror. */
  resolveMirror(subject: string): Resolved {
    const kind = this.kinds.get(subject);
    if (kind === 'mirror') return { mirror: subject };
    if (kind === 'device') {
      const open = this.mirrorsOf(subject);
      if (open.length === 1 && open[0] !== undefined) return { mirror: open[0] };
      if (open.length === 0) {
        return {
          problem: `device ${quote(subject)} has no open mirror here (open it first: <process> open ${subject})`,
        };
      }
      return {
        problem: `device ${quote(subject)} has ${open.length} open mirrors here; name one of them: ${open.join(', ')}`,
        expected: open,
      };
    }
    if (kind === 'process') {
      return {
        problem: `expected an open mirror or a device with one open mirror, found the process ${quote(subject)}`,
      };
    }
    const what = this.closedMirrors.has(subject) ? 'the closed mirror' : 'the unknown name';
    return {
      problem: `expected an open mirror or a device with one open mirror, found ${what} ${quote(subject)}`,
      expected: [...this.openMirrors.keys()],
    };
  }

  private taken(name: string): string | null {
    const kind = this.kinds.get(name);
    return kind === undefined
      ? null
      : `the name ${quote(name)} is already used by ${ARTICLE[kind]}`;
  }

  private kindProblem(name: string, want: SymbolKind): string | null {
    const kind = this.kinds.get(name);
    if (kind === want) return null;
    const wanted = want === 'mirror' ? 'an open mirror' : ARTICLE[want];
    if (kind === undefined && this.closedMirrors.has(name)) {
      return `expected ${wanted}, found the closed mirror ${quote(name)}`;
    }
    if (kind === undefined) {
      const hint =
        want === 'process'
          ? ' (declare it with `process` in the header, or create it with fork)'
          : want === 'device'
            ? ' (declare it with `device` in the header, or with machine hotplug)'
            : ' (open one with <process> open <device>)';
      return `expected ${wanted}, found the unknown name ${quote(name)}${hint}`;
    }
    return `expected ${wanted}, found ${ARTICLE[kind]} ${quote(name)}`;
  }
}
