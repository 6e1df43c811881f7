/**
 * The CPU page-table entries of the selected pages, and each mirror's entries for the same
 * pages in its driver's own encoding (raw bits decoded through the driver's tables). Rows the
 * current micro-step changed are tinted and marked with a dot. Hovering or focusing a row points
 * at its page (views/relations); rows that map the pointed-at frame are outlined.
 */
import { decode, encode, encodingFor, type EntryMeaning } from '../../engine/driver/encoding';
import { PTE, PTEB, PTE_BIT_NAMES, PTE_KIND_NAMES } from '../../engine/mm/pte';
import type { KernelModel } from '../../engine/commands/terms';
import type { ProcSnap, Snapshot } from '../../engine/snapshot';
import { selectCurrentStep, selectSelection, selectSnapshot } from '../../store/selectors';
import { useLab } from '../../store/react';
import { highlightOf } from '../model/changes';
import { entryAt, frameLabel, vaddr } from '../model/lookup';
import { Panel } from '../../ui/Panel';
import { isRelatedMirror, isRelatedPage, relatedIn, type Related } from '../model/relations';
import { pointHandlers, usePointed } from '../relations/pointing';
import { Term, TermList } from '../glossary/Term';
import {
  HMM_WORD_TERM,
  MIRROR_TAG_TERM,
  PTE_BIT_TERM,
  PTE_KIND_TERM,
  type SWAP_TYPES,
} from '../glossary/vocab';

const MAX_ROWS = 16;
const TAG = ['none', 'read', 'atomic', 'write'];

/** A row that maps the pointed-at frame: outlined in the relations accent (not colour alone). */
const RELATED_ROW = 'bg-violet-400/10 outline-1 -outline-offset-1 outline-violet-400 outline-solid';

function rowClass(changed: boolean, related: boolean): string {
  return `${changed ? 'bg-yellow-300/20' : ''} ${related ? RELATED_ROW : ''}`;
}

export function PageTableView() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const step = useLab(selectCurrentStep);
  const pointed = usePointed();
  if (!snap) return <Panel title="Page tables">…</Panel>;
  const p = sel ? snap.procs.find((x) => x.name === sel.proc) : undefined;
  const b = p && sel ? p.buffers.find((x) => x.name === sel.buf) : undefined;
  if (!p || !b || !sel)
    return (
      <Panel title="Page tables" testId="page-tables">
        <p className="text-xs text-slate-500">
          {sel
            ? // The focus (or a link's selection) names a buffer a later step maps.
              `${sel.proc} has not mapped ${sel.buf} yet at this step: its entries appear once it does.`
            : "Select pages to see their CPU page-table entries and every mirror's entries."}
        </p>
      </Panel>
    );
  const hl = highlightOf(step?.changes);
  const vpns = Array.from(
    { length: Math.min(sel.count, MAX_ROWS) },
    (_, i) => b.start + sel.first + i,
  );
  const mirrors = snap.mirrors.filter((m) => m.open && m.pid === p.pid);
  const related = relatedIn(snap, pointed);
  return (
    <Panel title="Page tables" detail={`${p.name} ${sel.buf}`} testId="page-tables">
      {/* Fixed columns (in ch of the table's monospace): they keep their width from step to
          step, and a long entry wraps between words, never inside an identifier. */}
      <table className="w-full table-fixed font-mono text-2xs [&_td]:align-top">
        <colgroup>
          <col style={{ width: '5ch' }} />
          <col />
          <col style={{ width: '12ch' }} />
          <col style={{ width: '17ch' }} />
        </colgroup>
        <thead className="text-slate-500">
          <tr>
            <th className="pr-1 text-left">page</th>
            <th className="pr-1 text-left">CPU PTE</th>
            <th className="pr-1 text-left">pfn / slot</th>
            <th className="text-left">bits</th>
          </tr>
        </thead>
        <tbody>
          {vpns.map((vpn, i) => (
            <PteRow
              key={vpn}
              snap={snap}
              p={p}
              vpn={vpn}
              index={sel.first + i}
              changed={hl.pte(p.pid, vpn)}
              related={related}
            />
          ))}
        </tbody>
      </table>
      {sel.count > MAX_ROWS && (
        <p className="text-2xs text-slate-500">
          first {MAX_ROWS} of {sel.count} pages
        </p>
      )}
      {mirrors.map((m) => {
        const dev = snap.devices[m.dev];
        if (!dev) return null;
        const enc = encodingFor(snap.kernel, dev.index);
        return (
          <div key={m.id} className="mt-2" data-testid={`mirror-${m.name}`}>
            <div className="text-2xs text-slate-400">
              mirror {m.name} · <Term k="mirror:encoding">encoding</Term>: {enc.name}
            </div>
            <table className="w-full table-fixed font-mono text-2xs [&_td]:align-top">
              <colgroup>
                <col style={{ width: '5ch' }} />
                <col style={{ width: '7ch' }} />
                <col style={{ width: '20ch' }} />
                <col style={{ width: '3ch' }} />
                <col />
              </colgroup>
              <tbody>
                {vpns.map((vpn, i) => {
                  const e = entryAt(m.entries, vpn);
                  const meaning: EntryMeaning =
                    e && e.kind
                      ? {
                          kind: 'valid',
                          write: e.kind === 3 || e.kind === 2,
                          devicePrivate:
                            snap.devices[(snap.frames.mem[e.pfn] ?? 0) - 1]?.type === 'private',
                          pfn: e.pfn,
                        }
                      : { kind: 'none', write: false, devicePrivate: false, pfn: 0 };
                  const raw = encode(enc, meaning);
                  const back = decode(enc, raw);
                  const at = vpn - m.snapshotStart;
                  const byte = at >= 0 && at < m.snapshot.length ? (m.snapshot[at] ?? 0) : null;
                  return (
                    <tr
                      key={vpn}
                      className={rowClass(
                        hl.mirror(m.id, vpn),
                        isRelatedMirror(related, m.id, vpn),
                      )}
                      data-testid={`mirror-row-${m.name}-${sel.first + i}`}
                      data-related={isRelatedMirror(related, m.id, vpn) ? 'true' : undefined}
                      {...pointHandlers({ kind: 'mirror', mirror: m.id, vpn })}
                    >
                      <td className="pr-1">
                        [{sel.first + i}]
                        <Changed on={hl.mirror(m.id, vpn)} />
                      </td>
                      <td className="pr-1">
                        <MirrorTag tag={(e && e.kind ? TAG[e.kind] : undefined) ?? 'none'} />
                      </td>
                      <td className="pr-1">0x{raw.toString(16)}</td>
                      <td
                        className="pr-1"
                        title="the byte the last SNAPSHOT reported for this page"
                      >
                        {byte === null ? '' : byte.toString(16).padStart(2, '0').toUpperCase()}
                      </td>
                      <td className="text-slate-400">
                        {back.kind === 'valid' ? (
                          <>
                            <TermList
                              words={[
                                'VALID',
                                ...(back.write ? ['WRITE'] : []),
                                ...(back.devicePrivate ? ['DEVICE_PRIVATE'] : []),
                              ]}
                              keyOf={(w) => HMM_WORD_TERM[w]}
                            />
                            {` → ${frameLabel(snap, back.pfn)}`}
                          </>
                        ) : (
                          <>
                            values[
                            <Term k={HMM_WORD_TERM[back.kind.toUpperCase()] ?? ''}>
                              {back.kind.toUpperCase()}
                            </Term>
                            ]
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </Panel>
  );
}

function PteRow({
  snap,
  p,
  vpn,
  index,
  changed,
  related,
}: {
  snap: Snapshot;
  p: ProcSnap;
  vpn: number;
  index: number;
  changed: boolean;
  related: Related | null;
}) {
  const e = entryAt(p.pte, vpn);
  const kind = !e
    ? 'none'
    : e.kind === PTE.present && e.pfn === snap.zeroPfn
      ? 'zero page'
      : (PTE_KIND_NAMES[e.kind] ?? '?');
  const target = !e
    ? ''
    : e.kind === PTE.swap
      ? `swap slot ${e.pfn}`
      : e.kind === PTE.none
        ? ''
        : `${e.pfn} (${frameLabel(snap, e.pfn)})`;
  const bits = e ? PTE_BIT_NAMES.filter((_, i) => (e.bits & (1 << i)) !== 0) : [];
  const swapType = e ? swapEntryType(e.kind, e.bits, snap.kernel) : null;
  return (
    <tr
      className={rowClass(changed, isRelatedPage(related, p.pid, vpn))}
      data-testid={`pte-row-${index}`}
      data-related={isRelatedPage(related, p.pid, vpn) ? 'true' : undefined}
      title={vaddr(vpn)}
      {...pointHandlers({ kind: 'page', pid: p.pid, vpn })}
    >
      <td className="pr-1">
        [{index}]
        <Changed on={changed} />
      </td>
      <td className="pr-1" data-testid={`pte-kind-${index}`}>
        <Term k={PTE_KIND_TERM[kind as keyof typeof PTE_KIND_TERM] ?? ''}>{kind}</Term>
        {swapType && (
          <span className="text-slate-500">
            {' '}
            (<Term k={swapType}>{swapType}</Term>, offset {e?.pfn})
          </span>
        )}
      </td>
      <td className="pr-1">{target}</td>
      <td className="text-slate-400">
        <TermList words={bits} keyOf={(w) => PTE_BIT_TERM[w as keyof typeof PTE_BIT_TERM]} />
      </td>
    </tr>
  );
}

/** A mirror entry's tag (none, read, atomic, write), explained. */
function MirrorTag({ tag }: { tag: string }) {
  const k = MIRROR_TAG_TERM[tag];
  return k ? <Term k={k}>{tag}</Term> : <>{tag}</>;
}

/** A row the current micro-step changed: tinted, and marked by a glyph (not by colour alone). */
function Changed({ on }: { on: boolean }) {
  if (!on) return null;
  return (
    <>
      <span aria-hidden="true" className="text-yellow-300">
        {' '}
        ●
      </span>
      <span className="sr-only"> (changed by this step)</span>
    </>
  );
}

/**
 * Non-present entries are swap entries: a type (the kernel's special swap types, or swap
 * device 0) and an offset (the pfn for the special ones, the slot for real swap). Device-
 * exclusive entries have one type in the modern model (include/linux/swapops.h at v6.15:
 * SWP_DEVICE_EXCLUSIVE, since the make_device_exclusive rework), a read and a write type
 * before it (v5.14 to v6.14).
 */
function swapEntryType(
  kind: number,
  bits: number,
  kernel: KernelModel,
): (typeof SWAP_TYPES)[number] | null {
  const w = (bits & PTEB.write) !== 0;
  switch (kind) {
    case PTE.devicePrivate:
      return w ? 'SWP_DEVICE_WRITE' : 'SWP_DEVICE_READ';
    case PTE.migration:
      return w ? 'SWP_MIGRATION_WRITE' : 'SWP_MIGRATION_READ';
    case PTE.deviceExclusive:
      if (kernel === 'modern') return 'SWP_DEVICE_EXCLUSIVE';
      return w ? 'SWP_DEVICE_EXCLUSIVE_WRITE' : 'SWP_DEVICE_EXCLUSIVE_READ';
    case PTE.hwpoison:
      return 'SWP_HWPOISON';
    case PTE.swap:
      return 'swap type 0';
    default:
      return null;
  }
}
