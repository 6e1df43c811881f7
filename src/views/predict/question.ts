/**
 * Predict-then-reveal's questions and answers, from snapshots: where the selected page will
 * live after the next step, and what its frame's refcount will be. Choices are the places the
 * machine has (RAM, each device, the special entries), so a wrong guess is a real alternative.
 */
import type { Snapshot } from '../../engine/snapshot';
import type { RangeSelection } from '../../timeline/selection';
import { procByName } from '../model/lookup';
import { pageLook } from '../model/residence';

export interface Choice {
  id: string;
  label: string;
}

/** Every place a page can be on this machine, as choices. */
export function whereChoices(s: Snapshot): Choice[] {
  return [
    { id: 'none', label: 'not populated' },
    { id: 'zero', label: 'the zero page' },
    { id: 'ram', label: 'system RAM' },
    ...s.devices.map((d) => ({
      id: `dev:${d.name}`,
      label: `${d.name} (${d.type === 'private' ? 'device-private' : d.type === 'coherent' ? 'device-coherent' : 'pmem'})`,
    })),
    { id: 'migration', label: 'a migration entry' },
    { id: 'exclusive', label: 'device-exclusive' },
    { id: 'swap', label: 'swap' },
    { id: 'hwpoison', label: 'poisoned' },
  ];
}

/** The first selected page, as the question's subject (null when nothing is selected). */
export function subjectOf(
  s: Snapshot,
  sel: RangeSelection | null,
): { vpn: number; label: string } | null {
  if (!sel) return null;
  const buf = procByName(s, sel.proc)?.buffers.find((b) => b.name === sel.buf);
  if (!buf) return null;
  return { vpn: buf.start + sel.first, label: `${sel.proc} ${sel.buf}[${sel.first}]` };
}

/** Where the subject page lives in `s`, as a choice id (its process or buffer gone: 'none'). */
export function whereAnswer(s: Snapshot, sel: RangeSelection | null): string | null {
  if (!sel) return null;
  const subject = subjectOf(s, sel);
  const p = procByName(s, sel.proc);
  if (!subject || !p) return 'none';
  const look = pageLook(s, p, subject.vpn);
  switch (look.residence) {
    case 'device-private':
    case 'device-coherent':
    case 'pmem':
      return `dev:${s.devices[look.dev]?.name ?? '?'}`;
    case 'hwpoison':
      return 'hwpoison';
    default:
      return look.residence;
  }
}

/** The watched frame's refcount in `s`. */
export function refAnswer(s: Snapshot, pfn: number | null): number | null {
  if (pfn === null || pfn < 0 || pfn >= s.frames.count) return null;
  return s.frames.ref[pfn] ?? 0;
}
