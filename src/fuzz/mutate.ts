/**
 * Structured mutations for the fuzz suite: a seeded generator (the run is reproducible from
 * its seed) and mutators that damage a valid input the way people and programs do: scenario
 * tokens deleted, duplicated, swapped or replaced (by keywords, names, and numbers at the
 * boundaries every reader must survive), lines cut, JSON values replaced by other types,
 * link characters flipped, links cut, version prefixes changed.
 */

import { MACHINE_VERBS, MIRROR_VERBS, PROCESS_VERBS } from '../scenario/parse-command';
import { EXPECT_KINDS } from '../scenario/parse-expect';
import { CLAUSES, LINE_STARTS, VALUE_WORDS } from '../scenario/vocabulary';

/** mulberry32: small, fast, good enough to pick mutations. */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** Numbers at the edges: of the limits, of int32, of safe integers, of doubles. */
export const BOUNDARY_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '1',
  '-1',
  '255',
  '256',
  '4095',
  '4096',
  '4194303',
  '4194304',
  '4194305',
  '100000',
  '100001',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '18446744073709551616',
  '1e308',
  '1e309',
  '-1e308',
  '5e-324',
  '1.5',
  '0.0',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x7fffffff',
  '0xffffffffffffffff',
  '0x',
  '00',
  '0b1',
  '1_000',
  '٣',
  '９',
  '99999999999999999999999999999999999999',
];

/**
 * Words that mean something somewhere in the text format: the grammar's own word lists (so a
 * new verb is fuzzed as soon as it exists), then names, values and punctuation.
 */
export const KEYWORDS: readonly string[] = [
  ...LINE_STARTS,
  ...PROCESS_VERBS,
  ...MIRROR_VERBS,
  ...MACHINE_VERBS,
  ...EXPECT_KINDS,
  ...Object.values(CLAUSES).flat(),
  ...VALUE_WORDS,
  'ram:0',
  'gpu0:0',
  'file:x',
  '!write',
  'i',
  '-i',
  'i+1',
  '-ENOENT',
  '-EINVAL',
  'buf',
  'buf[0]',
  'buf[1..0]',
  'buf[0..4194304]',
  '0x7f0000001000/4',
  '0x1/1',
  'app',
  'gpu0',
  'app/gpu0',
  '""',
  '"',
  '"\\u0000"',
  '#',
  '..',
  '[',
  ']',
  '/',
  '\t',
  'FF',
  '\u0000',
  '\ud800',
  '😀',
  'é',
];

const WORD = /\S+/g;

/** One token-level change to a scenario text. */
export function mutateText(rng: Rng, text: string, pool: readonly string[]): string {
  const lines = text.split('\n');
  const li = rng.int(lines.length);
  const line = lines[li] ?? '';
  const tokens = [...line.matchAll(WORD)].map((m) => ({ at: m.index, text: m[0] }));
  const tok = tokens.length > 0 ? rng.pick(tokens) : { at: 0, text: '' };
  const replaceTok = (w: string): string =>
    line.slice(0, tok.at) + w + line.slice(tok.at + tok.text.length);
  const setLine = (l: string | null): string => {
    const out = lines.slice();
    if (l === null) out.splice(li, 1);
    else out[li] = l;
    return out.join('\n');
  };
  switch (rng.int(14)) {
    case 0:
      return setLine(replaceTok(''));
    case 1:
      return setLine(replaceTok(`${tok.text} ${tok.text}`));
    case 2:
    case 3:
      return setLine(replaceTok(rng.pick(BOUNDARY_NUMBERS)));
    case 4:
      return setLine(replaceTok(rng.pick(KEYWORDS)));
    case 5:
      return setLine(replaceTok(rng.pick(pool)));
    case 6:
      return setLine(`${line} ${rng.pick(rng.next() < 0.5 ? KEYWORDS : pool)}`);
    case 7:
      return setLine(null);
    case 8: {
      const out = lines.slice();
      out.splice(li, 0, line);
      return out.join('\n');
    }
    case 9: {
      const out = lines.slice();
      const lj = rng.int(lines.length);
      out[li] = lines[lj] ?? '';
      out[lj] = line;
      return out.join('\n');
    }
    case 10:
      return text.slice(0, rng.int(text.length + 1));
    case 11: {
      // A line from anywhere, inserted anywhere (a header line among commands, an expect first).
      const out = lines.slice();
      out.splice(rng.int(lines.length + 1), 0, rng.pick(pool));
      return out.join('\n');
    }
    case 12: {
      const at = rng.int(text.length + 1);
      return (
        text.slice(0, at) +
        rng.pick(['\r', '\r\n', '\t', '"', '#', '\u2028', '\ufeff', '\\']) +
        text.slice(at)
      );
    }
    default: {
      // Numbers in the line all pushed to one boundary (a header's `ram 64` becomes huge).
      const n = rng.pick(BOUNDARY_NUMBERS);
      return setLine(line.replace(/\b\d+\b/g, n));
    }
  }
}

/** Values a JSON field should never be: other types, boundary numbers, hostile strings. */
const JSON_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  1e308,
  -1e308,
  4 * 1024 * 1024 + 1,
  '',
  'x',
  '__proto__',
  'constructor',
  'gpu0',
  'app',
  'modern',
  'mmap',
  '\u0000',
  '\ud800',
  [],
  [null],
  {},
  { op: 'mmap' },
  { ['__proto__']: 1 },
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every place in a JSON value: the container and the key or index. */
function places(
  v: Json,
  out: Array<{ parent: Json[] | { [k: string]: Json }; key: string | number }>,
): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push({ parent: v, key: i });
      places(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push({ parent: v, key: k });
      places(v[k] as Json, out);
    }
  }
}

/** One structural change to a JSON document (parsed, changed, printed). */
export function mutateJson(rng: Rng, text: string): string {
  const doc = JSON.parse(text) as Json;
  const all: Array<{ parent: Json[] | { [k: string]: Json }; key: string | number }> = [];
  places(doc, all);
  if (all.length === 0) return text;
  const { parent, key } = rng.pick(all);
  const op = rng.int(7);
  if (Array.isArray(parent)) {
    const i = key as number;
    if (op === 0) parent.splice(i, 1);
    else if (op === 1) parent.splice(i, 0, structuredClone(parent[i] as Json));
    else if (op === 2) parent.splice(i, 0, rng.pick(JSON_VALUES) as Json);
    else parent[i] = rng.pick(JSON_VALUES) as Json;
  } else {
    const k = key as string;
    if (op === 0) delete parent[k];
    else if (op === 1) parent[`${k}_`] = parent[k] as Json;
    else if (op === 2 && typeof parent[k] === 'number')
      parent[k] = Number(rng.pick(BOUNDARY_NUMBERS));
    else if (op === 3 && typeof parent[k] === 'string') parent[k] = `${parent[k]}x`;
    else parent[k] = rng.pick(JSON_VALUES) as Json;
  }
  const printed = JSON.stringify(doc, null, rng.next() < 0.5 ? 2 : undefined);
  // Sometimes a syntax error on top: a character gone, or the end cut.
  if (rng.next() < 0.15) {
    const at = rng.int(printed.length);
    return rng.next() < 0.5 ? printed.slice(0, at) : printed.slice(0, at) + printed.slice(at + 1);
  }
  return printed;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One change to a link fragment: a character flipped, the link cut or grown, its head changed. */
export function mutateLink(rng: Rng, link: string): string {
  const dot = link.indexOf('.') + 1;
  const at = dot + rng.int(Math.max(1, link.length - dot));
  switch (rng.int(9)) {
    case 0:
    case 1:
      return link.slice(0, at) + rng.pick(B64.split('')) + link.slice(at + 1);
    case 2:
      return link.slice(0, rng.int(link.length + 1));
    case 3:
      return link.slice(0, at) + link.slice(at + 1);
    case 4:
      return link.slice(0, at) + rng.pick(B64.split('')) + link.slice(at);
    case 5:
      return (
        rng.pick([
          'hmm0.',
          'hmm1.',
          'hmm3.',
          'hmm02.',
          'hmm999999999.',
          'HMM2.',
          'hm2.',
          'hmm2',
          '#hmm2.',
          'hmm2..',
          '',
        ]) + link.slice(dot)
      );
    case 6:
      return link + rng.pick(['=', '==', '%3D', ' ', '&x=1', '?present', '\n', 'A', 'AA', '😀']);
    case 7: {
      // Swap two characters.
      const j = dot + rng.int(Math.max(1, link.length - dot));
      const a = Math.min(at, j);
      const b = Math.max(at, j);
      if (a === b) return link;
      return link.slice(0, a) + link[b] + link.slice(a + 1, b) + link[a] + link.slice(b + 1);
    }
    default:
      return (
        link.slice(0, at) +
        encodeURIComponent(link.slice(at, at + 3)).replace(/[A-Za-z]/g, '%') +
        link.slice(at + 3)
      );
  }
}
