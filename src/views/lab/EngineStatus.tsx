/** What the engine is doing ("starting the engine…", "working…", or nothing), in every layout. */
import { selectStatus } from '../../store/selectors';
import { useLab } from '../../store/react';

export function EngineStatus({ className = 'text-xs text-slate-500' }: { className?: string }) {
  const status = useLab(selectStatus);
  return (
    <span className={className} data-testid="status">
      {status === 'starting' ? 'starting the engine…' : status === 'busy' ? 'working…' : ''}
    </span>
  );
}
