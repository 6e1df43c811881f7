/**
 * Data colours, chosen from the Okabe-Ito colour-blind-safe palette, always paired with a letter
 * or pattern in the views. Devices get their own hue by index. These fills read in both themes;
 * the chrome around them (backdrops, outlines, chart text) is per theme in theme/colors.ts.
 * Letters and marks drawn on a fill use `inkOn(fill)`: black or white, whichever passes 4.5:1.
 */
import { inkOn } from '../theme/color';
import type { Residence } from './residence';

export { inkOn };

export const DEVICE_COLORS = [
  '#E69F00',
  '#CC79A7',
  '#009E73',
  '#D55E00',
  '#F0E442',
  '#56B4E9',
  '#999999',
  '#0072B2',
];

export function deviceColor(index: number): string {
  return DEVICE_COLORS[index % DEVICE_COLORS.length] ?? '#999999';
}

export const RAM_COLOR = '#56B4E9';

export function residenceColor(r: Residence, dev: number): string {
  switch (r) {
    case 'ram':
      return RAM_COLOR;
    case 'zero':
      return '#475569';
    case 'device-private':
    case 'device-coherent':
    case 'pmem':
      return deviceColor(dev);
    case 'migration':
      return '#F0E442';
    case 'exclusive':
      return '#0072B2';
    case 'hwpoison':
      return '#D55E00';
    case 'swap':
      return '#64748b';
    default:
      return 'transparent';
  }
}

/**
 * The highlight drawn around whatever the current micro-step changed, in the dark theme (the
 * painters take the current theme's from theme/colors.ts; this stays for callers without one).
 */
export const CHANGED = '#FDE047';
