/** Counters: each mirror's last command, each device's memory, each process's RSS, simulated time. */
import { selectCurrentOp, selectSnapshot } from '../../store/selectors';
import { useLab } from '../../store/react';
import { formatNs } from '../../engine/cost/time';
import { Panel } from '../../ui/Panel';

export function Counters() {
  const snap = useLab(selectSnapshot);
  const op = useLab(selectCurrentOp);
  if (!snap) return <Panel title="Counters">…</Panel>;
  return (
    <Panel title="Counters" testId="counters">
      <table className="w-full font-mono text-2xs [&_td:first-child]:pr-2 [&_td:first-child]:align-top [&_td:first-child]:whitespace-nowrap">
        <tbody>
          <tr>
            <td className="text-slate-500">simulated time</td>
            <td data-testid="sim-time">
              {formatNs(snap.time)}
              {op ? ` (last op ${formatNs(op.cost)})` : ''}
            </td>
          </tr>
          <tr>
            <td className="text-slate-500">RAM</td>
            <td>
              {snap.ramPages - snap.ramFree} used / {snap.ramFree} free
            </td>
          </tr>
          {snap.devices.map((d) => (
            <tr key={d.name}>
              <td className="text-slate-500">{d.name}</td>
              <td data-testid={`dev-count-${d.name}`}>
                {d.allocated} allocated / {d.pages - d.allocated} free · {d.calloc} allocs,{' '}
                {d.cfree} frees
              </td>
            </tr>
          ))}
          {snap.mirrors
            .filter((m) => m.open)
            .map((m) => (
              <tr key={m.id}>
                <td className="text-slate-500">{m.name}</td>
                <td data-testid={`mirror-count-${m.name}`}>
                  cpages {m.cpages} · faults {m.faults} · read from sys {m.nsysPages} / dev{' '}
                  {m.ndevPages}
                </td>
              </tr>
            ))}
          {snap.procs.map((p) => (
            <tr key={p.pid}>
              <td className="text-slate-500">RSS {p.name}</td>
              <td>
                anon {p.rss.anon} · file {p.rss.file} · shmem {p.rss.shmem}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
