/**
 * Every declared limit (src/engine/limits.ts), at its value and one over, through every way
 * in: the text parser, the JSON loader and a link. At the value the scenario is accepted; one
 * over, it is refused before anything runs, with an error naming the limit and its value.
 * Then the two limits that protect the tab itself: a link over linkLength is refused before a
 * byte of it is decoded, and a link asking for a huge machine before its commands are parsed.
 */
import { deflateSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS, type LimitName } from '../engine/limits';
import type { Scenario, Step } from '../scenario/ast';
import { fromJson, toJson } from '../scenario/json';
import { parse, parseHeader } from '../scenario/parse';
import { fromBase64url } from '../share/base64url';
import { craftV2, rawRecord } from '../share/fixtures';
import { MAX_LINK_LENGTH, decodeLink, encodeLink } from '../share/link';
import { initialLab } from '../store/startup';

// Spies on the codec's first decoding step and on the full parser, to show what a limit check
// keeps from running (no timing: the proof is that the expensive step is never called).
vi.mock('../share/base64url', async (importOriginal) => {
  const m = await importOriginal<typeof import('../share/base64url')>();
  return { ...m, fromBase64url: vi.fn(m.fromBase64url) };
});
vi.mock('../scenario/parse', async (importOriginal) => {
  const m = await importOriginal<typeof import('../scenario/parse')>();
  return { ...m, parse: vi.fn(m.parse), parseHeader: vi.fn(m.parseHeader) };
});

const lines = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${line(i)}\n`).join('');

/** 8 devices, `procs` processes, and `opens` mirrors opened (process-major). */
function mirrors(procs: number, opens: number): string {
  const head = lines(8, (i) => `device d${i} private 1`) + lines(procs, (i) => `process p${i}`);
  return head + lines(opens, (i) => `p${i >> 3} open d${i & 7} as m${i}`);
}

const lastStep = (s: Scenario, change: (c: Step['command']) => Step['command']): Scenario => {
  const last = s.steps[s.steps.length - 1] as Step;
  return { ...s, steps: [...s.steps, { ...last, command: change(last.command) }] };
};

interface Case {
  limit: LimitName;
  /** A scenario exactly at the limit. */
  at: string;
  /** The same, one over. */
  over: string;
  /** The at-limit scenario made one over, for the JSON loader. */
  jsonOver: (s: Scenario) => Scenario;
  /** The kind a link over this limit fails with. */
  linkKind: string;
}

const N = LIMITS;
const CASES: Case[] = [
  {
    limit: 'ramPages',
    at: `ram ${N.ramPages}\n`,
    over: `ram ${N.ramPages + 1}\n`,
    jsonOver: (s) => ({ ...s, machine: { ...s.machine, ramPages: N.ramPages + 1 } }),
    linkKind: 'absurd-machine',
  },
  {
    limit: 'devicePages',
    at: `device g private ${N.devicePages}\n`,
    over: `device g private ${N.devicePages + 1}\n`,
    jsonOver: (s) => ({
      ...s,
      machine: {
        ...s.machine,
        devices: [{ name: 'g', type: 'private', pages: N.devicePages + 1 }],
      },
    }),
    linkKind: 'absurd-machine',
  },
  {
    limit: 'devices',
    at: lines(N.devices, (i) => `device d${i} private 1`),
    over: lines(N.devices + 1, (i) => `device d${i} private 1`),
    jsonOver: (s) => ({
      ...s,
      machine: {
        ...s.machine,
        devices: [...s.machine.devices, { name: 'dx', type: 'private', pages: 1 }],
      },
    }),
    linkKind: 'absurd-machine',
  },
  {
    limit: 'processes',
    at: lines(N.processes, (i) => `process p${i}`),
    over: lines(N.processes + 1, (i) => `process p${i}`),
    jsonOver: (s) => ({
      ...s,
      machine: { ...s.machine, processes: [...s.machine.processes, 'px'] },
    }),
    linkKind: 'absurd-machine',
  },
  {
    limit: 'mirrors',
    at: mirrors(8, N.mirrors),
    over: mirrors(9, N.mirrors + 1),
    jsonOver: (s) => lastStep(s, (c) => ({ ...c, mirror: 'mx' }) as Step['command']),
    linkKind: 'invalid-scenario',
  },
  {
    limit: 'mmapPages',
    at: `process p\np mmap b ${N.mmapPages}\n`,
    over: `process p\np mmap b ${N.mmapPages + 1}\n`,
    jsonOver: (s) => lastStep(s, (c) => ({ ...c, pages: N.mmapPages + 1 }) as Step['command']),
    linkKind: 'invalid-scenario',
  },
  {
    limit: 'buffers',
    at: `process p\n${lines(N.buffers, (i) => `p mmap b${i} 1`)}`,
    over: `process p\n${lines(N.buffers + 1, (i) => `p mmap b${i} 1`)}`,
    jsonOver: (s) => lastStep(s, (c) => ({ ...c, buf: 'bx' }) as Step['command']),
    linkKind: 'invalid-scenario',
  },
  {
    limit: 'commands',
    at: `process p\n${'p exit\n'.repeat(N.commands)}`,
    over: `process p\n${'p exit\n'.repeat(N.commands + 1)}`,
    jsonOver: (s) => lastStep(s, (c) => c),
    linkKind: 'too-large',
  },
  {
    limit: 'textLength',
    at: '#'.repeat(N.textLength),
    over: '#'.repeat(N.textLength + 1),
    // The JSON text itself is what is measured: pad the at-limit JSON past it.
    jsonOver: (s) => s,
    linkKind: 'too-large',
  },
];

const named = (limit: LimitName): RegExp =>
  new RegExp(`over the limit ${limit} = ${LIMITS[limit]}\\b`);

/** A link holding `text`, checksum and all, whatever its size (encodeLink refuses some). */
function linkOf(text: string): string {
  const r = rawRecord([0], text);
  const deflated = craftV2(1, r.length, deflateSync(r, { level: 9 }));
  return deflated;
}

describe('every limit, at its value and one over', () => {
  for (const c of CASES) {
    it(`${c.limit} = ${LIMITS[c.limit]}`, { timeout: 30_000 }, () => {
      const ok = parse(c.at);
      expect(ok.ok && ok.scenario).toBeTruthy();
      const bad = parse(c.over);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.errors.map((e) => e.message).join('\n')).toMatch(named(c.limit));

      if (!ok.ok) return;
      const json = toJson(ok.scenario);
      // At the command limit the JSON (about 150 bytes a step) is longer than textLength: the
      // loader says so, naming it. Such a scenario is shared as text (7 bytes a step here).
      if (json.length > LIMITS.textLength) {
        expect(c.limit).toBe('commands');
        const r = fromJson(json);
        expect(r.ok ? '' : r.errors[0]?.message).toMatch(named('textLength'));
      } else expect(fromJson(json).ok).toBe(true);
      const overJson =
        c.limit === 'textLength'
          ? json.replace('{', `{${' '.repeat(LIMITS.textLength)}`)
          : toJson(c.jsonOver(ok.scenario));
      const jbad = fromJson(overJson);
      expect(jbad.ok).toBe(false);
      // JSON over the command limit is always over textLength too (a step takes more than 42
      // characters), and that is checked first.
      const jsonLimit = c.limit === 'commands' ? 'textLength' : c.limit;
      if (!jbad.ok) expect(jbad.errors[0]?.message).toMatch(named(jsonLimit));

      const good = decodeLink(linkOf(c.at));
      expect(good.ok).toBe(true);
      const over = decodeLink(linkOf(c.over));
      expect(over.ok ? 'opened' : over.error.kind).toBe(c.linkKind);
      if (!over.ok) expect(over.error.message).toMatch(named(c.limit));
    });
  }

  it('textLength in a link is counted in bytes of the record, and named', () => {
    const over = decodeLink(linkOf('#'.repeat(LIMITS.textLength + 1)));
    expect(over.ok ? '' : over.error.message).toBe(
      `This link holds a scenario too large to open: its size ${LIMITS.textLength + 1} is over the limit textLength = ${LIMITS.textLength} (bytes of text; a scenario is at most that many characters).`,
    );
  });

  it('a scenario text over textLength is refused before it is read (a 100 MB string)', () => {
    const huge = 'process p\n'.repeat(10_000_000);
    const t = parse(huge);
    expect(t.ok ? '' : t.errors).toEqual([
      {
        line: 1,
        column: 1,
        message: `line 1, column 1: scenario text length ${huge.length} is over the limit textLength = ${LIMITS.textLength}`,
      },
    ]);
    const j = fromJson(huge);
    expect(j.ok ? '' : j.errors[0]?.message).toMatch(named('textLength'));
  });
});

describe('limits that keep the tab alive', () => {
  it('linkLength: at the limit the link is read; one over, nothing of it is decoded', () => {
    const decode = vi.mocked(fromBase64url);
    const at = `hmm2.${'A'.repeat(MAX_LINK_LENGTH - 5)}`;
    expect(at.length).toBe(LIMITS.linkLength);
    decode.mockClear();
    const read = decodeLink(at);
    expect(read.ok ? '' : read.error.kind).not.toBe('too-large');
    expect(decode).toHaveBeenCalledTimes(1);

    decode.mockClear();
    for (const over of [`${at}A`, `#${at}A`, 'A'.repeat(100_000_000)]) {
      const r = decodeLink(over);
      expect(r.ok ? '' : r.error.kind).toBe('too-large');
      expect(r.ok ? '' : r.error.message).toMatch(named('linkLength'));
    }
    expect(decode).not.toHaveBeenCalled();
    // The app's startup path says the same, and opens the default scenario untouched.
    const lab = initialLab(`#${at}A`, null, 'ram 8\n', () => {});
    expect(lab.text).toBe('ram 8\n');
    expect(lab.banner?.message).toMatch(named('linkLength'));
    expect(decode).not.toHaveBeenCalled();
  });

  it('encodeLink refuses to make a link over linkLength, naming the limit', () => {
    // Text deflate cannot shrink: every line different, and long.
    let text = 'process p\n';
    for (let i = 0; text.length < 4 * LIMITS.linkLength; i++)
      text += `p mmap b${i * 7919} ${1 + (i % 97)}\n`;
    expect(() => encodeLink({ text, at: null, selection: null, watched: null })).toThrow(
      named('linkLength'),
    );
  });

  it('a link asking for a huge machine is refused by its header, before its commands are parsed', () => {
    const full = vi.mocked(parse);
    const header = vi.mocked(parseHeader);
    const commands = `process p\np mmap b 1\n${'p read b\n'.repeat(LIMITS.commands - 2)}`;
    for (const machine of [
      `ram ${LIMITS.ramPages * 4}\n`,
      `device g private 99999999999\n`,
      lines(LIMITS.devices + 1, (i) => `device d${i} private 1`),
      lines(LIMITS.processes + 1, (i) => `process q${i}`),
    ]) {
      full.mockClear();
      header.mockClear();
      const link = linkOf(machine + commands);
      expect(link.length).toBeLessThan(LIMITS.linkLength);
      const r = decodeLink(link);
      expect(r.ok ? '' : r.error.kind).toBe('absurd-machine');
      expect(r.ok ? '' : r.error.message).toMatch(
        /over the limit (ramPages|devicePages|devices|processes) = \d+/,
      );
      expect(header).toHaveBeenCalledTimes(1);
      expect(full).not.toHaveBeenCalled();
    }
  });

  it('the header check reads only the header', () => {
    expect(parseHeader('ram 9999999999\nprocess p\np mmap b 1\np bogus\n')).toEqual([
      {
        line: 1,
        column: 5,
        message: `line 1, column 5: RAM size 9999999999 is over the limit ramPages = ${LIMITS.ramPages}`,
      },
    ]);
    expect(parseHeader('ram 8\nprocess p\np bogus\nram 999999999\n')).toEqual([]);
    // It stops before tokenizing the first command line, however long.
    expect(parseHeader(`ram 8\nprocess p\np ${'"x" '.repeat(1_000_000)}\nram 0\n`)).toEqual([]);
    expect(parseHeader('  ram\t0 # zero\n')[0]?.message).toMatch(
      /line 1, column 7: expected a RAM size/,
    );
  });
});
