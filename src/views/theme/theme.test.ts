/**
 * Both themes against WCAG AA: every text/background pair the views use, read from the CSS the
 * app ships (Tailwind's palette with src/index.css's overrides), the canvas/SVG table, the
 * editor's token colours, and the letters on residence fills.
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_COLORS, inkOn, residenceColor } from '../model/palette';
import { RESIDENCE_LEGEND } from '../model/residence';
import { contrast, over, parseColor, type Rgba } from './color';
import { THEME_COLORS } from './colors';
import { forceTheme, getTheme, setTheme, type Theme } from './theme';

/**
 * The CSS as shipped, read from disk (vitest turns `?raw` CSS imports into empty strings; this
 * program has no Node types, hence the narrow cast).
 */
const fs = (
  globalThis as unknown as {
    process: { getBuiltinModule(id: 'node:fs'): { readFileSync(p: URL, e: 'utf8'): string } };
  }
).process.getBuiltinModule('node:fs');
const read = (p: string): string => fs.readFileSync(new URL(p, import.meta.url), 'utf8');
const tailwindTheme = read('../../../node_modules/tailwindcss/theme.css');
const css = read('../../index.css');

function vars(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/(--[\w-]+):\s*([^;]+);/g))
    if (m[1] && m[2]) out[m[1]] = m[2].trim();
  return out;
}

function block(css: string, head: string): string {
  const i = css.indexOf(`${head} {`);
  if (i < 0) throw new Error(`index.css has no "${head}" block`);
  return css.slice(i, css.indexOf('}', i));
}

const tailwind = vars(tailwindTheme);
const themeVars: Record<Theme, Record<string, string>> = {
  dark: { ...tailwind, ...vars(block(css, '@theme')), ...vars(block(css, ':root')) },
  light: {},
  contrast: {},
};
themeVars.light = { ...themeVars.dark, ...vars(block(css, ":root[data-theme='light']")) };
themeVars.contrast = { ...themeVars.dark, ...vars(block(css, ":root[data-theme='contrast']")) };

function color(t: Theme, name: string): Rgba {
  if (name === 'white') return parseColor('#ffffff');
  const v = themeVars[t][name.startsWith('--') ? name : `--color-${name}`];
  if (!v) throw new Error(`no ${name} in the ${t} theme`);
  return parseColor(v);
}

const alpha = (c: Rgba, a: number): Rgba => ({ ...c, a: c.a * a });

/** The backgrounds text sits on, composited as the browser does. */
function backgrounds(t: Theme): Record<'page' | 'panel' | 'dialog' | 'field' | 'card', Rgba> {
  const page = color(t, 'slate-950');
  const dialog = color(t, 'slate-900');
  return {
    page,
    panel: over(alpha(color(t, 'slate-900'), 0.6), page),
    dialog,
    field: color(t, 'slate-800'),
    card: over(alpha(page, 0.6), dialog),
  };
}

const AA = 4.5;

describe.each(['dark', 'light', 'contrast'] as const)('the %s theme', (t) => {
  const bg = backgrounds(t);
  const check = (fg: Rgba | string, on: Rgba | string): number => contrast(fg, on);

  it('slate text passes AA on the page, panels, dialogs and cards', () => {
    for (const fg of ['slate-100', 'slate-200', 'slate-300', 'slate-400', 'slate-500'])
      for (const on of ['page', 'panel', 'dialog', 'card'] as const)
        expect(check(color(t, fg), bg[on]), `${fg} on ${on}`).toBeGreaterThanOrEqual(AA);
    for (const fg of ['slate-100', 'slate-200', 'slate-300', 'slate-400'])
      expect(check(color(t, fg), bg.field), `${fg} on a field`).toBeGreaterThanOrEqual(AA);
    expect(check(color(t, 'slate-100'), color(t, 'slate-700')), 'button').toBeGreaterThanOrEqual(
      AA,
    );
  });

  const HUES = ['sky', 'rose', 'amber', 'emerald', 'yellow', 'violet'] as const;

  it('accent text (200-400) passes AA on panels and dialogs', () => {
    for (const h of HUES)
      for (const shade of [200, 300, 400])
        for (const on of ['panel', 'dialog'] as const)
          expect(
            check(color(t, `${h}-${shade}`), bg[on]),
            `${h}-${shade} on ${on}`,
          ).toBeGreaterThanOrEqual(AA);
  });

  it("tints (800-950) carry their hue's 50-200 text, and filled 700 buttons white text", () => {
    for (const h of HUES) {
      for (const on of [800, 900, 950])
        for (const fg of [50, 100, 200])
          if (!(on === 800 && fg === 200))
            expect(
              check(color(t, `${h}-${fg}`), color(t, `${h}-${on}`)),
              `${h}-${fg} on ${h}-${on}`,
            ).toBeGreaterThanOrEqual(AA);
      if (h !== 'amber' && h !== 'yellow')
        expect(check('#ffffff', color(t, `${h}-700`)), `white on ${h}-700`).toBeGreaterThanOrEqual(
          AA,
        );
    }
  });

  it('a related row (a violet-400/10 tint) keeps its text at AA, and its bar shows', () => {
    const tint = over(alpha(color(t, 'violet-400'), 0.1), bg.panel);
    for (const fg of ['slate-100', 'slate-200', 'slate-300', 'slate-400', 'slate-500'])
      expect(check(color(t, fg), tint), `${fg} on a related row`).toBeGreaterThanOrEqual(AA);
    expect(check(color(t, 'violet-400'), bg.panel), 'the bar').toBeGreaterThanOrEqual(3);
    expect(check(THEME_COLORS[t].related, color(t, 'violet-400'))).toBeLessThan(1.2);
  });

  it("the editor's tokens pass AA on its background", () => {
    const editor = color(t, 'slate-950');
    for (const name of Object.keys(themeVars.dark).filter((k) => k.startsWith('--hmm-code-')))
      if (name !== '--hmm-code-active-op')
        expect(check(color(t, name), editor), name).toBeGreaterThanOrEqual(AA);
    const active = over(color(t, '--hmm-code-active-op'), editor);
    expect(
      check(color(t, '--hmm-code-variable'), active),
      'on the active line',
    ).toBeGreaterThanOrEqual(AA);
  });

  it('chart text passes AA on the panel, and the table knows the panel', () => {
    const c = THEME_COLORS[t];
    expect(check(c.panel, bg.panel)).toBeLessThan(1.05);
    for (const k of ['text', 'textMuted', 'textFaint', 'freeText', 'refLine', 'mapLine'] as const)
      expect(check(c[k], c.panel), k).toBeGreaterThanOrEqual(AA);
    // Focus ring and highlights: at least 3:1 (WCAG 1.4.11, non-text).
    for (const k of ['cursor', 'changed', 'watched', 'related'] as const)
      expect(check(c[k], c.panel), k).toBeGreaterThanOrEqual(3);
    expect(check(color(t, '--hmm-focus'), bg.panel), 'focus ring').toBeGreaterThanOrEqual(3);
  });
});

describe('letters on data fills', () => {
  it('every residence and device fill gets ink with 4.5:1', () => {
    const fills = [
      ...RESIDENCE_LEGEND.map((l) => residenceColor(l.residence, 0)),
      ...DEVICE_COLORS,
    ].filter((f) => f !== 'transparent');
    for (const f of fills) expect(contrast(inkOn(f), f), f).toBeGreaterThanOrEqual(AA);
  });
});

describe("the presenter's high contrast", () => {
  it('is black behind white: every slate text at 7:1 (AAA) or more', () => {
    expect(color('contrast', 'slate-950')).toEqual(parseColor('#000000'));
    expect(color('contrast', 'slate-900')).toEqual(parseColor('#000000'));
    for (const fg of ['slate-100', 'slate-200', 'slate-300', 'slate-400', 'slate-500'])
      expect(contrast(color('contrast', fg), parseColor('#000000')), fg).toBeGreaterThanOrEqual(7);
  });

  it('is shown while forced, whatever the reader chose, and the choice comes back', () => {
    setTheme('light');
    const release = forceTheme('contrast');
    expect(getTheme()).toBe('contrast');
    setTheme('dark'); // chosen meanwhile: remembered, not shown
    expect(getTheme()).toBe('contrast');
    release();
    expect(getTheme()).toBe('dark');
  });
});
