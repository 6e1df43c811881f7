/**
 * Looking words up in the glossary: by key, the source link of an entry for a kernel model,
 * and a text (a narration sentence, a step's function chain, a source line) cut into plain
 * runs and glossary words, so a view can make each word a card.
 */
import type { KernelModel } from '../engine/commands/terms';
import { GLOSSARY, KERNEL_VERSIONS, type Term, type Where } from './terms';

/** Other spellings the narration uses for an entry. */
const ALIASES: Readonly<Record<string, string>> = {
  read_begin: 'mmu_interval_read_begin',
  HMM_PFN: 'mirror:encoding',
};

const BY_KEY: ReadonlyMap<string, Term> = new Map([
  ...GLOSSARY.map((t): [string, Term] => [t.key, t]),
  ...Object.entries(ALIASES).flatMap(([alias, key]): [string, Term][] => {
    const t = GLOSSARY.find((x) => x.key === key);
    return t ? [[alias, t]] : [];
  }),
]);

export function termByKey(key: string): Term | undefined {
  return BY_KEY.get(key);
}

const ELIXIR = 'https://elixir.bootlin.com/linux';

/** The cross-reference link of `where` at `model`'s version, or null when it has none. */
export function sourceUrl(where: Where, model: KernelModel): string | null {
  const v = KERNEL_VERSIONS[model];
  if ('ident' in where) return `${ELIXIR}/${v}/A/ident/${where.ident}`;
  if ('file' in where) return `${ELIXIR}/${v}/source/${where.file}`;
  return null;
}

export interface ModelSource {
  model: KernelModel;
  version: string;
  url: string | null;
  /** The linked symbol or file (what the link says). */
  label: string | null;
  /** Why there is no link, or how the kernel spells the word. */
  note: string | null;
}

export function modelSource(t: Term, model: KernelModel): ModelSource {
  const w = t[model];
  return {
    model,
    version: KERNEL_VERSIONS[model],
    url: sourceUrl(w, model),
    label: 'ident' in w ? w.ident : 'file' in w ? w.file : null,
    note: 'absent' in w ? w.absent : (w.note ?? null),
  };
}

/**
 * The sources a card shows for the scenario's kernel model: that model's first, then the
 * other's when it differs (another symbol, another file, or absent in one of them).
 */
export function sourcesFor(t: Term, model: KernelModel): ModelSource[] {
  const other: KernelModel = model === 'modern' ? 'seeds' : 'modern';
  const a = modelSource(t, model);
  const b = modelSource(t, other);
  return a.label === b.label && a.note === b.note ? [a] : [a, b];
}

/** A kernel identifier with at least one underscore (`migrate_vma_setup`, `HMM_PFN_VALID`). */
const IDENT = /[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+/g;
/** A kernel source path (`mm/migrate_device.c`). */
const PATH = /\b(?:mm|lib|include|kernel|drivers|arch|fs)\/[A-Za-z0-9_/.-]+\.[ch]\b/g;

export type Piece = string | { key: string; text: string };

/** Every kernel word `text` names (identifiers and source paths), in order. */
export function kernelWords(text: string): string[] {
  const paths = [...text.matchAll(PATH)].map((m) => m[0]);
  const rest = text.replace(PATH, ' ');
  return [...paths, ...[...rest.matchAll(IDENT)].map((m) => m[0])];
}

/**
 * `text` cut into plain runs and glossary words: kernel identifiers and source paths that have
 * an entry become `{ key, text }`; everything else stays text.
 */
export function splitTerms(text: string): Piece[] {
  const out: Piece[] = [];
  const re = new RegExp(`${PATH.source}|${IDENT.source}`, 'g');
  let at = 0;
  for (const m of text.matchAll(re)) {
    const word = m[0];
    const i = m.index;
    if (!BY_KEY.has(word)) continue;
    if (i > at) out.push(text.slice(at, i));
    out.push({ key: BY_KEY.get(word)?.key ?? word, text: word });
    at = i + word.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
