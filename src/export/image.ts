/**
 * A view as a picture, with modern-screenshot: SVG (the element's DOM in a foreignObject, so
 * its text stays text; canvases become embedded PNGs), PNG, or a canvas for an animation frame.
 * The background is what the element shows on screen (its own and its ancestors' backgrounds
 * composited), so a panel on the dark lab is not exported as light text on nothing.
 *
 * Notices and banners (targets.ts OMITTED) are left out, and the picture is shorter by their
 * height: a slide shows the lab, not what the lab said to the lecturer about their draft.
 *
 * The SVG shows in browsers and in tools that render foreignObject (Inkscape, draw.io); slide
 * programs that do not (PowerPoint, Keynote) want the PNG.
 */
import {
  createContext,
  destroyContext,
  domToCanvas,
  domToForeignObjectSvg,
  type Context,
  type Options,
} from 'modern-screenshot';
import { OMITTED_SELECTOR } from './targets';

/** The lab's background (Tailwind slate-950), when no ancestor has an opaque one. */
export const LAB_BACKGROUND = '#020617';

export interface CaptureOptions {
  /** Pixels per CSS pixel (PNG and frames). */
  scale?: number;
  /** Default: the element's background on screen (see screenBackground). */
  background?: string;
}

/**
 * The colour behind `el` on screen: its background and its ancestors', composited from the
 * nearest opaque one down (an `rgb()` string). Semi-transparent panels come out as they look.
 */
export function screenBackground(el: Element): string {
  const probe = document.createElement('canvas');
  probe.width = probe.height = 1;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  if (!ctx) return LAB_BACKGROUND;
  const alpha = (color: string): number => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    return ctx.getImageData(0, 0, 1, 1).data[3] ?? 0;
  };
  const layers: string[] = [];
  let opaque = false;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    const a = alpha(c);
    if (a === 0) continue;
    layers.push(c);
    if (a === 255) {
      opaque = true;
      break;
    }
  }
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = opaque ? '#000' : LAB_BACKGROUND;
  ctx.fillRect(0, 0, 1, 1);
  for (const c of layers.reverse()) {
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
  }
  const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Every standard CSS property, without custom properties: computed values are already resolved,
 * and Tailwind's theme variables (inherited by every element) would otherwise be copied onto
 * every cloned node, making the SVG several times larger and the capture several times slower.
 */
let standardProperties: string[] | null = null;
function properties(): string[] {
  standardProperties ??= Array.from(getComputedStyle(document.documentElement)).filter(
    (name) => !name.startsWith('--'),
  );
  return standardProperties;
}

/**
 * Fix what a picture shows differently from the screen: scroll containers keep no room for
 * scrollbars (an image has none; the clone keeps the scroll position as a transform), and a
 * select shows its chosen option (the clone carries the value only as an attribute).
 */
function fixClone(node: Node): void {
  if (!(node instanceof HTMLElement)) return;
  const s = node.style;
  if (/auto|scroll|overlay/.test(s.overflowX)) s.overflowX = 'hidden';
  if (/auto|scroll|overlay/.test(s.overflowY)) s.overflowY = 'hidden';
  if (node instanceof HTMLSelectElement) {
    const value = node.getAttribute('value');
    for (const o of node.options) o.toggleAttribute('selected', o.value === value);
  }
}

/**
 * The elements inside `el` an export leaves out: each notice (OMITTED_SELECTOR), widened to the
 * wrappers that hold nothing else (the predict card's padding), outermost ones only.
 */
export function omittedIn(el: Element): Element[] {
  const found = new Set<Element>();
  for (const m of el.querySelectorAll(OMITTED_SELECTOR)) {
    let e: Element = m;
    while (e.parentElement && e.parentElement !== el && e.parentElement.children.length === 1)
      e = e.parentElement;
    found.add(e);
  }
  return [...found].filter((e) => ![...found].some((o) => o !== e && o.contains(e)));
}

/** The height `e` takes in its container's flow (0 when out of the flow). */
function flowHeight(e: Element): number {
  const cs = getComputedStyle(e);
  if (cs.position === 'absolute' || cs.position === 'fixed' || cs.display === 'none') return 0;
  const margins = (parseFloat(cs.marginTop) || 0) + (parseFloat(cs.marginBottom) || 0);
  return e.getBoundingClientRect().height + margins;
}

function options(el: Element, o: CaptureOptions): Options {
  const omitted = new Set(omittedIn(el));
  const box = el.getBoundingClientRect();
  const less = [...omitted].reduce((sum, e) => sum + flowHeight(e), 0);
  return {
    scale: o.scale ?? 1,
    // Without the notices, and shorter by what they took (the views keep their own sizes).
    filter: (node) => !omitted.has(node as Element),
    ...(less > 0 ? { width: box.width, height: Math.max(1, box.height - less) } : {}),
    backgroundColor: o.background ?? screenBackground(el),
    // What is on screen: scrolled panels (the narration's step list) as they are scrolled.
    features: { restoreScrollPosition: true },
    includeStyleProperties: properties(),
    onCloneEachNode: fixClone,
    // No fetches: the lab's images are its canvases, already in the page.
    timeout: 5000,
  };
}

/** The element as an SVG document (text, with an XML declaration). */
export async function elementToSvg(el: HTMLElement, o: CaptureOptions = {}): Promise<string> {
  const svg = await domToForeignObjectSvg(el, options(el, o));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

export async function elementToCanvas(
  el: HTMLElement,
  o: CaptureOptions = {},
): Promise<HTMLCanvasElement> {
  return domToCanvas(el, options(el, o));
}

export async function elementToPng(el: HTMLElement, o: CaptureOptions = {}): Promise<Blob> {
  const canvas = await elementToCanvas(el, o);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

/**
 * Captures of one view, again and again (an animation's frames): the screenshot context (its
 * style cache) is kept while the view's element stays the same one, and made again when React
 * replaced it. Every frame has the size of the first (the context's).
 */
export class Capturer {
  private context: Context | null = null;

  constructor(
    private readonly find: () => HTMLElement | null,
    private readonly o: CaptureOptions & { background: string },
  ) {}

  async capture(): Promise<HTMLCanvasElement> {
    const el = this.find();
    if (!el) throw new Error('The view to capture is not on screen.');
    if (this.context?.node !== el) {
      const size = this.context ? { width: this.context.width, height: this.context.height } : {};
      this.dispose();
      this.context = await createContext(el, { ...options(el, this.o), ...size });
    }
    return domToCanvas(this.context);
  }

  dispose(): void {
    if (this.context) destroyContext(this.context);
    this.context = null;
  }
}
