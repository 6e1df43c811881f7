/**
 * Each process's buffers as bands of page cells showing where each page's data lives now.
 * Drag across cells (or click, shift-click) to select pages; the selection drives the actions,
 * the page-table view and the inspector.
 *
 * From the keyboard each buffer is one tab stop (a multi-select listbox with a roving
 * tabindex): arrows move between pages, Enter or space selects the focused page, Shift+arrows
 * (and Shift+Home/End) extend the selection, Escape clears it. The buffer owns those keys
 * (`data-owns-arrows`), so they do not step the timeline; the selection is announced.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
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
import { inkOn, residenceColor } from '../model/palette';
import { pageLook, RESIDENCE_LEGEND, type Residence } from '../model/residence';
import { Panel } from './Panel';

interface Anchor {
  proc: string;
  buf: string;
  index: number;
}

/** Page cells drawn per buffer; the rest are summarised. */
const MAX_CELLS = 512;

const bufKey = (proc: string, buf: string): string => `${proc}/${buf}`;

function rangeText(buf: string, first: number, count: number): string {
  return `${buf}[${first}${count > 1 ? `..${first + count - 1}` : ''}]`;
}

/** How many cells sit on one visual row of a wrapping band (for Up/Down). */
function rowLength(band: HTMLElement | null): number {
  const cells = band ? [...band.querySelectorAll<HTMLElement>('[role="option"]')] : [];
  const top = cells[0]?.offsetTop;
  const n = cells.filter((c) => c.offsetTop === top).length;
  return Math.max(1, n);
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
  // The keyboard: the page holding each buffer's tab stop, where a Shift-extension starts, and
  // the last selection change in words (a polite status for screen readers).
  const [focusAt, setFocusAt] = useState<Record<string, number>>({});
  const anchor = useRef<Anchor | null>(null);
  const [said, setSaid] = useState('');
  const hintId = useId();
  if (!snap) return <Panel title="Address space">Starting the engine…</Panel>;
  const hl = highlightOf(step?.changes);

  const commit = (a: Anchor, b: Anchor): void => {
    const first = Math.min(a.index, b.index);
    const count = Math.abs(a.index - b.index) + 1;
    const selection: RangeSelection = { proc: a.proc, buf: a.buf, first, count };
    anchor.current = a;
    select(selection);
    setSaid(
      `selected ${a.proc} ${rangeText(a.buf, first, count)}: ${count} page${count === 1 ? '' : 's'}`,
    );
    const p = snap.procs.find((x) => x.name === a.proc);
    const buf = p?.buffers.find((x) => x.name === a.buf);
    const e = p && buf ? entryAt(p.pte, buf.start + first) : null;
    if (e && e.kind !== 0 && e.kind !== 6 && e.pfn !== snap.zeroPfn) void watch(e.pfn);
  };
  const down = (a: Anchor, shift: boolean): void => {
    setFocusAt((f) => ({ ...f, [bufKey(a.proc, a.buf)]: a.index }));
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
  /** Which page of a buffer is its tab stop: the last one focused, else the selection's first. */
  const tabStop = (proc: string, buf: string): number =>
    focusAt[bufKey(proc, buf)] ?? (sel && sel.proc === proc && sel.buf === buf ? sel.first : 0);
  const key = (e: KeyboardEvent<HTMLElement>, a: Anchor, pages: number): void => {
    let to: number;
    switch (e.key) {
      case 'ArrowLeft':
        to = a.index - 1;
        break;
      case 'ArrowRight':
        to = a.index + 1;
        break;
      case 'ArrowUp':
        to = a.index - rowLength(e.currentTarget.parentElement);
        break;
      case 'ArrowDown':
        to = a.index + rowLength(e.currentTarget.parentElement);
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = pages - 1;
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        commit(a, a);
        return;
      case 'Escape':
        e.preventDefault();
        if (sel) {
          select(null);
          setSaid('selection cleared');
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    to = Math.max(0, Math.min(pages - 1, to));
    const b: Anchor = { ...a, index: to };
    setFocusAt((f) => ({ ...f, [bufKey(a.proc, a.buf)]: to }));
    e.currentTarget.parentElement?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus();
    if (e.shiftKey) {
      const from =
        anchor.current && anchor.current.proc === a.proc && anchor.current.buf === a.buf
          ? anchor.current
          : a;
      commit(from, b);
    }
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
            tabStop={tabStop}
            onKey={key}
            hintId={hintId}
          />
        ))}
      </div>
      <p id={hintId} className="sr-only">
        Arrow keys move between pages, Enter or space selects one, Shift with the arrows extends the
        selection, Escape clears it.
      </p>
      <p className="sr-only" role="status" data-testid="selection-status">
        {said}
      </p>
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
  tabStop,
  onKey,
  hintId,
}: {
  snap: Snapshot;
  p: ProcSnap;
  hl: (vpn: number) => boolean;
  selected: (proc: string, buf: string, i: number) => boolean;
  down: (a: Anchor, shift: boolean) => void;
  enter: (a: Anchor) => void;
  tabStop: (proc: string, buf: string) => number;
  onKey: (e: KeyboardEvent<HTMLElement>, a: Anchor, pages: number) => void;
  hintId: string;
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
      {p.buffers.map((b) => {
        const shown = Math.min(b.pages, MAX_CELLS);
        const stop = Math.min(shown - 1, tabStop(p.name, b.name));
        return (
          <div key={b.name} className="mt-1">
            <div className="font-mono text-[10px] text-slate-400">
              {b.name} · {vaddr(b.start)} · {b.pages} page{b.pages === 1 ? '' : 's'} ·{' '}
              {vmaText(p, b.start)}
            </div>
            <div
              className="mt-0.5 flex flex-wrap gap-[2px]"
              role="listbox"
              aria-multiselectable="true"
              aria-orientation="horizontal"
              aria-label={`${p.name} ${b.name} pages`}
              aria-describedby={hintId}
              data-owns-arrows=""
            >
              {Array.from({ length: shown }, (_, i) => {
                const vpn = b.start + i;
                const mapped = p.vmas.some((v) => v.start <= vpn && vpn < v.end);
                const look = pageLook(snap, p, vpn);
                const isSel = selected(p.name, b.name, i);
                const changed = hl(vpn);
                const bg = mapped ? residenceColor(look.residence, look.dev) : 'transparent';
                const at: Anchor = { proc: p.name, buf: b.name, index: i };
                const label = `${b.name}[${i}] ${vaddr(vpn)}: ${mapped ? look.title : 'unmapped (munmap)'} · ${vmaText(p, vpn)}`;
                return (
                  <div
                    key={i}
                    role="option"
                    aria-selected={isSel}
                    aria-label={changed ? `${label} · changed by this step` : label}
                    tabIndex={i === stop ? 0 : -1}
                    data-index={i}
                    data-testid={`page-${p.name}-${b.name}-${i}`}
                    data-residence={mapped ? look.residence : 'unmapped'}
                    title={label}
                    onPointerDown={(e) => down(at, e.shiftKey)}
                    onPointerEnter={() => enter(at)}
                    onKeyDown={(e) => onKey(e, at, shown)}
                    className={`flex h-[18px] w-[18px] cursor-pointer items-center justify-center rounded-[3px] font-mono text-[10px] font-bold ${
                      mapped
                        ? look.residence === 'none'
                          ? 'border border-slate-600 text-slate-500'
                          : ''
                        : 'border border-dashed border-slate-600 text-transparent'
                    } ${isSel ? 'ring-2 ring-sky-300' : ''} ${changed ? 'outline-2 outline-offset-1 outline-yellow-300 outline-dashed' : ''} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-100 focus-visible:outline-solid`}
                    style={bg === 'transparent' ? undefined : { background: bg, color: inkOn(bg) }}
                  >
                    {mapped ? look.letter : ''}
                  </div>
                );
              })}
            </div>
            {b.pages > MAX_CELLS && (
              <span className="text-[10px] text-slate-500">… {b.pages - MAX_CELLS} more pages</span>
            )}
          </div>
        );
      })}
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
            <LegendSwatch residence={l.residence} letter={l.letter} />
            {l.label}
          </li>
        ))}
      </ul>
    </details>
  );
}

function LegendSwatch({ residence, letter }: { residence: Residence; letter: string }) {
  const fill = residenceColor(residence, 0);
  return (
    <span
      aria-hidden="true"
      className={`inline-flex h-3 w-3 items-center justify-center rounded-sm font-mono text-[8px] font-bold ${
        fill === 'transparent' ? 'border border-slate-600 text-slate-500' : ''
      }`}
      style={fill === 'transparent' ? undefined : { background: fill, color: inkOn(fill) }}
    >
      {letter}
    </span>
  );
}
