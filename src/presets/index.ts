/**
 * The preset gallery: lecture flows (src/presets/*.hmm) and the conformance cases
 * (src/conformance/*.hmm). Each scenario file is the single source of its title (the
 * `title` line) and description (its leading comments; see describe.ts). The files are
 * bundled as raw text with Vite's import.meta.glob, which Vitest understands too.
 */
import { conformanceDescription, leadingComments, titleOf } from './describe';

export interface Preset {
  /** The file name without `.hmm`: `storyboard`, `anon_read.private`. */
  id: string;
  title: string;
  /** Two lines, each at most about 110 characters. */
  description: [string, string];
  group: 'flows' | 'conformance';
  /** The scenario, in the text format. */
  text: string;
}

const FLOW_FILES = import.meta.glob<string>('./*.hmm', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const CONFORMANCE_FILES = import.meta.glob<string>('../conformance/*.hmm', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The gallery's order for the flows: a lecture's order, roughly. Every flow file is listed. */
export const FLOW_ORDER: readonly string[] = [
  'storyboard',
  'storyboard-seeds',
  'mirror-invalidate',
  'first-touch',
  'private-vs-coherent',
  'pinned-page',
  'munmap-free-seeds',
  'munmap-free-modern',
  'exhausted-seeds',
  'exhausted-modern',
  'fork-private',
  'fork-coherent',
  'migrate-to-sys',
  'mremap-device',
  'two-devices',
  'snapshot',
  'exclusive',
  'gup-device',
  'background-paths',
  'reclaim',
  'shmem-no-migrate',
  'pmem-dax',
  'hwpoison',
  'hotplug-seeds',
  'hotplug-modern',
];

const idOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.hmm$/, '');

function flow(id: string, text: string): Preset {
  const [a = '', b = ''] = leadingComments(text);
  return { id, title: titleOf(text) ?? id, description: [a, b], group: 'flows', text };
}

function conformance(id: string, text: string): Preset {
  return {
    id,
    title: titleOf(text) ?? id,
    description: conformanceDescription(leadingComments(text)),
    group: 'conformance',
    text,
  };
}

const flows = new Map(Object.entries(FLOW_FILES).map(([p, text]) => [idOf(p), text]));
const rank = (id: string): number => {
  const i = FLOW_ORDER.indexOf(id);
  return i < 0 ? FLOW_ORDER.length : i;
};

export const PRESETS: readonly Preset[] = [
  ...[...flows.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((id) => flow(id, flows.get(id) ?? '')),
  ...Object.entries(CONFORMANCE_FILES)
    .map(([p, text]) => conformance(idOf(p), text))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
