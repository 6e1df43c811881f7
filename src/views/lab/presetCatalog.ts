/**
 * The presets a preset link may name (`#preset=storyboard&step=4.2`), for the store's startup.
 * A chunk of its own with the presets' texts: the page loads it only for a preset link (the
 * gallery loads the same texts when it first opens).
 */
import { PRESETS, presetById } from '../../presets';
import type { PresetCatalog } from '../../store/types';

export const PRESET_CATALOG: PresetCatalog = {
  find: (id) => presetById(id),
  ids: PRESETS.map((p) => p.id),
};
