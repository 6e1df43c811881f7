/**
 * Every action a scenario can express, by clicking. Actions on pages use the selection; device
 * actions use the selected process's mirror of that device. A button that cannot be used says
 * why; a command the kernel refuses shows its error in the narration.
 */
import { useState } from 'react';
import type { MemType, Prot, RangeRef, ValueExpr } from '../../engine/commands/terms';
import type { Command } from '../../engine/commands/table';
import type { Snapshot } from '../../engine/snapshot';
import { selectSelection, selectSnapshot, selectStatus } from '../../store/selectors';
import { useLab } from '../../store/react';
import type { RangeSelection } from '../../store/types';
import { parseValue, valueProblem } from '../../scenario/values';
import { Button } from './Button';
import { Choice, TextInput } from './Field';
import { MmapForm } from './MmapForm';
import { Panel } from './Panel';

const PROTS: Prot[] = ['rw', 'r', 'none'];

function rangeOf(sel: RangeSelection): RangeRef {
  return { kind: 'buf', buf: sel.buf, first: sel.first, count: sel.count };
}

function nextName(taken: (n: string) => boolean, stem: string): string {
  for (let i = 1; ; i++) if (!taken(`${stem}${i}`)) return `${stem}${i}`;
}

export function ActionBar() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const status = useLab(selectStatus);
  const run = useLab((s) => s.run);
  const [value, setValue] = useState('42');
  const [prot, setProt] = useState<Prot>('r');
  const [gup, setGup] = useState({ write: true, pin: false, longterm: false, fast: false });
  const [showMmap, setShowMmap] = useState(false);
  const [picked, setPicked] = useState('');
  const [reclaimN, setReclaimN] = useState('8');
  const [plug, setPlug] = useState<{ type: MemType; pages: string }>({
    type: 'private',
    pages: '8',
  });
  if (!snap) return <Panel title="Actions">…</Panel>;

  const busy = status === 'busy' ? 'the engine is still working on the last action' : null;
  const alive = snap.procs.filter((p) => p.alive);
  // The acting process: the selection's, else the one picked in the list, else the first alive.
  const proc = sel
    ? snap.procs.find((p) => p.name === sel.proc)
    : (alive.find((p) => p.name === picked) ?? alive[0]);
  const procName = proc?.name ?? '';
  const needSel =
    busy ??
    (sel
      ? null
      : 'select pages first: drag across page cells in the address space (or Tab to them: arrows move, Enter selects, Shift+arrows extend)');
  const needProc =
    busy ?? (proc?.alive ? null : proc ? `${proc.name} has exited` : 'no process is running');
  const taken = (n: string): boolean =>
    snap.procs.some((p) => p.name === n) ||
    snap.devices.some((d) => d.name === n) ||
    snap.mirrors.some((m) => m.name === n && m.open);
  // A value as the scenario writes it: 42, -7, i, -i, i+1 (i: the page's index in its buffer).
  const parsedValue = parseValue(value.trim());
  const valueWhy =
    parsedValue && !valueProblem(parsedValue)
      ? null
      : 'the value must be a 32-bit integer, or i, -i, i+N (i: the page index in its buffer)';
  const val: ValueExpr = parsedValue ?? { scale: 0, offset: 0 };
  const go = (c: Command) => void run(c);

  return (
    <Panel title="Actions" testId="actions">
      <div className="space-y-1 text-xs">
        <Row label={procName || 'process'}>
          <select
            aria-label="acting process"
            data-testid="act-proc"
            className="rounded bg-slate-800"
            value={procName}
            disabled={!!sel}
            title={
              sel ? `the selection belongs to ${sel.proc}` : 'the process the actions apply to'
            }
            onChange={(e) => setPicked(e.target.value)}
          >
            {alive.map((p) => (
              <option key={p.pid}>{p.name}</option>
            ))}
          </select>
          <Button testId="act-mmap" disabledWhy={needProc} onClick={() => setShowMmap(true)}>
            mmap…
          </Button>
          <Button
            testId="act-fork"
            disabledWhy={needProc}
            onClick={() => go({ op: 'fork', proc: procName, child: nextName(taken, 'child') })}
          >
            fork
          </Button>
          <Button
            testId="act-exit"
            disabledWhy={needProc}
            onClick={() => go({ op: 'exit', proc: procName })}
          >
            exit
          </Button>
        </Row>
        {showMmap && proc && (
          <MmapForm snap={snap} proc={procName} onDone={() => setShowMmap(false)} />
        )}
        <Row
          label={
            sel
              ? `${sel.buf}[${sel.first}${sel.count > 1 ? `..${sel.first + sel.count - 1}` : ''}]`
              : 'no pages'
          }
        >
          <Button
            testId="act-cpu-read"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'cpu-read', proc: sel.proc, range: rangeOf(sel) })}
          >
            CPU read
          </Button>
          <Button
            testId="act-cpu-write"
            disabledWhy={needSel ?? valueWhy}
            onClick={() =>
              sel &&
              go({
                op: 'cpu-write',
                proc: sel.proc,
                range: rangeOf(sel),
                value: val,
              })
            }
          >
            CPU write
          </Button>
          <TextInput
            label="value to write"
            testId="value"
            width="w-14"
            value={value}
            onChange={(v) => setValue(v)}
          />
          <Button
            testId="act-cpu-inc"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'cpu-inc', proc: sel.proc, range: rangeOf(sel) })}
          >
            CPU inc
          </Button>
        </Row>
        <Row label="GUP">
          <Button
            testId="act-gup"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'gup', proc: sel.proc, range: rangeOf(sel), ...gup })}
          >
            {gup.pin ? 'pin_user_pages' : 'get_user_pages'}
          </Button>
          {(['write', 'pin', 'longterm', 'fast'] as const).map((f) => (
            <label key={f} className="flex items-center gap-0.5 text-[11px] text-slate-300">
              <input
                type="checkbox"
                data-testid={`gup-${f}`}
                checked={gup[f]}
                onChange={(e) => setGup({ ...gup, [f]: e.target.checked })}
              />
              {f}
            </label>
          ))}
          <Button
            testId="act-unpin"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'unpin', proc: sel.proc, range: rangeOf(sel) })}
          >
            unpin
          </Button>
        </Row>
        <Row label="VMA">
          <Button
            testId="act-mprotect"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'mprotect', proc: sel.proc, range: rangeOf(sel), prot })}
          >
            mprotect
          </Button>
          <Choice<Prot> label="protection" testId="prot" value={prot} onChange={setProt}>
            {PROTS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </Choice>
          <Button
            testId="act-munmap"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'munmap', proc: sel.proc, range: rangeOf(sel) })}
          >
            munmap
          </Button>
          <Button
            testId="act-dontneed"
            disabledWhy={needSel}
            onClick={() =>
              sel && go({ op: 'madvise', proc: sel.proc, range: rangeOf(sel), advice: 'dontneed' })
            }
          >
            MADV_DONTNEED
          </Button>
          <Button
            testId="act-hwpoison"
            disabledWhy={needSel}
            onClick={() =>
              sel && go({ op: 'madvise', proc: sel.proc, range: rangeOf(sel), advice: 'hwpoison' })
            }
          >
            MADV_HWPOISON
          </Button>
        </Row>
        <Row label="Background">
          <Button
            testId="act-ksm"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'ksm', proc: sel.proc, range: rangeOf(sel) })}
          >
            KSM scan
          </Button>
          <Button
            testId="act-numa"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'numa-balance', proc: sel.proc, range: rangeOf(sel) })}
          >
            NUMA balance
          </Button>
          <Button
            testId="act-migrate-pages"
            disabledWhy={needSel}
            onClick={() => sel && go({ op: 'migrate-pages', proc: sel.proc, range: rangeOf(sel) })}
          >
            migrate_pages
          </Button>
          <Button
            testId="act-reclaim"
            disabledWhy={
              busy ??
              (Number.isInteger(Number(reclaimN)) && Number(reclaimN) > 0
                ? null
                : 'reclaim a positive number of pages')
            }
            onClick={() => go({ op: 'reclaim', pages: Number(reclaimN) })}
          >
            reclaim
          </Button>
          <TextInput
            label="pages to reclaim"
            width="w-10"
            value={reclaimN}
            onChange={(v) => setReclaimN(v)}
          />
        </Row>
        {snap.devices.map((d) => (
          <DeviceRow
            key={d.name}
            snap={snap}
            dev={d.index}
            procName={procName}
            sel={sel}
            busy={busy}
            value={val}
            valueWhy={valueWhy}
            go={go}
          />
        ))}
        <Row label="Machine">
          <Button
            testId="act-hotplug"
            disabledWhy={
              busy ??
              (Number.isInteger(Number(plug.pages)) && Number(plug.pages) > 0
                ? null
                : 'give the new device a size in pages')
            }
            onClick={() =>
              go({
                op: 'hotplug',
                device: nextName(taken, 'dev'),
                type: plug.type,
                pages: Number(plug.pages),
              })
            }
          >
            hotplug
          </Button>
          <select
            aria-label="hotplug type"
            className="rounded bg-slate-800"
            value={plug.type}
            onChange={(e) => setPlug({ ...plug, type: e.target.value as MemType })}
          >
            <option value="private">private</option>
            <option value="coherent">coherent</option>
            <option value="pmem">pmem</option>
          </select>
          <input
            aria-label="hotplug pages"
            className="w-10 rounded bg-slate-800 px-1 font-mono"
            value={plug.pages}
            onChange={(e) => setPlug({ ...plug, pages: e.target.value })}
          />
          <span className="text-slate-500">pages</span>
        </Row>
      </div>
    </Panel>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span
        className="w-[72px] shrink-0 truncate text-[10px] tracking-wide text-slate-500 uppercase"
        title={label}
      >
        {label}
      </span>
      {children}
    </div>
  );
}

function DeviceRow({
  snap,
  dev,
  procName,
  sel,
  busy,
  value,
  valueWhy,
  go,
}: {
  snap: Snapshot;
  dev: number;
  procName: string;
  sel: RangeSelection | null;
  busy: string | null;
  value: ValueExpr;
  valueWhy: string | null;
  go: (c: Command) => void;
}) {
  const d = snap.devices[dev];
  if (!d) return null;
  const p = snap.procs.find((x) => x.name === procName);
  const mirror = snap.mirrors.find((m) => m.open && m.dev === dev && m.pid === p?.pid);
  const name = `${procName}/${d.name}`;
  const offline = d.online ? null : `${d.name} has been unplugged`;
  const pmem =
    d.type === 'pmem'
      ? `${d.name} is persistent memory, not a device with a driver to mirror`
      : null;
  const needMirror =
    busy ??
    offline ??
    pmem ??
    (mirror ? null : `${procName} has no mirror of ${d.name}: open it first`);
  const needRange =
    needMirror ??
    (sel
      ? sel.proc === procName
        ? null
        : `the selection belongs to ${sel.proc}`
      : 'select pages first');
  const r = sel ? rangeOf(sel) : null;
  const m = mirror?.name ?? name;
  const cmd = (
    op:
      | 'dev-read'
      | 'dev-write'
      | 'migrate-to-dev'
      | 'migrate-to-sys'
      | 'snapshot'
      | 'exclusive'
      | 'check-exclusive',
  ): void => {
    if (r) go({ op, mirror: m, range: r });
  };
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid={`device-${d.name}`}>
      <span
        className="w-[72px] shrink-0 truncate text-[10px] tracking-wide text-slate-500 uppercase"
        title={`${d.name} (${d.type})${mirror ? `, mirror ${mirror.name}` : ''}`}
      >
        {d.name} {d.type === 'private' ? 'priv' : d.type === 'coherent' ? 'coh' : 'pmem'}
      </span>
      {!mirror ? (
        <Button
          testId={`open-${d.name}`}
          disabledWhy={busy ?? offline ?? pmem ?? (p?.alive ? null : `${procName} has exited`)}
          onClick={() => go({ op: 'open', proc: procName, device: d.name, mirror: name })}
        >
          open {d.name}
        </Button>
      ) : (
        <>
          <Button
            testId={`${d.name}-migrate`}
            kind="primary"
            disabledWhy={needRange}
            onClick={() => cmd('migrate-to-dev')}
          >
            migrate → {d.name}
          </Button>
          <Button
            testId={`${d.name}-migrate-back`}
            disabledWhy={needRange}
            onClick={() => cmd('migrate-to-sys')}
          >
            migrate → RAM
          </Button>
          <Button testId={`${d.name}-read`} disabledWhy={needRange} onClick={() => cmd('dev-read')}>
            read
          </Button>
          <Button
            testId={`${d.name}-write`}
            disabledWhy={needRange}
            onClick={() => cmd('dev-write')}
          >
            write
          </Button>
          <Button
            testId={`${d.name}-fill`}
            disabledWhy={needRange ?? valueWhy}
            onClick={() => r && go({ op: 'devbuf', mirror: m, range: r, value })}
          >
            fill buffer
          </Button>
          <Button
            testId={`${d.name}-touch`}
            disabledWhy={needRange}
            onClick={() => r && go({ op: 'dev-touch', mirror: m, range: r, write: true })}
          >
            first touch
          </Button>
          <Button
            testId={`${d.name}-snapshot`}
            disabledWhy={needRange}
            onClick={() => cmd('snapshot')}
          >
            snapshot
          </Button>
          <Button
            testId={`${d.name}-exclusive`}
            disabledWhy={needRange}
            onClick={() => cmd('exclusive')}
          >
            exclusive
          </Button>
          <Button
            testId={`${d.name}-check`}
            disabledWhy={needRange}
            onClick={() => cmd('check-exclusive')}
          >
            check excl.
          </Button>
          <Button
            testId={`${d.name}-release`}
            disabledWhy={needMirror}
            onClick={() => go({ op: 'release', mirror: m })}
          >
            release
          </Button>
          <Button
            testId={`${d.name}-close`}
            disabledWhy={needMirror}
            onClick={() => go({ op: 'close', mirror: m })}
          >
            close
          </Button>
        </>
      )}
      {d.online && (
        <Button
          testId={`${d.name}-unplug`}
          kind="danger"
          disabledWhy={busy}
          onClick={() => go({ op: 'unplug', device: d.name })}
        >
          unplug
        </Button>
      )}
    </div>
  );
}
