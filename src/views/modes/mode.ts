/**
 * How the page is shown, from the URL's query (the fragment carries the scenario):
 *   (none)     the full lab
 *   ?present   presenter mode: large type, the narration as a caption, chosen views
 *   ?embed     a chromeless player for iframes
 *   &predict   predict-then-reveal (any mode)
 *   &views=address-space,page-tables   the views shown (presenter and embed)
 *   &range=3-7 operations 3 to 7 (1-based; embed plays only those)
 *   &autoplay=4 micro-steps per second (embed), &loop
 * Query parameters, not the link record, so a mode never changes what a link's scenario is.
 * Bad values are reported (the page opens with the defaults and says what it ignored).
 */

export const VIEW_IDS = [
  'address-space',
  'memory',
  'page-tables',
  'inspector',
  'counters',
  'narration',
  'time-view',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  'address-space': 'Address space',
  memory: 'Physical memory',
  'page-tables': 'Page tables',
  inspector: 'struct page',
  counters: 'Counters',
  narration: 'Narration',
  'time-view': 'Simulated time',
};

export const DEFAULT_PRESENT_VIEWS: readonly ViewId[] = [
  'address-space',
  'memory',
  'page-tables',
  'inspector',
];
export const DEFAULT_EMBED_VIEWS: readonly ViewId[] = ['address-space', 'page-tables'];

export type ModeKind = 'lab' | 'present' | 'embed';

export interface LabMode {
  kind: ModeKind;
  predict: boolean;
  /** Views shown in presenter / embed mode, in this order. */
  views: ViewId[];
  /** 0-based operation indices, inclusive. */
  range: { first: number; last: number } | null;
  /** Micro-steps per second when the player starts by itself, or null. */
  autoplay: number | null;
  loop: boolean;
}

export const LAB_MODE: LabMode = {
  kind: 'lab',
  predict: false,
  views: [...DEFAULT_PRESENT_VIEWS],
  range: null,
  autoplay: null,
  loop: false,
};

const isView = (s: string): s is ViewId => (VIEW_IDS as readonly string[]).includes(s);
const MAX_AUTOPLAY = 60;

/** The mode a query string asks for, and what in it was ignored and why. */
export function parseMode(search: string): { mode: LabMode; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const kind: ModeKind = q.has('embed') ? 'embed' : q.has('present') ? 'present' : 'lab';
  if (q.has('embed') && q.has('present'))
    problems.push('both "present" and "embed" were given: embed wins');
  const mode: LabMode = {
    ...LAB_MODE,
    kind,
    predict: q.has('predict'),
    views: [...(kind === 'embed' ? DEFAULT_EMBED_VIEWS : DEFAULT_PRESENT_VIEWS)],
    loop: q.has('loop'),
  };
  const views = q.get('views');
  if (views !== null) {
    const names = views
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = names.filter((n) => !isView(n));
    if (bad.length)
      problems.push(
        `unknown views ${bad.map((b) => `"${b}"`).join(', ')} (known: ${VIEW_IDS.join(', ')})`,
      );
    const good = [...new Set(names.filter(isView))];
    if (good.length) mode.views = good;
  }
  const range = q.get('range');
  if (range !== null) {
    const m = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(range.trim());
    const first = m ? Number(m[1]) : NaN;
    const last = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || first < 1 || last < first)
      problems.push(`range "${range}" is not FIRST-LAST (operations counted from 1, FIRST ≤ LAST)`);
    else mode.range = { first: first - 1, last: last - 1 };
  }
  const auto = q.get('autoplay');
  if (auto !== null) {
    const n = auto === '' ? 2 : Number(auto);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_AUTOPLAY)
      problems.push(`autoplay "${auto}" is not a speed from 0 to ${MAX_AUTOPLAY} steps per second`);
    else mode.autoplay = n;
  }
  return { mode, problems };
}

/** The query string for `mode` (other parameters in `base` are kept, e.g. ?debug). */
export function modeSearch(mode: LabMode, base = ''): string {
  const q = new URLSearchParams(base);
  for (const k of ['present', 'embed', 'predict', 'views', 'range', 'autoplay', 'loop'])
    q.delete(k);
  if (mode.kind !== 'lab') q.set(mode.kind, '');
  if (mode.predict) q.set('predict', '');
  if (mode.kind !== 'lab') q.set('views', mode.views.join(','));
  if (mode.range) q.set('range', `${mode.range.first + 1}-${mode.range.last + 1}`);
  if (mode.autoplay !== null) q.set('autoplay', String(mode.autoplay));
  if (mode.loop) q.set('loop', '');
  // URLSearchParams writes flags as "present="; the bare form reads better in a link.
  const s = q
    .toString()
    .replace(/=(?=&|$)/g, '')
    .replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}
