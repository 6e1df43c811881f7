/**
 * Each process's buffers as bands of page cells showing where each page's data lives now.
 * Drag across cells (or click, shift-click) to select pages; the selection drives the actions,
 * the page-table view and the inspector.
 *
 * From the keyboard each buffer is one tab stop (a multi-select listbox with a roving
 * tabindex): arrows move between pages, Page Up/Down by a screenful, Home/End to the ends,
 * Enter or space selects the focused page, Shift with any of them extends the selection,
 * Escape clears it. The buffer owns those keys (`data-owns-arrows`), so they do not step the
 * timeline; the selection is announced.
 *
 * Only what is in view is rendered (model/addressLayout.ts places every process, buffer and
 * row of cells), so a run with thousands of buffers or a 1 GiB buffer costs the same per step
 * as the lecture machine: the listboxes hold the cells in view and say how many there are
 * (aria-setsize, aria-posinset). A buffer larger than STRIP_OVER pages also gets an overview
 * strip (click it to scroll there) and, in words, how many of its pages live where.
 *
 * Hovering or focusing a cell points at its page (views/relations): the cells of every page
 * that shares its frame get a violet band (a fork's child and parent, for one).
 */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { ProcSnap, Snapshot } from '../../engine/snapshot';
import { selectCurrentStep, selectSelection, selectSnapshot } from '../../store/selectors';
import { useLab } from '../../store/react';
import type { RangeSelection } from '../../timeline/selection';
import {
  METRICS,
  addressLayout,
  cellsItem,
  fitMetrics,
  itemsIn,
  metricsAt,
  rowsIn,
  type Item,
  type Metrics,
} from '../model/addressLayout';
import { FIT_MAX_SCALE, scaleOf, useViewScale } from '../scale/viewScale';
import { bufferCodes, codeCounts, residenceSummary } from '../model/bufferMap';
import { highlightOf, type Highlight } from '../model/changes';
import { vaddr } from '../model/lookup';
import { inkOn, residenceColor } from '../model/palette';
import { pageLook, RESIDENCE_LEGEND, type Residence } from '../model/residence';
import { BufferStrip } from './BufferStrip';
import { Panel } from '../../ui/Panel';
import { watchScrolling } from '../../ui/scrollFocus';
import { Term } from '../glossary/Term';
import { RESIDENCE_TERM } from '../glossary/vocab';
import { pressWithoutFocus } from '../../ui/pressWithoutFocus';
import { isRelatedPage, relatedIn, type Related } from '../model/relations';
import { point, unpoint, usePointed } from '../relations/pointing';

interface Anchor {
  proc: string;
  buf: string;
  index: number;
}

/** Rendered beyond the viewport on each side, so a short scroll shows cells at once. */
const OVERSCAN = 120;

const bufKey = (proc: string, buf: string): string => `${proc}/${buf}`;
const cellId = (proc: string, buf: string, i: number): string => `page-${proc}-${buf}-${i}`;

function rangeText(buf: string, first: number, count: number): string {
  return `${buf}[${first}${count > 1 ? `..${first + count - 1}` : ''}]`;
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

/** A large buffer's page codes, once per snapshot (procs are new objects in every snapshot). */
const codesCache = new WeakMap<ProcSnap, Map<string, Uint8Array>>();
function codesOf(s: Snapshot, p: ProcSnap, b: { name: string; start: number; pages: number }) {
  let byBuf = codesCache.get(p);
  if (!byBuf) codesCache.set(p, (byBuf = new Map<string, Uint8Array>()));
  let c = byBuf.get(b.name);
  if (!c) byBuf.set(b.name, (c = bufferCodes(s, p, b.start, b.pages)));
  return c;
}

/** A large buffer's residence counts in words, once per codes array (each render would redo it). */
const summaryCache = new WeakMap<Uint8Array, string>();
function summaryOf(s: Snapshot, codes: Uint8Array): string {
  let t = summaryCache.get(codes);
  if (t === undefined) summaryCache.set(codes, (t = residenceSummary(s, codeCounts(codes))));
  return t;
}

/** The scroller's size and scroll position, kept in state so the rows in view render. */
function useViewport(el: HTMLDivElement | null) {
  const [view, setView] = useState({ top: 0, height: 0, width: 0 });
  useEffect(() => {
    if (!el) return;
    let frame = 0;
    const read = (): void => {
      frame = 0;
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight && v.width === el.clientWidth
          ? v
          : { top: el.scrollTop, height: el.clientHeight, width: el.clientWidth },
      );
    };
    const later = (): void => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    const ro = new ResizeObserver(read);
    ro.observe(el);
    el.addEventListener('scroll', later, { passive: true });
    const stop = watchScrolling(el);
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', later);
      stop();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [el]);
  return [view, setView] as const;
}

export function AddressSpace() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const step = useLab(selectCurrentStep);
  const select = useLab((s) => s.select);
  const pointed = usePointed();
  const [drag, setDrag] = useState<{ a: Anchor; b: Anchor } | null>(null);
  const dragging = useRef(false);
  // The keyboard: the page holding each buffer's tab stop, where a Shift-extension starts, and
  // the last selection change in words (a polite status for screen readers).
  const [focusAt, setFocusAt] = useState<Record<string, number>>({});
  const anchor = useRef<Anchor | null>(null);
  const [said, setSaid] = useState('');
  const hintId = useId();
  // The scroller exists only once there is a snapshot: a callback ref, so the viewport hook
  // starts watching it when it appears.
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const [view, setView] = useViewport(scrollEl);
  /** A cell to focus once it is rendered (after a keyboard move scrolled to it). */
  const pendingFocus = useRef<string | null>(null);
  const vs = useViewScale();
  const layout = useMemo(() => {
    if (!snap) return null;
    const s = scaleOf(vs);
    const base = s === 1 ? METRICS : metricsAt(s);
    const width = Math.max(base.cell, view.width);
    // The presenter: cells as large as the panel allows (all pages in view), never smaller.
    const m = vs.fit ? fitMetrics(snap.procs, width, view.height, s, s * FIT_MAX_SCALE) : base;
    return addressLayout(snap.procs, width, m);
  }, [snap, view.width, view.height, vs]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = scrollEl?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: true });
    }
  });

  if (!snap || !layout) return <Panel title="Address space">Starting the engine…</Panel>;
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
    // struct page follows the first selected page from here on (the store's inspection.ts),
    // wherever it lives at each step: no frame is pinned.
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

  /** Scroll so that page `index` of a buffer is in view (its row, if it is not already). */
  const reveal = (proc: number, buf: number, index: number): void => {
    const el = scrollEl;
    const it = cellsItem(layout, proc, buf);
    if (!el || !it) return;
    const pitch = layout.m.pitch;
    const rowTop = it.top + Math.floor(index / layout.cols) * pitch;
    let top = el.scrollTop;
    if (rowTop < top) top = rowTop;
    else if (rowTop + pitch > top + el.clientHeight) top = rowTop + pitch - el.clientHeight;
    if (top !== el.scrollTop) {
      el.scrollTo({ top });
      setView((v) => ({ ...v, top: el.scrollTop }));
    }
  };
  /** Move the keyboard to page `to` (scrolling it into view and rendering it if need be). */
  const focusPage = (procIndex: number, bufIndex: number, a: Anchor, to: number): void => {
    setFocusAt((f) => ({ ...f, [bufKey(a.proc, a.buf)]: to }));
    reveal(procIndex, bufIndex, to);
    const id = cellId(a.proc, a.buf, to);
    const el = scrollEl?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (el) el.focus({ preventScroll: true });
    else pendingFocus.current = id;
  };

  const rowsInView = Math.max(1, Math.floor(view.height / layout.m.pitch));
  const key = (
    e: KeyboardEvent<HTMLElement>,
    a: Anchor,
    pages: number,
    procIndex: number,
    bufIndex: number,
  ): void => {
    const cols = layout.cols;
    const page = rowsInView * cols;
    const moves: Record<string, number> = {
      ArrowLeft: a.index - 1,
      ArrowRight: a.index + 1,
      ArrowUp: a.index - cols,
      ArrowDown: a.index + cols,
      PageUp: a.index - page,
      PageDown: a.index + page,
      Home: 0,
      End: pages - 1,
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      commit(a, a);
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      if (sel) {
        select(null);
        setSaid('selection cleared');
      }
      return;
    }
    const moved = moves[e.key];
    if (moved === undefined) return;
    e.preventDefault();
    const to = Math.max(0, Math.min(pages - 1, moved));
    focusPage(procIndex, bufIndex, a, to);
    if (e.shiftKey) {
      const from =
        anchor.current && anchor.current.proc === a.proc && anchor.current.buf === a.buf
          ? anchor.current
          : a;
      commit(from, { ...a, index: to });
    }
  };
  const selected = (proc: string, buf: string, i: number): boolean => {
    if (drag && drag.a.proc === proc && drag.a.buf === buf)
      return i >= Math.min(drag.a.index, drag.b.index) && i <= Math.max(drag.a.index, drag.b.index);
    return (
      !!sel && sel.proc === proc && sel.buf === buf && i >= sel.first && i < sel.first + sel.count
    );
  };

  const top = view.top - OVERSCAN;
  const bottom = view.top + Math.max(view.height, layout.m.pitch) + OVERSCAN;
  const render = (it: Item): ReactNode => {
    const p = snap.procs[it.proc];
    if (!p) return null;
    const style = { top: it.top, height: it.height };
    const b = 'buf' in it ? p.buffers[it.buf] : undefined;
    switch (it.kind) {
      case 'proc':
        return (
          <div
            key={`p${it.proc}`}
            data-testid={`proc-${p.name}`}
            className={`absolute inset-x-0 truncate text-xs leading-[1.125rem] text-slate-300 ${p.alive ? '' : 'opacity-50'}`}
            style={style}
          >
            <span className="font-semibold text-slate-100">{p.name}</span> (pid {p.pid})
            {p.alive ? '' : ' — exited'} · RSS {p.rss.anon + p.rss.file + p.rss.shmem}
          </div>
        );
      case 'empty':
        return (
          <div
            key={`e${it.proc}`}
            className="absolute inset-x-0 text-2xs leading-4 text-slate-500"
            style={style}
          >
            no mappings yet: mmap a buffer
          </div>
        );
      case 'buf':
        if (!b) return null;
        return (
          <div
            key={`b${it.proc}.${it.buf}`}
            className={`absolute inset-x-0 truncate pt-1 font-mono text-2xs leading-[0.875rem] text-slate-400 ${p.alive ? '' : 'opacity-50'}`}
            style={style}
            title={`${b.name} · ${vaddr(b.start)} · ${b.pages} pages · ${vmaText(p, b.start)}`}
          >
            {b.name} · {vaddr(b.start)} · {b.pages} page{b.pages === 1 ? '' : 's'} ·{' '}
            {vmaText(p, b.start)}
          </div>
        );
      case 'strip': {
        if (!b) return null;
        const codes = codesOf(snap, p, b);
        const cells = cellsItem(layout, it.proc, it.buf);
        const [r0, r1] = cells
          ? rowsIn(cells, view.top, view.top + view.height, layout.m.pitch)
          : [0, 0];
        return (
          <div
            key={`s${it.proc}.${it.buf}`}
            className={`absolute inset-x-0 ${p.alive ? '' : 'opacity-50'}`}
            style={style}
          >
            <BufferStrip
              codes={codes}
              width={layout.cols * layout.m.pitch - (layout.m.pitch - layout.m.cell)}
              buf={b.name}
              start={b.start}
              changed={step?.changes.ptes[p.pid]}
              sel={sel && sel.proc === p.name ? sel : null}
              view={[Math.min(b.pages, r0 * layout.cols), Math.min(b.pages, r1 * layout.cols)]}
              onSeek={(page) => reveal(it.proc, it.buf, page)}
            />
            <div
              className="truncate font-mono text-2xs leading-4 text-slate-400"
              data-testid={`summary-${p.name}-${b.name}`}
            >
              {summaryOf(snap, codes)}
            </div>
          </div>
        );
      }
      case 'cells': {
        if (!b) return null;
        const [r0, r1] = rowsIn(it, top, bottom, layout.m.pitch);
        const first = r0 * layout.cols;
        const end = Math.min(b.pages, r1 * layout.cols);
        if (end <= first) return null;
        return (
          <Cells
            key={`c${it.proc}.${it.buf}`}
            snap={snap}
            p={p}
            buf={b}
            top={it.top + r0 * layout.m.pitch}
            cols={layout.cols}
            m={layout.m}
            first={first}
            end={end}
            hl={hl}
            related={relatedIn(snap, pointed)}
            tabStop={
              focusAt[bufKey(p.name, b.name)] ??
              (sel && sel.proc === p.name && sel.buf === b.name ? sel.first : 0)
            }
            selected={selected}
            down={down}
            enter={enter}
            onKey={(e, a) => key(e, a, b.pages, it.proc, it.buf)}
            hintId={hintId}
          />
        );
      }
    }
  };

  return (
    <Panel title="Address space" testId="address-space" aside={<Legend />}>
      <div ref={setScrollEl} className="relative h-full min-h-0 overflow-auto">
        <div
          onPointerUp={up}
          onPointerLeave={up}
          className="relative select-none"
          style={{ height: layout.height }}
        >
          {itemsIn(layout, top, bottom).map(render)}
        </div>
      </div>
      <p id={hintId} className="sr-only">
        Arrow keys move between pages, Page Up and Page Down by a screenful, Home and End to the
        first and last page; Enter or space selects one, Shift with a move extends the selection,
        Escape clears it.
      </p>
      <p className="sr-only" role="status" data-testid="selection-status">
        {said}
      </p>
    </Panel>
  );
}

/** The page cells of one buffer that are in view: a listbox of those options. */
function Cells({
  snap,
  p,
  buf,
  top,
  cols,
  m,
  first,
  end,
  hl,
  related,
  tabStop,
  selected,
  down,
  enter,
  onKey,
  hintId,
}: {
  snap: Snapshot;
  p: ProcSnap;
  buf: { name: string; start: number; pages: number };
  top: number;
  cols: number;
  m: Metrics;
  /** The pages rendered: [first, end). */
  first: number;
  end: number;
  hl: Highlight;
  related: Related | null;
  /** The page that is the buffer's tab stop (the first rendered one when it is not rendered). */
  tabStop: number;
  selected: (proc: string, buf: string, i: number) => boolean;
  down: (a: Anchor, shift: boolean) => void;
  enter: (a: Anchor) => void;
  onKey: (e: KeyboardEvent<HTMLElement>, a: Anchor) => void;
  hintId: string;
}) {
  const stop = tabStop >= first && tabStop < end ? tabStop : first;
  const summary =
    buf.pages > end - first
      ? `, ${buf.pages} pages, ${end - first} shown (pages ${first}..${end - 1})`
      : '';
  // The letter takes the lab's 11 px in an 18 px cell, in proportion at any size.
  const size = { width: m.cell, height: m.cell, fontSize: Math.round(m.cell * 0.6) };
  const cells: ReactNode[] = [];
  for (let i = first; i < end; i++) {
    const vpn = buf.start + i;
    const mapped = p.vmas.some((v) => v.start <= vpn && vpn < v.end);
    const look = pageLook(snap, p, vpn);
    const isSel = selected(p.name, buf.name, i);
    const changed = hl.pte(p.pid, vpn);
    const bg = mapped ? residenceColor(look.residence, look.dev) : 'transparent';
    const at: Anchor = { proc: p.name, buf: buf.name, index: i };
    const rel = isRelatedPage(related, p.pid, vpn);
    const label = `${buf.name}[${i}] ${vaddr(vpn)}: ${mapped ? look.title : 'unmapped (munmap)'} · ${vmaText(p, vpn)}`;
    cells.push(
      <div
        key={i}
        role="option"
        aria-selected={isSel}
        aria-label={changed ? `${label} · changed by this step` : label}
        aria-setsize={buf.pages}
        aria-posinset={i + 1}
        tabIndex={i === stop ? 0 : -1}
        data-index={i}
        data-testid={cellId(p.name, buf.name, i)}
        data-residence={mapped ? look.residence : 'unmapped'}
        data-related={rel ? 'true' : undefined}
        title={label}
        onPointerDown={(e) => {
          pressWithoutFocus(e);
          down(at, e.shiftKey);
        }}
        onPointerEnter={(e) => {
          enter(at);
          point({ kind: 'page', pid: p.pid, vpn }, e.currentTarget);
        }}
        onPointerLeave={(e) => unpoint(e.currentTarget)}
        onFocus={(e) => point({ kind: 'page', pid: p.pid, vpn }, e.currentTarget)}
        onBlur={(e) => unpoint(e.currentTarget)}
        onKeyDown={(e) => onKey(e, at)}
        className={`flex cursor-pointer items-center justify-center rounded-[3px] font-mono font-bold ${
          mapped
            ? look.residence === 'none'
              ? 'border border-slate-600 text-slate-500'
              : ''
            : 'border border-dashed border-slate-600 text-transparent'
        } ${isSel ? 'ring-2 ring-sky-300' : ''} ${rel ? 'relative z-10 shadow-[0_0_0_4px_var(--color-violet-400)]' : ''} ${changed ? 'outline-2 outline-offset-1 outline-yellow-300 outline-dashed' : ''} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-100 focus-visible:outline-solid`}
        style={{
          ...size,
          ...(bg === 'transparent' ? {} : { background: bg, color: inkOn(bg) }),
        }}
      >
        {mapped ? look.letter : ''}
      </div>,
    );
  }
  return (
    <div
      className={`absolute left-0 grid ${p.alive ? '' : 'opacity-50'}`}
      style={{ top, gap: m.pitch - m.cell, gridTemplateColumns: `repeat(${cols}, ${m.cell}px)` }}
      role="listbox"
      aria-multiselectable="true"
      aria-orientation="horizontal"
      aria-label={`${p.name} ${buf.name} pages${summary}`}
      aria-describedby={hintId}
      data-owns-arrows=""
    >
      {cells}
    </div>
  );
}

function Legend() {
  return (
    <details className="relative text-2xs text-slate-400">
      <summary className="cursor-pointer">legend</summary>
      <ul className="absolute right-0 z-10 mt-1 w-48 space-y-0.5 rounded border border-slate-700 bg-slate-900 p-2">
        {RESIDENCE_LEGEND.map((l) => (
          <li key={l.residence} className="flex items-center gap-2">
            <LegendSwatch residence={l.residence} letter={l.letter} />
            <Term k={RESIDENCE_TERM[l.residence]}>{l.label}</Term>
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
      className={`inline-flex h-[1.4em] w-[1.4em] items-center justify-center rounded-sm font-mono font-bold ${
        fill === 'transparent' ? 'border border-slate-600 text-slate-500' : ''
      }`}
      style={fill === 'transparent' ? undefined : { background: fill, color: inkOn(fill) }}
    >
      {letter}
    </span>
  );
}
