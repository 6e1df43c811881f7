/**
 * Transport icons as inline SVG: the media-control characters (⏮ ⏵ ⏭ …) are missing from
 * many system fonts, and a lecture projector is the worst place to find that out.
 */
const PATHS = {
  start: 'M3 2h2v12H3zM13 2v12L6 8z',
  backOver: 'M8 2v12L1 8zM15 2v12L8 8z',
  back: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  into: 'M4 2v12l8-6z',
  over: 'M1 2v12l7-6zM8 2v12l7-6z',
  end: 'M3 2v12l7-6zM11 2h2v12h-2z',
  slower: 'M3 7h10v2H3z',
  faster: 'M7 3h2v4h4v2H9v4H7V9H3V7h4z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="inline-block">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
