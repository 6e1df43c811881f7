/**
 * The colours canvas and SVG painters cannot take from CSS classes, per theme. Data colours
 * (residences, devices, phases, marker lanes) are Okabe-Ito fills that read in both themes and
 * stay in model/palette.ts; this table is the chrome around them: backdrops, outlines, chart
 * lines and text. Chart text meets 4.5:1 on its panel in both themes (theme.test.ts).
 */
import { useTheme, type Theme } from './theme';

export interface ThemeColors {
  /** The panel behind the charts (slate-900 at 60% over slate-950): what their text is checked on. */
  panel: string;
  /** Under every memory cell. */
  cellBack: string;
  /** An unplugged device's frames. */
  offline: string;
  /** The mark on an unplugged frame. */
  offlineMark: string;
  /** The outline of a free frame. */
  freeEdge: string;
  /** Whatever the current micro-step changed (outlines, the allocation scan, the cursor line). */
  changed: string;
  /** The frame shown in the inspector. */
  watched: string;
  /** The keyboard cursor in a memory grid. */
  cursor: string;
  /** The frame of what is hovered or focused elsewhere (views/relations; violet-400 in CSS). */
  related: string;
  /** Chart text: primary, secondary, and axis ticks. */
  text: string;
  textMuted: string;
  textFaint: string;
  /** Chart grid lines and the scrubber's track. */
  grid: string;
  track: string;
  /** The refcount chart's lines and marks. */
  refLine: string;
  mapLine: string;
  idle: string;
  freeMark: string;
  freeText: string;
  /** The time view's per-operation bars. */
  bar: string;
}

export const THEME_COLORS: Record<Theme, ThemeColors> = {
  dark: {
    panel: '#0a1023',
    cellBack: '#0f172b',
    offline: '#1d293d',
    offlineMark: '#90a1b9',
    freeEdge: '#45556c',
    changed: '#FDE047',
    watched: '#f8fafc',
    cursor: '#74d4ff',
    related: '#a684ff',
    text: '#e2e8f0',
    textMuted: '#90a1b9',
    textFaint: '#7b8ea8',
    grid: '#1d293d',
    track: '#1d293d',
    refLine: '#56B4E9',
    mapLine: '#CC79A7',
    idle: '#90a1b9',
    freeMark: '#D55E00',
    freeText: '#ffa2a2',
    bar: '#62748e',
  },
  contrast: {
    panel: '#000000',
    cellBack: '#1a1a1a',
    offline: '#404040',
    offlineMark: '#bfbfbf',
    freeEdge: '#a3a3a3',
    changed: '#FDE047',
    watched: '#ffffff',
    cursor: '#74d4ff',
    related: '#a684ff',
    text: '#ffffff',
    textMuted: '#e5e5e5',
    textFaint: '#d4d4d4',
    grid: '#333333',
    track: '#262626',
    refLine: '#56B4E9',
    mapLine: '#CC79A7',
    idle: '#e5e5e5',
    freeMark: '#D55E00',
    freeText: '#ffa2a2',
    bar: '#a3a3a3',
  },
  light: {
    panel: '#f9fbfd',
    cellBack: '#f1f5f9',
    offline: '#cad5e2',
    offlineMark: '#45556c',
    freeEdge: '#90a1b9',
    changed: '#a65f00',
    watched: '#0f172b',
    cursor: '#0069a8',
    related: '#7008e7',
    text: '#1d293d',
    textMuted: '#45556c',
    textFaint: '#53647e',
    grid: '#e2e8f0',
    track: '#e2e8f0',
    refLine: '#0072B2',
    mapLine: '#A8457F',
    idle: '#45556c',
    freeMark: '#D55E00',
    freeText: '#c10007',
    bar: '#90a1b9',
  },
};

export function themeColors(t: Theme): ThemeColors {
  return THEME_COLORS[t];
}

/** The current theme's colours, re-rendering on a change. */
export function useThemeColors(): ThemeColors {
  return THEME_COLORS[useTheme()];
}
