/**
 * The fuzz run: well over 100,000 generated inputs through the parser, the JSON loader, the
 * link decoder and the link-opening startup path (targets.ts says what is checked of each).
 * Generators: arbitrary strings (every UTF-16 code unit, lone surrogates included), strings in
 * the link alphabet, grammar-aware random scenarios (src/scenario/arbitrary.ts) as text, JSON
 * and links, and structured mutations of every preset's text, JSON and links (mutate.ts),
 * including damaged scenarios wrapped in links whose checksum holds (corpus.ts).
 *
 * The seed is fixed so a failure reproduces; FUZZ_SEED=<n> runs another sample. Plain seeded
 * loops keep the run fast; fc.assert (with shrinking) covers the raw-string properties, where a
 * minimal failing input is worth having. The count is asserted, and the tally printed at the
 * end (inputs per target and generator, rejections by kind).
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import { scenarioArb } from '../scenario/arbitrary';
import { format } from '../scenario/format';
import { toJson } from '../scenario/json';
import { parse } from '../scenario/parse';
import { craftV2, rawRecord } from '../share/fixtures';
import { encodeLink } from '../share/link';
import { LINE_POOL, SEEDS, TOKEN_POOL, hostileLink } from './corpus';
import { Rng, mutateJson, mutateLink, mutateText } from './mutate';
import { Tally } from './tally';
import { RUN, TARGETS, type TargetName } from './targets';

const env = import.meta.env as Record<string, string | undefined>;
const SEED = Number(env.FUZZ_SEED ?? 0x484d4d) >>> 0;
/** The run's size; the assertion at the end is on the inputs actually run. */
const MIN_INPUTS = 100_000;

const tally = new Tally();

function feed(target: TargetName, generator: string, input: string): void {
  tally.input(target, generator);
  const o = RUN[target](input);
  if (o.ok) tally.accept(target);
  else tally.reject(target, o.kind);
}

const codeUnit = fc.nat(0xffff).map((n) => String.fromCharCode(n));
const rawString = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 60 }),
);
const linkAlphabet = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  maxLength: 60,
});
const linkish = fc
  .tuple(fc.constantFrom('hmm1.', 'hmm2.', 'hmm3.', '#hmm2.', 'hmm', 'hmm02.', ''), linkAlphabet)
  .map(([head, body]) => head + body);

afterAll(() => {
  console.log(`\nFuzz run, seed ${SEED}\n\n${tally.table()}\n`);
});

/** Each part takes a few seconds on a 2-core machine; the whole file stays well under 60 s. */
const PART = { timeout: 60_000 };

describe('fuzz: nothing a user or a link does can break the lab', () => {
  it('arbitrary strings, to every target (fc.assert: a failure shrinks)', PART, () => {
    for (const target of TARGETS) {
      fc.assert(
        fc.property(rawString, (s) => feed(target, 'arbitrary string', s)),
        { seed: SEED, numRuns: 6000 },
      );
    }
  });

  it('strings in the link alphabet, to the link targets', PART, () => {
    for (const s of fc.sample(linkish, { seed: SEED, numRuns: 10_000 })) {
      feed('decodeLink', 'link alphabet', s);
      feed('openLink', 'link alphabet', s);
    }
  });

  it('random scenarios (grammar-aware) as text, JSON and link', PART, () => {
    for (const s of fc.sample(scenarioArb, { seed: SEED, numRuns: 1200 })) {
      const text = format(s);
      feed('parse', 'random scenario', text);
      feed('fromJson', 'random scenario', toJson(s));
      const link = encodeLink({ text, at: null, selection: null, watched: null });
      feed('decodeLink', 'random scenario', link);
      feed('openLink', 'random scenario', link);
    }
  });

  it('JSON documents with any JSON where the scenario (or a field of it) goes', PART, () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const doc = fc.oneof(
      anyJson.map((scenario) => ({ format: 'hmm-lab/scenario', version: 1, scenario })),
      fc.tuple(fc.constantFrom('title', 'machine', 'steps'), anyJson).map(([k, v]) => ({
        format: 'hmm-lab/scenario',
        version: 1,
        scenario: { title: null, machine: {}, steps: [], [k]: v },
      })),
      anyJson,
    );
    for (const d of fc.sample(doc, { seed: SEED, numRuns: 3000 }))
      feed('fromJson', 'any JSON value', JSON.stringify(d));
  });

  it("every preset's text, mutated token by token", PART, () => {
    const rng = new Rng(SEED ^ 0x1);
    const pool = [...TOKEN_POOL, ...LINE_POOL];
    for (const seed of SEEDS) {
      for (let i = 0; i < 260; i++) {
        let t = seed.text;
        for (let k = 1 + rng.int(3); k > 0; k--) t = mutateText(rng, t, pool);
        feed('parse', 'preset text mutation', t);
        if (i % 8 === 0) feed('fromJson', 'preset text mutation', t);
      }
    }
  });

  it("every preset's JSON, mutated field by field", PART, () => {
    const rng = new Rng(SEED ^ 0x2);
    for (const seed of SEEDS) {
      for (let i = 0; i < 160; i++) {
        let j = seed.json;
        for (let k = 1 + rng.int(2); k > 0; k--) {
          try {
            j = mutateJson(rng, j);
          } catch {
            break; // an earlier mutation cut the JSON: feed it as it is
          }
        }
        feed('fromJson', 'preset JSON mutation', j);
      }
    }
  });

  it("every preset's links, damaged character by character", PART, () => {
    const rng = new Rng(SEED ^ 0x3);
    for (const seed of SEEDS) {
      for (let i = 0; i < 250; i++) {
        let l = rng.pick(seed.links);
        for (let k = 1 + rng.int(2); k > 0; k--) l = mutateLink(rng, l);
        feed('decodeLink', 'preset link mutation', l);
        if (i % 5 === 0) feed('openLink', 'preset link mutation', l);
      }
    }
  });

  it('damaged scenarios in links whose checksum holds (they reach the parser)', PART, () => {
    const rng = new Rng(SEED ^ 0x4);
    const pool = [...TOKEN_POOL, ...LINE_POOL];
    for (const seed of SEEDS) {
      for (let i = 0; i < 110; i++) {
        const t = rng.next() < 0.2 ? seed.text : mutateText(rng, seed.text, pool);
        const l = hostileLink(rng, t);
        feed('decodeLink', 'hostile payload', l);
        if (i % 5 === 0) feed('openLink', 'hostile payload', l);
      }
    }
  });

  it('scenarios at and just over every limit, as text, JSON and link', PART, () => {
    const rows = (n: number, line: (i: number) => string): string =>
      Array.from({ length: n }, (_, i) => `${line(i)}\n`).join('');
    const near = (limit: number): number[] => [limit - 1, limit, limit + 1];
    const texts: string[] = [
      ...near(LIMITS.ramPages).map((n) => `ram ${n}\n`),
      ...near(LIMITS.devicePages).map((n) => `device g private ${n}\nprocess p\n`),
      ...near(LIMITS.devices).map((n) => rows(n, (i) => `device d${i} coherent 1`)),
      ...near(LIMITS.processes).map((n) => rows(n, (i) => `process p${i}`)),
      ...near(LIMITS.mmapPages).map((n) => `process p\np mmap b ${n}\n`),
      ...near(LIMITS.buffers).map((n) => `process p\n${rows(n, (i) => `p mmap b${i} 1`)}`),
      ...near(LIMITS.processes).map((n) => `process a\n${rows(n - 1, (i) => `a fork c${i}`)}`),
      ...near(LIMITS.mirrors).map(
        (n) =>
          rows(8, (i) => `device d${i} private 1`) +
          rows(9, (i) => `process p${i}`) +
          rows(n, (i) => `p${i >> 3} open d${i & 7} as m${i}`),
      ),
      `process p\n${'p exit\n'.repeat(LIMITS.commands + 1)}`,
      '#'.repeat(LIMITS.textLength + 1),
    ];
    for (const text of texts) {
      feed('parse', 'at/over a limit', text);
      const r = parse(text);
      if (r.ok) feed('fromJson', 'at/over a limit', toJson(r.scenario));
      const rec = rawRecord([0], text);
      const link = craftV2(1, rec.length, deflateSync(rec));
      feed('decodeLink', 'at/over a limit', link);
      feed('openLink', 'at/over a limit', link);
    }
    const long = `hmm2.${'A'.repeat(LIMITS.linkLength)}`;
    feed('decodeLink', 'at/over a limit', long);
    feed('openLink', 'at/over a limit', long);
  });

  it(`ran at least ${MIN_INPUTS} inputs, through every target`, () => {
    expect(tally.total).toBeGreaterThanOrEqual(MIN_INPUTS);
    for (const t of TARGETS) expect(tally.of(t)).toBeGreaterThan(5000);
  });
});
