/** struct page of the watched frame: counters, flags, mapping, pgmap, data, and its history. */
import { MAPPING, PG, type PageFlagName } from '../../engine/mem/frames';
import { selectHistory, selectSnapshot, selectWatched } from '../../store/selectors';
import { useLab } from '../../store/react';
import { frameLabel, mappersOf, memName, vaddr } from '../model/lookup';
import { Panel } from '../../ui/Panel';
import { RefcountChart } from './RefcountChart';

const FLAG_NAMES = Object.keys(PG) as PageFlagName[];

export function Inspector() {
  const snap = useLab(selectSnapshot);
  const pfn = useLab(selectWatched);
  const history = useLab(selectHistory);
  if (!snap) return <Panel title="struct page">…</Panel>;
  if (pfn === null || pfn < 0 || pfn >= snap.frames.count)
    return (
      <Panel title="struct page" testId="inspector">
        <p className="text-xs text-slate-500">
          Click a frame in physical memory, or select a mapped page, to inspect its struct page.
        </p>
      </Panel>
    );
  const f = snap.frames;
  const dev = snap.devices[(f.mem[pfn] ?? 0) - 1];
  const idle = dev && dev.type !== 'pmem' ? snap.deviceIdle : 0;
  const flags = FLAG_NAMES.filter((n) => ((f.flags[pfn] ?? 0) & PG[n]) !== 0);
  const mk = f.mappingKind[pfn] ?? 0;
  const mapping =
    mk === MAPPING.anon
      ? `anon (anon_vma ${f.mappingId[pfn]}), index ${vaddr(f.index[pfn] ?? 0)}`
      : mk === MAPPING.file
        ? `file #${f.mappingId[pfn]}, index ${f.index[pfn]}`
        : 'none';
  const owners = mappersOf(snap, pfn);
  const pgmap = dev
    ? `${dev.name}: MEMORY_DEVICE_${dev.type === 'private' ? 'PRIVATE' : dev.type === 'coherent' ? (snap.kernel === 'seeds' ? 'PUBLIC' : 'COHERENT') : 'FS_DAX'}`
    : 'none (system RAM)';
  return (
    <Panel title="struct page" detail={frameLabel(snap, pfn)} testId="inspector">
      <dl className="grid grid-cols-[80px_1fr] gap-x-2 font-mono text-[11px]">
        <dt className="text-slate-500">pfn</dt>
        <dd>
          {pfn} ({memName(snap, pfn)})
        </dd>
        <dt className="text-slate-500">refcount</dt>
        <dd data-testid="inspector-ref">
          {f.ref[pfn]} <span className="text-slate-500">(idle {idle})</span>
        </dd>
        <dt className="text-slate-500">mapcount</dt>
        <dd data-testid="inspector-map">{f.map[pfn]}</dd>
        <dt className="text-slate-500">pins</dt>
        <dd>{f.pin[pfn]}</dd>
        <dt className="text-slate-500">flags</dt>
        <dd>{flags.length ? flags.join(' ') : '—'}</dd>
        <dt className="text-slate-500">mapping</dt>
        <dd>{mapping}</dd>
        <dt className="text-slate-500">pgmap</dt>
        <dd>{pgmap}</dd>
        <dt className="text-slate-500">data</dt>
        <dd data-testid="inspector-value">{f.value[pfn]}</dd>
        <dt className="text-slate-500">mapped by</dt>
        <dd>{owners.length ? owners.map((o) => `${o.proc} ${vaddr(o.vpn)}`).join(', ') : '—'}</dd>
      </dl>
      {history && history.pfn === pfn && <RefcountChart history={history} idle={idle} />}
    </Panel>
  );
}
