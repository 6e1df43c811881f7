/**
 * "Copy link": the scenario, the step, the selection and the watched frame in the URL
 * fragment (never sent to a server). The link is also shown, selected, so it can be copied by
 * hand where the clipboard is not allowed.
 */
import { useState } from 'react';
import { encodeLink } from '../../share/link';
import { useLab, useLabStore } from '../../store/react';
import { Button } from '../../ui/Button';
import { presetAddress, shownPreset } from '../lab/presetAddress';

function linkUrl(fragment: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${fragment}`;
}

export function ShareLink() {
  const store = useLabStore();
  const broken = useLab((s) => s.textErrors.length > 0);
  const [link, setLink] = useState<{ url: string; copied: boolean; short: string | null } | null>(
    null,
  );
  const make = async (): Promise<void> => {
    await store.getState().flushText();
    const s = store.getState();
    if (s.textErrors.length > 0) return;
    let url: string;
    try {
      url = linkUrl(
        encodeLink({ text: s.text, at: s.position, selection: s.selection, watched: s.watched }),
      );
    } catch (e) {
      // Only a scenario too large for a link gets here (the fields come from the lab itself).
      s.showError({
        kind: 'file',
        message: `No link for this scenario: ${e instanceof Error ? e.message : String(e)}. Save it as a file instead.`,
      });
      return;
    }
    // Where the clipboard is refused, the link is shown for copying by hand.
    const copied = await navigator.clipboard.writeText(url).then(
      () => true,
      () => false,
    );
    // A preset shown as it came also has its short link (`#preset=storyboard&step=4.2`).
    const short = presetAddress(shownPreset(), s);
    setLink({ url, copied, short: short === null ? null : linkUrl(short) });
  };
  return (
    <span className="relative">
      <Button
        testId="copy-link"
        kind="primary"
        title="Copy a link to this scenario at this step"
        disabledWhy={
          broken ? 'fix the scenario text first: a link carries a scenario that runs' : null
        }
        onClick={() => void make()}
      >
        link
      </Button>
      {link && (
        <span
          className="absolute top-7 right-0 z-40 flex w-[380px] flex-col gap-1 rounded border border-slate-700 bg-slate-900 p-2 text-2xs shadow-xl"
          data-testid="share-popover"
        >
          <span className="text-slate-300">
            {link.copied ? 'Link copied. ' : 'Copy this link: '}
            {link.url.length} characters; it carries the whole scenario, this step and the
            selection.
          </span>
          <input
            readOnly
            aria-label="Link to this scenario"
            data-testid="share-link"
            className="w-full rounded bg-slate-800 px-1 font-mono text-2xs"
            value={link.url}
            onFocus={(e) => e.currentTarget.select()}
            ref={(el) => {
              el?.select();
            }}
          />
          {link.short && (
            <>
              <span className="text-slate-300">
                Short link to this preset at this step, for a slide:
              </span>
              <input
                readOnly
                aria-label="Short link to this preset at this step"
                data-testid="share-short-link"
                className="w-full rounded bg-slate-800 px-1 font-mono text-2xs"
                value={link.short}
                onFocus={(e) => e.currentTarget.select()}
              />
            </>
          )}
          <Button testId="close-share" onClick={() => setLink(null)}>
            close
          </Button>
        </span>
      )}
    </span>
  );
}
