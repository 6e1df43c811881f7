/**
 * Just enough colour science to check the themes: parse `#rrggbb[aa]` and CSS `oklch()`, blend
 * a translucent colour over an opaque one, and the WCAG 2 contrast ratio. Pure; the contrast
 * tests of both themes use it, and the views use `inkOn` to pick black or white text on a fill.
 */

export interface Rgba {
  /** 0..1 sRGB, gamma-encoded. */
  r: number;
  g: number;
  b: number;
  a: number;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

function hex(s: string): Rgba | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(s.trim());
  if (!m?.[1]) return null;
  let h = m[1];
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = (i: number): number => parseInt(h.slice(i, i + 2), 16) / 255;
  return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) : 1 };
}

/** OKLCH (CSS Color 4) to gamma-encoded sRGB, clipped to the gamut. */
function oklch(s: string): Rgba | null {
  const m =
    /^oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)(?:deg)?\s*(?:\/\s*([\d.]+)(%?))?\s*\)$/i.exec(
      s.trim(),
    );
  if (!m) return null;
  const L = Number(m[1]) / (m[2] ? 100 : 1);
  const C = Number(m[3]);
  const H = (Number(m[4]) * Math.PI) / 180;
  const alpha = m[5] === undefined ? 1 : Number(m[5]) / (m[6] ? 100 : 1);
  const a = C * Math.cos(H);
  const b = C * Math.sin(H);
  const l_ = L + 0.3963377774 * a + 0.2158037573 * b;
  const m_ = L - 0.1055613458 * a - 0.0638541728 * b;
  const s_ = L - 0.0894841775 * a - 1.291485548 * b;
  const l3 = l_ ** 3;
  const m3 = m_ ** 3;
  const s3 = s_ ** 3;
  const lin = [
    4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * s3,
    -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * s3,
    -0.0041960863 * l3 - 0.7034186147 * m3 + 1.707614701 * s3,
  ];
  const enc = (x: number): number =>
    clamp01(x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055);
  return { r: enc(lin[0] ?? 0), g: enc(lin[1] ?? 0), b: enc(lin[2] ?? 0), a: alpha };
}

/** A colour from `#rgb`, `#rrggbb`, `#rrggbbaa` or `oklch(L% C H [/ A])`; throws otherwise. */
export function parseColor(s: string): Rgba {
  const c = hex(s) ?? oklch(s);
  if (!c) throw new Error(`not a colour this module reads: ${s}`);
  return c;
}

/** `top` drawn over `bottom` (source-over, in sRGB as browsers composite). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number): number => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  const lin = (x: number): number => (x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG 2 contrast ratio of two colours (translucent ones are taken as drawn over `base`). */
export function contrast(a: string | Rgba, b: string | Rgba, base: string | Rgba = '#000'): number {
  const bg = typeof base === 'string' ? parseColor(base) : base;
  const cb = over(typeof b === 'string' ? parseColor(b) : b, bg);
  const ca = over(typeof a === 'string' ? parseColor(a) : a, cb);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const inks = new Map<string, '#000000' | '#ffffff'>();

/**
 * Black or white, whichever reads better on `fill` (for letters drawn on coloured cells).
 * Remembered per fill: views ask it for every cell they draw, of a handful of colours.
 */
export function inkOn(fill: string): '#000000' | '#ffffff' {
  let ink = inks.get(fill);
  if (ink === undefined) {
    ink = contrast('#000000', fill) >= contrast('#ffffff', fill) ? '#000000' : '#ffffff';
    inks.set(fill, ink);
  }
  return ink;
}
