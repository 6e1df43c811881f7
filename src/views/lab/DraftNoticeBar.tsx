/**
 * What happened to the autosaved draft, for as long as it holds: the browser refused to save it
 * (the work is only in this tab: save it to a file), or another tab saved a different one (the
 * last save wins: load theirs or keep mine). Apart from the error banner, so a later notice
 * never hides it.
 */
import { useLab } from '../../store/react';
import { saveBlob } from '../../export/download';
import { fileName } from '../../scenario/files';
import { Button } from '../../ui/Button';

const HEADINGS = { quota: 'Draft not saved', conflict: 'Edited in another tab' } as const;

export function DraftNoticeBar() {
  const notice = useLab((s) => s.draftNotice);
  const text = useLab((s) => s.text);
  const title = useLab((s) => s.title);
  if (!notice) return null;
  return (
    <div
      role="alert"
      data-testid="draft-notice"
      data-kind={notice.kind}
      className="flex items-center gap-2 border-b border-amber-700 bg-amber-950 px-3 py-1 text-xs text-amber-100"
    >
      <span className="font-semibold">{HEADINGS[notice.kind]}:</span>
      <span className="min-w-0 flex-1" data-testid="draft-notice-message">
        {notice.message}
      </span>
      {notice.kind === 'quota' && (
        <Button
          testId="draft-save-file"
          kind="primary"
          title="Download the scenario text (.hmm)"
          onClick={() => saveBlob(fileName(title, 'hmm'), new Blob([text], { type: 'text/plain' }))}
        >
          save .hmm
        </Button>
      )}
      {notice.actions.map((a) => (
        <Button key={a.testId} testId={a.testId} onClick={a.run}>
          {a.label}
        </Button>
      ))}
    </div>
  );
}
