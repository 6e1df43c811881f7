/** The keyboard help (`?`): every shortcut, from the one table in shortcuts.ts. */
import { Dialog } from '../../ui/Dialog';
import { SHORTCUTS } from './shortcuts';
import { Button } from '../../ui/Button';

/** `onTour`: reopen the first-visit tour (the lab has one; the presenter does not). */
export function HelpOverlay({ onClose, onTour }: { onClose: () => void; onTour?: () => void }) {
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose} width="w-[560px]" testId="help">
      <div className="mb-2 flex items-center">
        <h2 className="flex-1 text-sm font-semibold">Keyboard shortcuts</h2>
        {onTour && (
          <Button testId="help-tour" onClick={onTour}>
            take the tour
          </Button>
        )}
        <Button onClick={onClose}>close</Button>
      </div>
      <table className="w-full text-left text-xs">
        <thead className="text-slate-400">
          <tr>
            <th className="py-0.5 pr-3 font-medium">keys</th>
            <th className="py-0.5 pr-3 font-medium">does</th>
            <th className="py-0.5 font-medium">where</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.keys}-${s.where}`} className="border-t border-slate-800">
              <td className="py-0.5 pr-3">
                <kbd className="rounded bg-slate-800 px-1 font-mono">{s.keys}</kbd>
              </td>
              <td className="py-0.5 pr-3 text-slate-200">{s.what}</td>
              <td className="py-0.5 text-slate-400">{s.where}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
