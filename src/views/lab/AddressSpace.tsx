/**
 * Each process's buffers as bands of page cells showing where each page's data lives now.
 * Drag across cells (or click, shift-click) to select pages; the selection drives the actions,
 * the page-table view and the inspector.
 */
import { useRef, useState } from 'react';
import type { ProcSnap, Snapshot } from '../../engine/snapshot';
import {
  selectPosition,
  selectSelection,
  selectSnapshot,
  selectCurrentStep,
} from '../../store/selectors';
import { useLab } from '../../store/react';
import type { RangeSelection } from '../../store/types';
import { highlightOf } from '../model/changes';
import { entryAt, vaddr } from '../model/lookup';
import { residenceColor } from '../model/palette';
import { pageLook, RESIDENCE_LEGEND } from '../model/residence';
import { Panel } from './Panel';

interface Anchor {
  proc: string;
  buf: string;
  index: number;
}

function vmaText(p: ProcSnap, vpn: number): string {
  const v = p.vmas.find((x) => x.start <= vpn && vpn < x.end);
  if (!v) return 'unmapped';
  const prot = v.read ? (v.write ? 'rw' : 'r') : 'none';
  const kind =
    v.dax >= 0
      ? `DAX ${v.fileName ?? ''}`
      : v.backing === 'file'
        ? `file ${v.fileName ?? ''}`
        : v.shared
          ? 'shmem'
          : 'anon';
  return `${kind} ${v.shared ? 'shared' : 'private'} ${prot}`;
}

export function AddressSpace() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const step = useLab(selectCurrentStep);
  useLab(selectPosition);
  const select = useLab((s) => s.select);
  const watch = useLab((s) => s.watch);
  const [drag, setDrag] = useState<{ a: Anchor; b: Anchor } | null>(null);
  const dragging = useRef(false);
  if (!snap) return <Panel title="Address space">Starting the engine…</Panel>;
  const hl = highlightOf(step?.changes);

  const commit = (a: Anchor, b: Anchor): void => {
    const first = Math.min(a.index, b.index);
    const count = Math.abs(a.index - b.index) + 1;
    const selection: RangeSelection = { proc: a.proc, buf: a.buf, first, count };
    select(selection);
    const p = snap.procs.find((x) => x.name === a.proc);
    const buf = p?.buffers.find((x) => x.name === a.buf);
    const e = p && buf ? entryAt(p.pte, buf.start + first) : null;
    if (e && e.kind !== 0 && e.kind !== 6 && e.pfn !== snap.zeroPfn) void watch(e.pfn);
  };
  const down = (a: Anchor, shift: boolean): void => {
    if (shift && sel && sel.proc === a.proc && sel.buf === a.buf) {
      commit({ ...a, index: sel.first }, a);
      return;
    }
    dragging.current = true;
    setDrag({ a, b: a });
  };
  const enter = (b: Anchor): void => {
    if (dragging.current && drag && drag.a.proc === b.proc && drag.a.buf === b.buf)
      setDrag({ a: drag.a, b });
  };
  const up = (): void => {
    if (dragging.current && drag) commit(drag.a, drag.b);
    dragging.current = false;
    setDrag(null);
  };
  const selected = (proc: string, buf: string, i: number): boolean => {
    if (drag && drag.a.proc === proc && drag.a.buf === buf)
      return i >= Math.min(drag.a.index, drag.b.index) && i <= Math.max(drag.a.index, drag.b.index);
    return (
      !!sel && sel.proc === proc && sel.buf === buf && i >= sel.first && i < sel.first + sel.count
    );
  };

  return (
    <Panel title="Address space" testId="address-space" aside={<Legend />}>
      <div onPointerUp={up} onPointerLeave={up} className="space-y-2 select-none">
        {snap.procs.map((p) => (
          <ProcBand
            key={p.pid}
            snap={snap}
            p={p}
            hl={(vpn) => hl.pte(p.pid, vpn)}
            selected={selected}
            down={down}
            enter={enter}
          />
        ))}
      </div>
    </Panel>
  );
}

function ProcBand({
  snap,
  p,
  hl,
  selected,
  down,
  enter,
}: {
  snap: Snapshot;
  p: ProcSnap;
  hl: (vpn: number) => boolean;
  selected: (proc: string, buf: string, i: number) => boolean;
  down: (a: Anchor, shift: boolean) => void;
  enter: (a: Anchor) => void;
}) {
  return (
    <div data-testid={`proc-${p.name}`} className={p.alive ? '' : 'opacity-50'}>
      <div className="text-xs text-slate-300">
        <span className="font-semibold text-slate-100">{p.name}</span> (pid {p.pid})
        {p.alive ? '' : ' — exited'} · RSS {p.rss.anon + p.rss.file + p.rss.shmem}
      </div>
      {p.buffers.length === 0 && p.alive && (
        <div className="text-[11px] text-slate-500">no mappings yet: mmap a buffer</div>
      )}
      {p.buffers.map((b) => (
        <div key={b.name} className="mt-1">
          <div className="font-mono text-[10px] text-slate-400">
            {b.name} · {vaddr(b.start)} · {b.pages} page{b.pages === 1 ? '' : 's'} ·{' '}
            {vmaText(p, b.start)}
          </div>
          <div
            className="mt-0.5 flex flex-wrap gap-[2px]"
            role="grid"
            aria-label={`${p.name} ${b.name} pages`}
          >
            {Array.from({ length: Math.min(b.pages, 512) }, (_, i) => {
              const vpn = b.start + i;
              const mapped = p.vmas.some((v) => v.start <= vpn && vpn < v.end);
              const look = pageLook(snap, p, vpn);
              const isSel = selected(p.name, b.name, i);
              const changed = hl(vpn);
              const bg = mapped ? residenceColor(look.residence, look.dev) : 'transparent';
              return (
                <div
                  key={i}
                  role="gridcell"
                  aria-selected={isSel}
                  data-testid={`page-${p.name}-${b.name}-${i}`}
                  data-residence={mapped ? look.residence : 'unmapped'}
                  title={`${b.name}[${i}] ${vaddr(vpn)}: ${mapped ? look.title : 'unmapped (munmap)'} · ${vmaText(p, vpn)}`}
                  onPointerDown={(e) => down({ proc: p.name, buf: b.name, index: i }, e.shiftKey)}
                  onPointerEnter={() => enter({ proc: p.name, buf: b.name, index: i })}
                  className={`flex h-[18px] w-[18px] cursor-pointer items-center justify-center rounded-[3px] font-mono text-[10px] font-bold ${
                    mapped
                      ? look.residence === 'none'
                        ? 'border border-slate-600 text-slate-500'
                        : 'text-slate-950'
                      : 'border border-dashed border-slate-700 text-transparent'
                  } ${isSel ? 'ring-2 ring-sky-300' : ''} ${changed ? 'outline-2 outline-yellow-300' : ''}`}
                  style={{ background: bg }}
                >
                  {mapped ? look.letter : ''}
                </div>
              );
            })}
            {b.pages > 512 && (
              <span className="text-[10px] text-slate-500">… {b.pages - 512} more pages</span>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

function Legend() {
  return (
    <details className="relative text-[10px] text-slate-400">
      <summary className="cursor-pointer">legend</summary>
      <ul className="absolute right-0 z-10 mt-1 w-48 space-y-0.5 rounded border border-slate-700 bg-slate-900 p-2">
        {RESIDENCE_LEGEND.map((l) => (
          <li key={l.residence} className="flex items-center gap-2">
            <span
              className="inline-flex h-3 w-3 items-center justify-center rounded-sm font-mono text-[8px] text-slate-950"
              style={{
                background:
                  residenceColor(l.residence, 0) === 'transparent'
                    ? '#1e293b'
                    : residenceColor(l.residence, 0),
              }}
            >
              {l.letter}
            </span>
            {l.label}
          </li>
        ))}
      </ul>
    </details>
  );
}
