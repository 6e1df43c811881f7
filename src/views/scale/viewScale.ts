/**
 * How large the views are laid out: the root font size (every text and spacing in the views is
 * in rem) and whether cells grow to fill their panel. The lab is 16 px and fixed cells; the
 * presenter sets a root size from the projector's size and the lecturer's text size, so each
 * view is laid out again at that size (crisp text, canvases drawn at their real size), not a
 * picture of the lab scaled up. Canvases and SVG charts, which do not read rem, take `scale`.
 */
import { createContext, useContext } from 'react';

export interface ViewScale {
  /** CSS px per rem. */
  rem: number;
  /** Page and frame cells grow to fill their panel (the presenter), up to FIT_MAX_SCALE. */
  fit: boolean;
}

/** The lab's rem: the browser default. Sizes in the views are written for it. */
export const BASE_REM = 16;

export const LAB_SCALE: ViewScale = { rem: BASE_REM, fit: false };

/** How much larger than their scaled size cells may grow when fitting a panel. */
export const FIT_MAX_SCALE = 3;

export const ViewScaleContext = createContext<ViewScale>(LAB_SCALE);

export function useViewScale(): ViewScale {
  return useContext(ViewScaleContext);
}

/** The factor from the lab's px to this scale's (1 in the lab). */
export function scaleOf(v: ViewScale): number {
  return v.rem / BASE_REM;
}

/**
 * The presenter's rem for a `width` x `height` screen at text size `text` (percent): 27 px on a
 * 1920x1080 projector at 100%, where the smallest text (text-2xs, 0.6875rem) is 18.6 px, the
 * size a back row reads; it follows the smaller of width and height, so a 4:3 projector or a
 * short window fits too. Never below the lab's 16 px: the presenter is never smaller than the lab.
 */
export function presenterRem(width: number, height: number, text: number): number {
  const fill = Math.min(width / 71, height / 40);
  return Math.max(BASE_REM, Math.round(((fill * text) / 100) * 4) / 4);
}

/** Text in the SVG charts, in the lab's px: text-2xs's 11 px (an SVG does not read rem). */
export const CHART_FONT = 11;
