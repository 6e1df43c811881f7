/** The views a presenter or an embed can show, by id (see mode.ts VIEW_IDS), and their layout. */
import type { ComponentType } from 'react';
import { AddressSpace } from '../lab/AddressSpace';
import { Counters } from '../lab/Counters';
import { Inspector } from '../lab/Inspector';
import { MemoryGrids } from '../lab/MemoryGrids';
import { Narration } from '../lab/Narration';
import { PageTableView } from '../lab/PageTableView';
import { TimeView } from '../timeline/TimeView';
import type { ViewId } from './mode';

export const VIEWS: Record<ViewId, ComponentType> = {
  'address-space': AddressSpace,
  memory: MemoryGrids,
  'page-tables': PageTableView,
  inspector: Inspector,
  counters: Counters,
  narration: Narration,
  'time-view': TimeView,
};

/** Columns for n views: side by side up to 2, then a 2-wide grid, 3-wide from 5. */
export function gridColumns(n: number): number {
  return n <= 2 ? n : n <= 4 ? 2 : 3;
}
