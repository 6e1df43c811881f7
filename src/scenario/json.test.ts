import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import type { Scenario } from './ast';
import { scenarioArb } from './arbitrary';
import type { ScenarioError } from './errors';
import { STORYBOARD } from './examples';
import { fromJson, toJson } from './json';
import { parse } from './parse';

function story(): Scenario {
  const r = parse(STORYBOARD);
  if (!r.ok) throw new Error('storyboard');
  return r.scenario;
}

function errors(text: string): ScenarioError[] {
  const r = fromJson(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

/** The storyboard's JSON document, changed by `edit`. */
function edited(
  edit: (doc: { scenario: Record<string, unknown> } & Record<string, unknown>) => void,
) {
  const doc = JSON.parse(toJson(story())) as { scenario: Record<string, unknown> };
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

type Json = Record<string, unknown>;
const steps = (d: { scenario: Json }) => d.scenario.steps as { command: Json; expects: Json[] }[];

describe('toJson', () => {
  it('writes the envelope, pretty, with the AST inside', () => {
    const text = toJson(story());
    expect(
      text.startsWith('{\n  "format": "hmm-lab/scenario",\n  "version": 1,\n  "scenario": {\n'),
    ).toBe(true);
    expect(JSON.parse(text)).toEqual({ format: 'hmm-lab/scenario', version: 1, scenario: story() });
  });

  it('prints keys in a fixed order whatever order the objects were built in', () => {
    const s = story();
    const shuffled: Scenario = {
      steps: s.steps.map((st) => ({
        line: st.line,
        notes: st.notes,
        expects: st.expects,
        command: st.command,
      })),
      machine: { ...s.machine },
      focus: s.focus,
      title: s.title,
    };
    expect(toJson(shuffled)).toBe(toJson(s));
  });
});

describe('fromJson', () => {
  it('reads what toJson writes', () => {
    expect(fromJson(toJson(story()))).toEqual({ ok: true, scenario: story() });
  });

  it('defaults missing line fields to 0', () => {
    const text = edited((d) => {
      for (const st of steps(d)) {
        delete st.command.line;
        delete (st as Json).line;
        for (const e of st.expects) delete e.line;
      }
    });
    const r = fromJson(text);
    expect(r.ok && r.scenario.steps.every((st) => st.line === 0)).toBe(true);
  });

  it('names the path of shape errors and points at the value', () => {
    const text = edited((d) => {
      const st = steps(d);
      (st[0] as { command: Json }).command.pages = 'abc';
      (st[1] as { command: Json }).command.op = 'cpu-writ';
      (st[2] as { command: Json }).command.extra = 1;
      delete (st[3] as { command: Json }).command.range;
      ((st[4] as { expects: Json[] }).expects[0] as Json).kind = 'nope';
    });
    const es = errors(text);
    expect(es.map((e) => e.message)).toEqual([
      'scenario.steps[0].command.pages: expected a whole number, found "abc"',
      expect.stringMatching(
        /^scenario\.steps\[1\]\.command\.op: expected a command op \(mmap, munmap, .*\), found "cpu-writ"$/,
      ),
      'scenario.steps[2].command.extra: unknown field "extra"',
      'scenario.steps[3].command.range: missing field "range"',
      expect.stringMatching(
        /^scenario\.steps\[4\]\.expects\[0\]\.kind: expected an expectation kind/,
      ),
    ]);
    const lines = text.split('\n');
    const at = (e: ScenarioError | undefined) =>
      lines[(e?.line ?? 0) - 1]?.slice((e?.column ?? 0) - 1);
    expect(at(es[0])).toBe('"abc",');
    expect(at(es[1])).toBe('"cpu-writ",');
    expect(at(es[2])).toBe('1');
    expect(es[3]?.path).toBe('scenario.steps[3].command.range');
    expect(at(es[4])).toBe('"nope",');
  });

  it('runs the same semantic checks as the text parser', () => {
    const text = edited((d) => {
      const st = steps(d);
      (st[0] as { command: Json }).command.pages = 0;
      (st[1] as { command: Json }).command.proc = 'ghost';
      (st[3] as { command: Json }).command.mirror = 'app/gpu1';
      ((st[4] as { expects: Json[] }).expects[3] as Json).first = 8;
      (d.scenario.machine as Json).ramPages = LIMITS.ramPages + 1;
    });
    expect(errors(text).map((e) => e.message)).toEqual([
      'scenario.machine.ramPages: RAM size 4194305 is over the limit ramPages = 4194304',
      'scenario.steps[0].command.pages: expected a page count (a whole number from 1 to 4194304), found 0',
      'scenario.steps[1].command.proc: expected a process, found the unknown name "ghost" (declare it with `process` in the header, or create it with fork)',
      'scenario.steps[3].command.mirror: expected an open mirror, found the unknown name "app/gpu1" (open one with <process> open <device>)',
      'scenario.steps[4].expects[3].first: expected a bit index of gpu0 (a whole number from 0 to 7), found 8',
      'scenario.steps[4].expects[3].last: the last bit 0 is before the first 8',
    ]);
  });

  it('checks what only the AST can get wrong', () => {
    const text = edited((d) => {
      const st = steps(d);
      (st[0] as { command: Json }).command.file = 'x';
      (st[1] as { command: Json }).command.range = {
        kind: 'buf',
        buf: 'buf',
        first: 2,
        count: null,
      };
      (st[1] as { command: Json }).command.value = { scale: 0, offset: 1.5 };
      (st[3] as { expects: Json[] }).expects[0] = { kind: 'counters', cpages: null, faults: null };
      (st[4] as { expects: Json[] }).expects[0] = { kind: 'snapshot', bytes: [] };
      (st[4] as { expects: Json[] }).expects[1] = {
        kind: 'pte',
        proc: 'app',
        range: { kind: 'addr', addr: '0xABC', npages: 1 },
        pte: 'none',
        flags: [
          { flag: 'dirty', set: true },
          { flag: 'dirty', set: false },
        ],
      };
      d.scenario.title = 'a\nb';
    });
    expect(errors(text).map((e) => e.message)).toEqual([
      'scenario.title: expected a title without control characters, found U+000A',
      'scenario.steps[0].command.file: a file name needs backing "file"',
      'scenario.steps[1].command.range.first: a whole-buffer range (count null) must start at 0, found 2',
      'scenario.steps[1].command.value.offset: expected a 32-bit integer (a whole number from -2147483648 to 2147483647), found 1.5',
      'scenario.steps[3].expects[0]: expected cpages or faults',
      'scenario.steps[4].expects[0].bytes: expected at least one byte',
      'scenario.steps[4].expects[1].range.addr: expected an address (0x and 1 to 16 lowercase hex digits), found "0xABC"',
      'scenario.steps[4].expects[1].flags[1]: the flag dirty is given twice',
    ]);
  });

  it('checks the envelope', () => {
    expect(errors(edited((d) => (d.version = 2)))).toEqual([
      {
        line: 3,
        column: 14,
        message: 'version: unsupported version 2; supported versions: 1',
        path: 'version',
      },
    ]);
    expect(errors(edited((d) => (d.format = 'other'))).map((e) => e.message)).toEqual([
      'format: expected "hmm-lab/scenario", found "other"',
    ]);
    expect(errors('[1]').map((e) => e.message)).toEqual([
      '(top level): expected an object {"format": "hmm-lab/scenario", "version": 1, ...}, found an array',
    ]);
    expect(errors('{"format": "hmm-lab/scenario", "version": 1}').map((e) => e.message)).toEqual([
      'scenario: missing field "scenario"',
    ]);
  });

  it('points at JSON syntax errors', () => {
    const es = errors('{\n  "format": "hmm-lab/scenario",\n  "version": 1,,\n}');
    expect(es).toHaveLength(1);
    expect(es[0]).toMatchObject({ line: 3, column: 16, path: '' });
    expect(es[0]?.message).toMatch(/^\(top level\): invalid JSON: /);
    expect(errors('')[0]).toMatchObject({ line: 1, column: 1 });
    expect(errors('{"a": "\u0001"}')[0]).toMatchObject({ line: 1, column: 8 });
  });

  it('applies the text length limit', () => {
    expect(errors(' '.repeat(LIMITS.textLength + 1))[0]?.message).toBe(
      `(top level): scenario text length ${LIMITS.textLength + 1} is over the limit textLength = ${LIMITS.textLength}`,
    );
    // A step takes at least ~45 characters of JSON, so textLength is hit before commands: the
    // command limit is checked all the same (check.ts), and tested on the text form.
  });

  it('normalizes -0', () => {
    const r = fromJson(
      edited((d) => ((steps(d)[1] as { command: Json }).command.value = { scale: 0, offset: -0 })),
    );
    const c = r.ok ? r.scenario.steps[1]?.command : undefined;
    expect(c?.op === 'cpu-write' && Object.is(c.value.offset, 0)).toBe(true);
  });
});

describe('round trip (property)', () => {
  it('fromJson(toJson(s)) equals s', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(fromJson(toJson(s))).toEqual({ ok: true, scenario: s });
      }),
      { numRuns: 200 },
    );
  });
});
