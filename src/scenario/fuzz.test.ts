/**
 * parse and fromJson never throw, on anything: random strings, full Unicode (lone surrogates
 * included), and valid texts with characters deleted, duplicated or replaced. Every error has
 * a position inside the text; whatever they accept prints and reads back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from './arbitrary';
import type { ParseResult } from './errors';
import { STORYBOARD } from './examples';
import { format, stripLines } from './format';
import { fromJson, toJson } from './json';
import { parse } from './parse';

function checkResult(text: string, r: ParseResult): void {
  if (r.ok) {
    // Accepted: the canonical forms read back to the same scenario.
    const again = parse(format(r.scenario));
    expect(again.ok && stripLines(again.scenario)).toEqual(stripLines(r.scenario));
    expect(fromJson(toJson(r.scenario))).toEqual(r);
    return;
  }
  const lines = text.split(/\r\n|\r|\n/);
  expect(r.errors.length).toBeGreaterThan(0);
  expect(r.errors.length).toBeLessThanOrEqual(50);
  for (const e of r.errors) {
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines.length).toBe(true);
    const width = (lines[e.line - 1] ?? '').length + 1;
    expect(Number.isInteger(e.column) && e.column >= 1 && e.column <= width).toBe(true);
    expect(e.message).not.toMatch(/^internal error/);
  }
}

function neverThrows(text: string): void {
  let p: ParseResult | undefined;
  let j: ParseResult | undefined;
  expect(() => (p = parse(text))).not.toThrow();
  expect(() => (j = fromJson(text))).not.toThrow();
  if (p) checkResult(text, p);
  if (j) checkResult(text, j);
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.nat(0xffff).map((n) => String.fromCharCode(n));
/** Characters that mean something in the formats. */
const meaningful = fc.constantFrom(
  ...' \t\n\r#"\\[]{}:,./-+0123456789abcdefxi!'.split(''),
  'expect ',
  'machine ',
  '0x',
  '..',
  'null',
);

type Mutation = { at: number; kind: 'delete' | 'duplicate' | 'replace'; len: number; with: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'replace' as const),
  len: fc.integer({ min: 1, max: 12 }),
  with: fc.oneof(meaningful, codeUnit),
});

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % t.length;
    const end = Math.min(t.length, at + m.len);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(end);
    else if (m.kind === 'duplicate') t = t.slice(0, end) + t.slice(at, end) + t.slice(end);
    else t = t.slice(0, at) + m.with + t.slice(at + 1);
  }
  return t;
}

const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

describe('parse and fromJson never throw', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), neverThrows), { numRuns: 300 });
  });

  it('on full Unicode, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: codeUnit, maxLength: 200 }),
        ),
        neverThrows,
      ),
      { numRuns: 300 },
    );
  });

  it('on lines made of the formats’ own words', () => {
    const words = fc.constantFrom(
      ...'p q gpu0 m1 buf buf[1] buf[2..3] 0x1000/2 i -i+1 42 mmap read write open as close fill'.split(
        ' ',
      ),
      ...'migrate expect ret cpages faults pte page frame ram:1 gpu0:1 bits 0..1 set on ref'.split(
        ' ',
      ),
      ...'process device private 8 kernel seeds title "t" machine hotplug unplug reclaim'.split(
        ' ',
      ),
    );
    const line = fc.array(words, { maxLength: 6 }).map((ws) => ws.join(' '));
    const text = fc
      .array(line, { maxLength: 12 })
      .map((ls) => ['process p', 'device gpu0 private 8', ...ls].join('\n'));
    fc.assert(fc.property(text, neverThrows), { numRuns: 300 });
  });

  it('on mutations of the storyboard and of its JSON', () => {
    const json = toJson(parsed(STORYBOARD));
    fc.assert(
      fc.property(mutations, fc.boolean(), (ms, asJson) => {
        neverThrows(mutate(asJson ? json : STORYBOARD, ms));
      }),
      { numRuns: 400 },
    );
  });

  it('on mutations of generated scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, mutations, fc.boolean(), (s, ms, asJson) => {
        neverThrows(mutate(asJson ? toJson(s) : format(s), ms));
      }),
      { numRuns: 200 },
    );
  });

  it('on structurally odd JSON', () => {
    const doc = fc.record({
      format: fc.constantFrom('hmm-lab/scenario', 'x'),
      version: fc.oneof(fc.constant(1), fc.jsonValue()),
      scenario: fc.jsonValue(),
    });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), doc), (v) => neverThrows(JSON.stringify(v) ?? '')),
      { numRuns: 300 },
    );
    for (const t of ['['.repeat(100_000), `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"a":1']) {
      neverThrows(t);
    }
  });
});

function parsed(text: string) {
  const r = parse(text);
  if (!r.ok) throw new Error('bad example');
  return r.scenario;
}
