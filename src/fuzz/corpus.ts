/**
 * The seeds of the mutations: every preset's text, its JSON and its links (stored and
 * deflated version 2, and version 1), and the lines of all of them (mutations splice lines
 * and tokens from one preset into another). Also the wrappers that put a (damaged) scenario
 * text into a well-formed link, checksum and all, so that it gets past the codec and reaches
 * the parser and the limits.
 */
import { deflateSync } from 'fflate';
import { PRESETS } from '../presets';
import { toJson } from '../scenario/json';
import { parse } from '../scenario/parse';
import { encodeLinkForms } from '../share/link';
import { craftFuture, craftV2, encodeV1, rawRecord } from '../share/fixtures';
import { BOUNDARY_NUMBERS, type Rng } from './mutate';

export interface Seed {
  id: string;
  text: string;
  json: string;
  links: string[];
}

export const SEEDS: readonly Seed[] = PRESETS.map((p) => {
  const r = parse(p.text);
  if (!r.ok) throw new Error(`preset ${p.id} does not parse: ${r.errors[0]?.message}`);
  const forms = encodeLinkForms({
    text: p.text,
    at: { op: 1, step: 0 },
    selection: null,
    watched: null,
  });
  return {
    id: p.id,
    text: p.text,
    json: toJson(r.scenario),
    links: [forms.stored, forms.deflated, encodeV1({ text: p.text, opsDone: 1 })],
  };
});

/** Every non-empty line of every preset, and every whitespace-separated token. */
export const LINE_POOL: readonly string[] = [
  ...new Set(SEEDS.flatMap((s) => s.text.split('\n')).filter((l) => l.trim() !== '')),
];
export const TOKEN_POOL: readonly string[] = [
  ...new Set(LINE_POOL.flatMap((l) => l.trim().split(/\s+/))),
];

const MODES = [0, 1, 2, 255];

/**
 * `text` in a link whose codec layer is sound (its CRC holds), so that decodeLink reaches the
 * record and the scenario: stored or deflated version 2, version 1, fields made of random
 * bytes, sizes that disagree, a mode that does not exist, a future version.
 */
export function hostileLink(rng: Rng, text: string): string {
  const record = rawRecord([0], text);
  switch (rng.int(8)) {
    case 0:
      return craftV2(0, record.length, record);
    case 1:
      return craftV2(1, record.length, deflateSync(record));
    case 2:
      return encodeV1({ text, opsDone: rng.pick([0, 1, 2 ** 31, 100_000, 100_001, 2 ** 53 - 1]) });
    case 3: {
      // Random field bytes in front of the text: flags, positions, selections, pfns.
      const fields = Array.from({ length: 1 + rng.int(12) }, () =>
        rng.next() < 0.5 ? rng.int(8) : rng.int(256),
      );
      const r = rawRecord(fields, text);
      return rng.next() < 0.5 ? craftV2(0, r.length, r) : craftV2(1, r.length, deflateSync(r));
    }
    case 4: {
      // The declared size off by a little or by a lot.
      const size = rng.pick([0, record.length - 1, record.length + 1, 2 ** 31, 2 ** 53 - 1]);
      return craftV2(
        rng.int(2),
        Math.max(0, size),
        rng.next() < 0.5 ? record : deflateSync(record),
      );
    }
    case 5:
      return craftV2(rng.pick(MODES), record.length, record);
    case 6:
      return craftFuture(rng.pick([3, 4, 999999999]), record);
    default: {
      // A huge machine in front of a good text: refused by the header check.
      const huge = `ram ${rng.pick(BOUNDARY_NUMBERS)}\n${text}`;
      const r = rawRecord([0], huge);
      return craftV2(0, r.length, r);
    }
  }
}
