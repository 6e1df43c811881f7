/**
 * Every action a scenario can express, by clicking: one button per action of the command table
 * (src/engine/commands/table.ts), in its rows. Actions on pages use the selection; device
 * actions use the acting process's mirror of that device. A button that cannot be used says
 * why; a command the kernel refuses shows its error in the narration.
 */
import { useState } from 'react';
import { COMMAND_OPS, specOf } from '../../engine/commands/table';
import { ACTION_ROWS, type ActionRow } from '../../engine/commands/spec';
import { parseValue, valueProblem } from '../../scenario/values';
import { selectSelection, selectSnapshot, selectStatus } from '../../store/selectors';
import { useLab } from '../../store/react';
import { Panel } from '../../ui/Panel';
import { TextInput } from '../../ui/Field';
import { MmapForm } from '../lab/MmapForm';
import { ActionGroup } from './ActionGroup';
import type { ActionContext } from './prepare';

/** Each row's label (the process row is named after the acting process, the pages row after
 * the selection, a device row after its device). */
const ROW_LABELS: Partial<Record<ActionRow, string>> = {
  gup: 'GUP',
  vma: 'VMA',
  // KSM, NUMA balancing, migrate_pages, reclaim: the kernel acting on its own.
  background: 'Kernel',
  machine: 'Machine',
};

/** The ops of a row, in the table's order. */
const opsIn = (row: ActionRow) => COMMAND_OPS.filter((op) => specOf(op).ui.row === row);

export function ActionBar() {
  const snap = useLab(selectSnapshot);
  const sel = useLab(selectSelection);
  const status = useLab(selectStatus);
  const run = useLab((s) => s.run);
  const [valueText, setValueText] = useState('42');
  const [inputs, setInputs] = useState<Record<string, string | boolean>>({});
  const [mmapOpen, setMmapOpen] = useState(false);
  const [picked, setPicked] = useState('');
  if (!snap) return <Panel title="Actions">…</Panel>;

  const alive = snap.procs.filter((p) => p.alive);
  const proc = sel
    ? snap.procs.find((p) => p.name === sel.proc)
    : (alive.find((p) => p.name === picked) ?? alive[0]);
  const procName = proc?.name ?? '';
  // A value as the scenario writes it: 42, -7, i, -i, i+1 (i: the page's index in its buffer).
  const parsed = parseValue(valueText.trim());
  const ctx: ActionContext = {
    snap,
    selection: sel,
    busy: status === 'busy',
    proc,
    value: parsed && !valueProblem(parsed) ? parsed : null,
    inputs,
  };
  const group = {
    ctx,
    setInput: (key: string, v: string | boolean) => setInputs((old) => ({ ...old, [key]: v })),
    run: (c: Parameters<typeof run>[0]) => void run(c),
    openForm: () => setMmapOpen(true),
    valueBox: (
      <TextInput
        label="value to write"
        testId="value"
        width="w-14"
        value={valueText}
        onChange={setValueText}
      />
    ),
  };
  const rowLabel = (row: ActionRow): string =>
    row === 'process'
      ? procName || 'process'
      : row === 'pages'
        ? sel
          ? `${sel.buf}[${sel.first}${sel.count > 1 ? `..${sel.first + sel.count - 1}` : ''}]`
          : 'no pages'
        : (ROW_LABELS[row] ?? row);

  return (
    <Panel title="Actions" testId="actions">
      <div className="space-y-1 text-xs">
        {ACTION_ROWS.map((row) =>
          row === 'device' ? (
            snap.devices.map((d) => {
              const mirror = snap.mirrors.find(
                (m) => m.open && m.dev === d.index && m.pid === proc?.pid,
              );
              const abbrev = d.type === 'private' ? 'priv' : d.type === 'coherent' ? 'coh' : 'pmem';
              return (
                <Row
                  key={`device-${d.name}`}
                  label={`${d.name} ${abbrev}`}
                  verbatim
                  title={`${d.name} (${d.type})${mirror ? `, mirror ${mirror.name}` : ''}`}
                  testId={`device-${d.name}`}
                >
                  <ActionGroup
                    {...group}
                    ops={opsIn('device')}
                    ctx={{ ...ctx, device: { dev: d, mirror } }}
                  />
                </Row>
              );
            })
          ) : (
            <div key={row}>
              <Row label={rowLabel(row)} verbatim={row === 'process' || row === 'pages'}>
                {row === 'process' && (
                  <select
                    aria-label="acting process"
                    data-testid="act-proc"
                    className="rounded bg-slate-800"
                    value={procName}
                    disabled={!!sel}
                    title={
                      sel
                        ? `the selection belongs to ${sel.proc}`
                        : 'the process the actions apply to'
                    }
                    onChange={(e) => setPicked(e.target.value)}
                  >
                    {alive.map((p) => (
                      <option key={p.pid}>{p.name}</option>
                    ))}
                  </select>
                )}
                <ActionGroup {...group} ops={opsIn(row)} />
              </Row>
              {row === 'process' && mmapOpen && proc && (
                <MmapForm snap={snap} proc={procName} onDone={() => setMmapOpen(false)} />
              )}
            </div>
          ),
        )}
      </div>
    </Panel>
  );
}

/** A row of actions. Its label is set in capitals unless it is a name (a process, the
 * selected pages, a device), whose case carries meaning. */
function Row({
  label,
  verbatim = false,
  title,
  testId,
  children,
}: {
  label: string;
  verbatim?: boolean;
  title?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid={testId}>
      <span
        className={`w-[72px] shrink-0 truncate text-2xs tracking-wide text-slate-500 ${verbatim ? 'font-mono' : 'uppercase'}`}
        title={title ?? label}
      >
        {label}
      </span>
      {children}
    </div>
  );
}
