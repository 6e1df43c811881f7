/**
 * The preset gallery: lecture flows and the kernel selftest cases, each with a title and two
 * lines on what it shows. Opening one loads it at the start, ready to step through (the
 * previous text stays one undo away in the editor).
 */
import { useMemo, useState } from 'react';
import { PRESETS, type Preset } from '../../presets';
import { Dialog } from '../../ui/Dialog';
import { Button } from '../../ui/Button';

const GROUPS: readonly { group: Preset['group']; title: string }[] = [
  { group: 'flows', title: 'Lecture flows' },
  { group: 'conformance', title: 'Kernel selftests (tools/testing/selftests/mm/hmm-tests.c)' },
];

export function PresetGallery({
  onOpen,
  onClose,
}: {
  onOpen: (p: Preset) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return PRESETS;
    return PRESETS.filter((p) =>
      [p.id, p.title, ...p.description].some((s) => s.toLowerCase().includes(q)),
    );
  }, [query]);
  return (
    <Dialog label="Presets" onClose={onClose} width="w-[860px]" testId="preset-gallery">
      <div className="mb-2 flex items-center gap-2">
        <h2 className="text-sm font-semibold">Presets</h2>
        <input
          aria-label="Filter presets"
          placeholder="filter: fork, pinned, exclusive, seeds…"
          data-testid="preset-filter"
          className="flex-1 rounded bg-slate-800 px-2 py-1"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Button onClick={onClose}>close</Button>
      </div>
      {GROUPS.map(({ group, title }) => {
        const items = shown.filter((p) => p.group === group);
        if (items.length === 0) return null;
        return (
          <section key={group} aria-label={title} className="mb-3">
            <h3 className="mb-1 text-2xs font-semibold tracking-wide text-slate-400 uppercase">
              {title} ({items.length})
            </h3>
            <ul className="grid grid-cols-2 gap-1.5">
              {items.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    data-testid={`preset-${p.id}`}
                    onClick={() => onOpen(p)}
                    className="w-full rounded border border-slate-800 bg-slate-950/60 p-2 text-left hover:border-sky-700 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-300"
                  >
                    <span className="block font-semibold text-slate-100">{p.title}</span>
                    <span className="block text-slate-400">{p.description[0]}</span>
                    <span className="block text-slate-400">{p.description[1]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {shown.length === 0 && <p className="text-slate-400">No preset matches “{query}”.</p>}
    </Dialog>
  );
}
