/**
 * The lecturer's notes of the operation shown (the `note` lines under its command), as a
 * callout: in the lab's narration, in the presenter's caption and in the player's (embed,
 * phone). It sits in the flow of its panel or caption, never over the views. A note is data
 * from the scenario: it renders as text nodes, verbatim, markup and all.
 *
 * Colours: an amber tint with the hue's light text (index.css maps both for the light theme;
 * theme.test.ts holds them to AA), a bar to tell it from the narration beside it.
 */
import { selectCurrentNotes } from '../../store/selectors';
import { useLab } from '../../store/react';

const SIZES = {
  /** The lab's narration panel. */
  panel: { box: 'mb-1.5 px-2 py-1', label: 'text-2xs', text: 'text-sm' },
  /** The presenter's caption, for the back row. */
  large: { box: 'px-3 py-1.5', label: 'text-2xs', text: 'text-sm leading-snug' },
  /** The player's caption (an embed, a phone). */
  small: { box: 'mt-1 px-2 py-1', label: 'text-2xs', text: 'text-sm' },
} as const;

export function NoteCallout({
  size,
  className = '',
}: {
  size: keyof typeof SIZES;
  /** Where its container places it (the presenter's caption: a column of its own). */
  className?: string;
}) {
  const notes = useLab(selectCurrentNotes);
  // While the class guesses, a note about the operation could give the answer away.
  const asking = useLab((s) => s.predict.on && s.predict.phase === 'asking');
  if (notes.length === 0 || asking) return null;
  const k = SIZES[size];
  return (
    <aside
      aria-label="Lecturer's note"
      data-testid="note-callout"
      className={`rounded border-l-4 border-amber-400 bg-amber-950 text-amber-50 ${k.box} ${className}`}
    >
      <div className={`font-semibold tracking-wide text-amber-200 uppercase ${k.label}`}>
        Lecturer&apos;s note
      </div>
      {notes.map((n, i) => (
        <p key={i} className={`break-words ${k.text}`} data-testid="note-text">
          {n.text}
        </p>
      ))}
    </aside>
  );
}
