/** The iframe code for an embed: the player URL (mode in the query, scenario in the fragment). */
import { modeSearch, type LabMode } from '../modes/mode';

export interface EmbedOptions {
  mode: LabMode;
  fragment: string;
  title: string;
  width: number;
  height: number;
}

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The player's URL, on the page's own origin and path. */
export function embedUrl(base: string, o: Pick<EmbedOptions, 'mode' | 'fragment'>): string {
  return `${base}${modeSearch({ ...o.mode, kind: 'embed' })}#${o.fragment}`;
}

export function embedSnippet(base: string, o: EmbedOptions): string {
  const title = o.title.trim() || 'HMM Lab';
  return (
    `<iframe src="${escapeAttr(embedUrl(base, o))}" title="${escapeAttr(title)}" ` +
    `width="${o.width}" height="${o.height}" style="border:0" loading="lazy" allow="fullscreen"></iframe>`
  );
}
