/**
 * struct page of the frame the lab looks at: the one the user clicked, else the frame the
 * selection's inspected page maps at this step (it follows the page from RAM to the device and
 * back; model/inspected.ts). Counters, flags, mapping, pgmap, data, and its history.
 */
import { MAPPING, PG, type PageFlagName } from '../../engine/mem/frames';
import {
  selectHistory,
  selectInspecting,
  selectSelection,
  selectSnapshot,
  selectWatched,
} from '../../store/selectors';
import { useLab } from '../../store/react';
import { relatedIn } from '../model/relations';
import { usePointed } from '../relations/pointing';
import { Button } from '../../ui/Button';
import { inspected, type PageChoice } from '../model/inspected';
import { frameLabel, mappersOf, memName, vaddr } from '../model/lookup';
import { Panel } from '../../ui/Panel';
import { RefcountChart } from './RefcountChart';
import { Term, TermList } from '../glossary/Term';
import {
  MEMORY_TYPE_TERM,
  PAGE_FLAG_TERM,
  pageFieldTerm,
  type PAGE_FIELDS,
} from '../glossary/vocab';

/** A struct page row's label, explained. */
function Field({ f }: { f: (typeof PAGE_FIELDS)[number] }) {
  return (
    <dt className="text-slate-500">
      <Term k={pageFieldTerm(f)}>{f}</Term>
    </dt>
  );
}

const FLAG_NAMES = Object.keys(PG) as PageFlagName[];

/** Which page of the selection struct page follows, and the way to the others. */
function PageSwitch({ choice, pinned }: { choice: PageChoice; pinned: boolean }) {
  const inspect = useLab((s) => s.inspect);
  const step = (to: PageChoice['prev']) => () => {
    if (to) inspect(to);
  };
  return (
    <div className="mb-1 flex items-center gap-1 text-2xs text-slate-300">
      {pinned ? (
        <>
          <span className="flex-1 text-slate-400">the frame you clicked</span>
          <Button
            testId="inspector-follow"
            title={`Show the frame ${choice.label} maps at each step again`}
            onClick={() => inspect(choice.page)}
          >
            follow {choice.label}
          </Button>
        </>
      ) : (
        <>
          <span className="flex-1 font-mono" data-testid="inspector-page">
            {choice.label}
            {choice.of > 1 && (
              <span className="text-slate-500">
                {' '}
                · page {choice.n} of {choice.of}
              </span>
            )}
          </span>
          {choice.of > 1 && (
            <>
              <Button
                testId="inspector-prev"
                title="The previous selected page"
                disabledWhy={choice.prev ? null : 'This is the first selected page'}
                onClick={step(choice.prev)}
              >
                ‹ prev
              </Button>
              <Button
                testId="inspector-next"
                title="The next selected page"
                disabledWhy={choice.next ? null : 'This is the last selected page'}
                onClick={step(choice.next)}
              >
                next ›
              </Button>
            </>
          )}
        </>
      )}
    </div>
  );
}

export function Inspector() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const inspecting = useLab(selectInspecting);
  const watched = useLab(selectWatched);
  const history = useLab(selectHistory);
  const pointed = usePointed();
  if (!snap) return <Panel title="struct page">…</Panel>;
  const what = inspected(snap, sel, inspecting, watched);
  if (what.kind === 'no-frame')
    return (
      <Panel title="struct page" testId="inspector">
        <PageSwitch choice={what.choice} pinned={false} />
        <p className="text-xs text-slate-400" data-testid="inspector-why">
          {what.why}
        </p>
      </Panel>
    );
  const pfn = what.kind === 'frame' ? what.pfn : -1;
  if (what.kind === 'nothing' || pfn < 0 || pfn >= snap.frames.count)
    return (
      <Panel title="struct page" testId="inspector">
        <p className="text-xs text-slate-500">
          Select pages in the address space (struct page follows the first of them), or click a
          frame in physical memory.
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
  const memType = dev ? MEMORY_TYPE_TERM[dev.type][snap.kernel] : null;
  const pgmap =
    dev && memType ? (
      <>
        {dev.name}: <Term k={memType}>{memType}</Term>
      </>
    ) : (
      'none (system RAM)'
    );
  return (
    <Panel
      title="struct page"
      detail={frameLabel(snap, pfn)}
      testId="inspector"
      related={relatedIn(snap, pointed)?.pfn === pfn}
    >
      {what.choice && <PageSwitch choice={what.choice} pinned={what.pinned} />}
      {/* The counts first, two to a line, then their history (the chart), then the rest: the
          chart stays in view at 1280x720, where the panel is short. */}
      <dl className="grid grid-cols-[5.5rem_1fr_5.5rem_1fr] gap-x-2 font-mono text-2xs">
        <Field f="pfn" />
        <dd>
          {pfn} ({memName(snap, pfn)})
        </dd>
        <Field f="refcount" />
        <dd data-testid="inspector-ref">
          {f.ref[pfn]}{' '}
          <span className="text-slate-500">
            (<Term k={pageFieldTerm('idle')}>idle</Term> {idle})
          </span>
        </dd>
        <Field f="mapcount" />
        <dd data-testid="inspector-map">{f.map[pfn]}</dd>
        <Field f="pins" />
        <dd>{f.pin[pfn]}</dd>
      </dl>
      {history && history.pfn === pfn && <RefcountChart history={history} idle={idle} />}
      <dl className="grid grid-cols-[5.5rem_1fr] gap-x-2 font-mono text-2xs">
        <Field f="flags" />
        <dd>
          {flags.length ? (
            <TermList words={flags} keyOf={(w) => PAGE_FLAG_TERM[w as PageFlagName]} />
          ) : (
            '—'
          )}
        </dd>
        <Field f="mapping" />
        <dd>{mapping}</dd>
        <Field f="pgmap" />
        <dd>{pgmap}</dd>
        <Field f="data" />
        <dd data-testid="inspector-value">{f.value[pfn]}</dd>
        <Field f="mapped by" />
        <dd>{owners.length ? owners.map((o) => `${o.proc} ${vaddr(o.vpn)}`).join(', ') : '—'}</dd>
      </dl>
    </Panel>
  );
}
