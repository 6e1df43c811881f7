/**
 * How the page is shown, from the URL's query (the fragment carries the scenario):
 *   (none)     the full lab
 *   ?present   presenter mode: large type, the narration as a caption, chosen views
 *   ?embed     a chromeless player for iframes
 *   &predict   predict-then-reveal (any mode)
 *   &views=address-space,page-tables   the views shown (presenter and embed)
 *   &range=3-7 operations 3 to 7 (1-based; embed plays only those)
 *   &autoplay=4 micro-steps per second (embed), &loop
 *   &text=125  the presenter's text size, in percent of its default (which fills a projector)
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
  /** The presenter's text size, in percent of its default (TEXT_SIZES). */
  text: number;
}

/** The presenter's text sizes, in percent: A− and A+ step through them. */
export const TEXT_SIZES = [70, 80, 90, 100, 115, 130, 150, 175, 200] as const;
export const DEFAULT_TEXT = 100;

export const LAB_MODE: LabMode = {
  kind: 'lab',
  predict: false,
  views: [...DEFAULT_PRESENT_VIEWS],
  range: null,
  autoplay: null,
  loop: false,
  text: DEFAULT_TEXT,
};

const isView = (s: string): s is ViewId => (VIEW_IDS as readonly string[]).includes(s);
/** A projector shows up to four views at a size the back row reads. */
export const MAX_PRESENT_VIEWS = 4;
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
    if (kind === 'present' && good.length > MAX_PRESENT_VIEWS)
      problems.push(
        `the presenter shows up to ${MAX_PRESENT_VIEWS} views: showing ${good.slice(0, MAX_PRESENT_VIEWS).join(', ')}`,
      );
    if (good.length) mode.views = kind === 'present' ? good.slice(0, MAX_PRESENT_VIEWS) : good;
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
  const text = q.get('text');
  if (text !== null) {
    const n = Number(text);
    if (!(TEXT_SIZES as readonly number[]).includes(n))
      problems.push(`text size "${text}" is not one of ${TEXT_SIZES.join(', ')} (percent)`);
    else mode.text = n;
  }
  return { mode, problems };
}

/** The next text size up (+1) or down (-1) from `n`, staying at the ends. */
export function nextTextSize(n: number, dir: 1 | -1): number {
  const i = TEXT_SIZES.findIndex((s) => s >= n);
  const at = i < 0 ? TEXT_SIZES.length - 1 : i;
  const next = TEXT_SIZES[Math.min(TEXT_SIZES.length - 1, Math.max(0, at + dir))];
  return next ?? n;
}

/** The query string for `mode` (other parameters in `base` are kept, e.g. ?debug). */
export function modeSearch(mode: LabMode, base = ''): string {
  const q = new URLSearchParams(base);
  for (const k of ['present', 'embed', 'predict', 'views', 'range', 'autoplay', 'loop', 'text'])
    q.delete(k);
  if (mode.kind !== 'lab') q.set(mode.kind, '');
  if (mode.predict) q.set('predict', '');
  if (mode.kind !== 'lab') q.set('views', mode.views.join(','));
  if (mode.range) q.set('range', `${mode.range.first + 1}-${mode.range.last + 1}`);
  if (mode.autoplay !== null) q.set('autoplay', String(mode.autoplay));
  if (mode.loop) q.set('loop', '');
  if (mode.kind === 'present' && mode.text !== DEFAULT_TEXT) q.set('text', String(mode.text));
  // URLSearchParams writes flags as "present="; the bare form reads better in a link.
  const s = q
    .toString()
    .replace(/=(?=&|$)/g, '')
    .replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}
