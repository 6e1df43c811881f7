import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../engine/limits';
import { scenarioArb } from '../scenario/arbitrary';
import { STORYBOARD } from '../scenario/examples';
import { format } from '../scenario/format';
import { fromBase64url, toBase64url } from './base64url';
import { crc32, utf8Bytes } from './bytes';
import { craftFuture, craftV2, encodeV1, rawRecord } from './fixtures';
import {
  LINK_VERSION,
  MAX_LINK_LENGTH,
  decodeLink,
  encodeLink,
  encodeLinkForms,
  type LinkErrorKind,
  type LinkState,
} from './link';
import { MAX_INDEX, MAX_PFN, RECORD_CAP } from './record';

const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
const indexArb = fc.oneof(
  fc.integer({ min: -1, max: 40 }),
  fc.integer({ min: -1, max: MAX_INDEX }),
);

const stateArb: fc.Arbitrary<LinkState> = fc.record({
  text: scenarioArb.map(format),
  at: fc.option(fc.record({ op: indexArb, step: indexArb })),
  selection: fc.option(
    fc
      .record({
        proc: nameArb,
        buf: nameArb,
        first: fc.nat(LIMITS.mmapPages - 1),
        count: fc.integer({ min: 1, max: 64 }),
      })
      .map((s) => ({ ...s, count: Math.min(s.count, LIMITS.mmapPages - s.first) })),
  ),
  watched: fc.option(fc.oneof(fc.nat(200), fc.nat(MAX_PFN))),
});

const SMALL: LinkState = {
  text: 'ram 16\ndevice gpu0 private 4\nprocess app\n\napp mmap buf 2\napp write buf 42\n',
  at: { op: 1, step: 3 },
  selection: { proc: 'app', buf: 'buf', first: 0, count: 2 },
  watched: 16,
};
const STORY: LinkState = { text: STORYBOARD, at: { op: 4, step: 2 }, selection: null, watched: 3 };

function kindOf(fragment: string): LinkErrorKind | 'ok' {
  const r = decodeLink(fragment);
  return r.ok ? 'ok' : r.error.kind;
}

function errorOf(fragment: string) {
  const r = decodeLink(fragment);
  if (r.ok) throw new Error(`expected ${fragment.slice(0, 40)}… to be refused`);
  return r.error;
}

describe('links round-trip', () => {
  it('decodes what it encodes, for any scenario, position, selection and watched frame', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const r = decodeLink(encodeLink(s));
        expect(r).toEqual({ ok: true, state: s, upgradedFrom: null });
      }),
      { numRuns: 300 },
    );
  });

  it('deflates only when that makes the link shorter', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const { stored, deflated } = encodeLinkForms(s);
        const link = encodeLink(s);
        expect(link.length).toBe(Math.min(stored.length, deflated.length));
        expect(link).toBe(deflated.length < stored.length ? deflated : stored);
        expect(decodeLink(stored)).toEqual(decodeLink(deflated));
      }),
      { numRuns: 100 },
    );
    // A tiny scenario is shorter as is; the storyboard is shorter deflated.
    const tiny: LinkState = { text: 'process p\n', at: null, selection: null, watched: null };
    expect(encodeLink(tiny)).toBe(encodeLinkForms(tiny).stored);
    expect(encodeLink(STORY)).toBe(encodeLinkForms(STORY).deflated);
    expect(encodeLink(STORY).length).toBeLessThan(encodeLinkForms(STORY).stored.length / 1.5);
  });

  it('starts with the format version and uses only URL-safe characters', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        expect(encodeLink(s)).toMatch(new RegExp(`^hmm${LINK_VERSION}\\.[A-Za-z0-9_-]+$`));
      }),
      { numRuns: 50 },
    );
  });

  it('accepts the fragment with its "#"', () => {
    expect(decodeLink(`#${encodeLink(SMALL)}`)).toEqual(decodeLink(encodeLink(SMALL)));
  });

  it('keeps a position past the end of the scenario (the lab lands at the end)', () => {
    const s = { ...SMALL, at: { op: 999, step: 999 } };
    expect(decodeLink(encodeLink(s))).toEqual({ ok: true, state: s, upgradedFrom: null });
  });

  it('refuses to encode a malformed state', () => {
    const bad: Partial<LinkState>[] = [
      { at: { op: -2, step: 0 } },
      { at: { op: 0, step: -2 } },
      { at: { op: 1.5, step: 0 } },
      { at: { op: NaN, step: 0 } },
      { selection: { proc: 'app', buf: 'buf', first: 0, count: 0 } },
      { selection: { proc: 'app', buf: 'buf', first: -1, count: 1 } },
      { selection: { proc: 'app', buf: 'buf', first: LIMITS.mmapPages - 1, count: 2 } },
      { selection: { proc: '', buf: 'buf', first: 0, count: 1 } },
      { selection: { proc: 'app', buf: 'a b', first: 0, count: 1 } },
      { watched: -1 },
      { watched: MAX_PFN + 1 },
      { watched: 0.5 },
    ];
    for (const b of bad) expect(() => encodeLink({ ...SMALL, ...b })).toThrow(RangeError);
  });
});

describe('cut and damaged links', () => {
  const linkArb = stateArb.map(encodeLink);

  it('calls every proper prefix of a link truncated', () => {
    for (const link of [
      encodeLink(SMALL),
      encodeLink(STORY),
      encodeLinkForms(STORY).stored,
      encodeV1({ text: STORYBOARD, opsDone: 2 }),
    ])
      for (let n = 0; n < link.length; n++)
        expect([n, kindOf(link.slice(0, n))]).toEqual([n, 'truncated']);
    fc.assert(
      fc.property(linkArb, fc.nat(), (link, n) => {
        expect(kindOf(link.slice(0, n % link.length))).toBe('truncated');
      }),
      { numRuns: 300 },
    );
  });

  it('calls a link with any one character changed damaged (or cut), never a different scenario', () => {
    const replacement = fc.oneof(
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      fc.constantFrom('.', '#', '%', ' ', '+', '/', '=', 'é', '\n', '\u0000'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(linkArb, fc.nat(), replacement, (link, at, ch) => {
        const i = at % link.length;
        fc.pre(link[i] !== ch);
        const damaged = link.slice(0, i) + ch + link.slice(i + 1);
        expect(['truncated', 'corrupt']).toContain(kindOf(damaged));
      }),
      { numRuns: 2000 },
    );
  });

  it('checks every character of a short link, in every position, against every other letter', () => {
    const link = encodeLink(SMALL);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#';
    for (let i = 0; i < link.length; i++)
      for (const ch of alphabet) {
        if (link[i] === ch) continue;
        const kind = kindOf(link.slice(0, i) + ch + link.slice(i + 1));
        if (kind !== 'corrupt' && kind !== 'truncated') throw new Error(`${i} ${ch}: ${kind}`);
      }
  });

  it('calls extra characters at the end damaged', () => {
    expect(kindOf(`${encodeLink(SMALL)}A`)).toBe('corrupt');
    expect(kindOf(`${encodeLink(SMALL)}AAAA`)).toBe('corrupt');
  });

  it('says what happened in words a student understands', () => {
    const link = encodeLink(STORY);
    expect(errorOf(link.slice(0, 40)).message).toMatch(
      /^This link is incomplete: .*Copy the whole link again/,
    );
    const damaged = link.slice(0, 30) + (link[30] === 'A' ? 'B' : 'A') + link.slice(31);
    expect(errorOf(damaged).message).toMatch(/^This link is damaged: .*cannot be trusted/);
  });
});

describe('versions', () => {
  // Made by the version-1 encoder and frozen here: links like it are out in the world.
  const V1_TEXT =
    'title "v1 link"\nram 16\ndevice gpu0 private 4\nprocess app\n\napp mmap buf 2\napp write buf 42\napp open gpu0\ngpu0 migrate buf\n';
  const V1_AFTER_3 =
    'hmm1.eQN0aXRsZSAidjEgbGluayIKcmFtIDE2CmRldmljZSBncHUwIHByaXZhdGUgNApwcm9jZXNzIGFwcAoKYXBwIG1tYXAgYnVmIDIKYXBwIHdyaXRlIGJ1ZiA0MgphcHAgb3BlbiBncHUwCmdwdTAgbWlncmF0ZSBidWYK0g3WIg';
  const V1_BOOT =
    'hmm1.eQB0aXRsZSAidjEgbGluayIKcmFtIDE2CmRldmljZSBncHUwIHByaXZhdGUgNApwcm9jZXNzIGFwcAoKYXBwIG1tYXAgYnVmIDIKYXBwIHdyaXRlIGJ1ZiA0MgphcHAgb3BlbiBncHUwCmdwdTAgbWlncmF0ZSBidWYKtogY4Q';

  it('still opens version-1 links, upgraded: n operations done is "before operation n"', () => {
    expect(encodeV1({ text: V1_TEXT, opsDone: 3 })).toBe(V1_AFTER_3);
    expect(decodeLink(V1_AFTER_3)).toEqual({
      ok: true,
      state: { text: V1_TEXT, at: { op: 3, step: -1 }, selection: null, watched: null },
      upgradedFrom: 1,
    });
    expect(decodeLink(V1_BOOT)).toEqual({
      ok: true,
      state: { text: V1_TEXT, at: { op: -1, step: -1 }, selection: null, watched: null },
      upgradedFrom: 1,
    });
  });

  it('upgrades any version-1 link', () => {
    fc.assert(
      fc.property(scenarioArb.map(format), fc.nat(LIMITS.commands), (text, opsDone) => {
        const r = decodeLink(encodeV1({ text, opsDone }));
        expect(r).toEqual({
          ok: true,
          state: {
            text,
            at: opsDone === 0 ? { op: -1, step: -1 } : { op: opsDone, step: -1 },
            selection: null,
            watched: null,
          },
          upgradedFrom: 1,
        });
      }),
      { numRuns: 100 },
    );
  });

  it('calls a damaged version-1 link damaged', () => {
    for (let i = 5; i < V1_AFTER_3.length; i++) {
      const ch = V1_AFTER_3[i] === 'Q' ? 'R' : 'Q';
      const kind = kindOf(V1_AFTER_3.slice(0, i) + ch + V1_AFTER_3.slice(i + 1));
      expect(['truncated', 'corrupt']).toContain(kind);
    }
  });

  it('recognises a link from a newer lab by its checksum', () => {
    const future = craftFuture(3, utf8Bytes('whatever version 3 holds'));
    expect(errorOf(future)).toEqual({
      kind: 'future-version',
      message:
        'This link was made by a newer HMM Lab (format v3); this version reads up to v2. Open it with the HMM Lab it came from.',
    });
    expect(kindOf(craftFuture(12345, new Uint8Array([1, 2, 3])))).toBe('future-version');
    // A version-2 link whose "2" became a "3" is damaged, not from the future.
    expect(kindOf(encodeLink(SMALL).replace(/^hmm2/, 'hmm3'))).toBe('corrupt');
    expect(kindOf('hmm3.AAAA')).toBe('corrupt');
    expect(kindOf('hmm3.')).toBe('corrupt');
  });

  it('has no version 0', () => {
    expect(kindOf(encodeLink(SMALL).replace(/^hmm2/, 'hmm0'))).toBe('corrupt');
    expect(kindOf(encodeLink(SMALL).replace(/^hmm2/, 'hmm02'))).toBe('corrupt');
  });
});

describe('scenarios in links', () => {
  const link = (text: string) => encodeLink({ text, at: null, selection: null, watched: null });

  it('refuses a machine over the engine limits, with the parser message', () => {
    const cases: [string, RegExp][] = [
      ['ram 999999999\nprocess p\n', /RAM size 999999999 is over the limit ramPages = 4194304/],
      ['device gpu0 private 99999999\nprocess p\n', /over the limit devicePages/],
      [
        Array.from({ length: 9 }, (_, i) => `device d${i} private 4\n`).join('') + 'process p\n',
        /device count 9 is over the limit devices = 8/,
      ],
      [
        Array.from({ length: 65 }, (_, i) => `process p${i}\n`).join(''),
        /over the limit processes/,
      ],
      ['process p\n\nmachine hotplug g private 99999999\n', /over the limit devicePages/],
    ];
    for (const [text, why] of cases) {
      const e = errorOf(link(text));
      expect(e.kind).toBe('absurd-machine');
      expect(e.message).toMatch(
        /^The machine in this link is larger than HMM Lab can simulate \(line \d+, column \d+: /,
      );
      expect(e.message).toMatch(why);
    }
  });

  it('refuses a scenario with an error, naming its line and column', () => {
    const e = errorOf(link('ram 64\nprocess p\n\np mmap buf abc\n'));
    expect(e.kind).toBe('invalid-scenario');
    expect(e.message).toBe(
      'The scenario in this link has an error (line 4, column 12: expected a page count (a whole number from 1 to 4194304), found "abc").',
    );
    expect(errorOf(link('process p\np frobnicate buf\n')).kind).toBe('invalid-scenario');
    // A mapping over the limit is a command's error, not the machine's.
    expect(errorOf(link('process p\np mmap b 99999999\n')).kind).toBe('invalid-scenario');
  });

  it('opens an empty scenario (the default machine)', () => {
    expect(decodeLink(link('')).ok).toBe(true);
  });
});

describe('malformed records with a valid checksum', () => {
  const stored = (fields: number[], text = 'process p\n') => {
    const r = rawRecord(fields, text);
    return craftV2(0, r.length, r);
  };

  it('calls malformed fields damaged', () => {
    expect(kindOf(stored([0]))).toBe('ok');
    expect(kindOf(stored([8]))).toBe('corrupt'); // a field no version writes
    expect(kindOf(stored([1, 5], ''))).toBe('corrupt'); // the position ends inside
    expect(kindOf(stored([2, 1, 0x41, 1, 0x62, 0, 0]))).toBe('corrupt'); // count 0
    expect(kindOf(stored([2, 1, 0x31, 1, 0x62, 0, 1]))).toBe('corrupt'); // process "1"
    expect(kindOf(stored([2, 1, 0x41, 1, 0x62, 0, 1]))).toBe('ok');
    expect(kindOf(stored([4, 0x80, 0x00]))).toBe('corrupt'); // not a minimal varint
    expect(kindOf(stored([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0]))).toBe('corrupt'); // op too large
    const badUtf8 = rawRecord([0, 0xc3, 0x28], '');
    expect(kindOf(craftV2(0, badUtf8.length, badUtf8))).toBe('corrupt');
  });

  it('calls unknown storage modes and disagreeing sizes damaged', () => {
    const r = rawRecord([0], 'process p\n');
    expect(kindOf(craftV2(2, r.length, r))).toBe('corrupt');
    expect(kindOf(craftV2(0, r.length + 1, r))).toBe('corrupt');
    expect(kindOf(craftV2(1, r.length, r))).toBe('corrupt'); // not deflate data
    const d = deflateSync(r);
    expect(kindOf(craftV2(1, r.length, d))).toBe('ok');
    expect(kindOf(craftV2(1, r.length - 1, d))).toBe('corrupt');
    expect(kindOf(craftV2(1, r.length + 1, d))).toBe('corrupt');
    expect(kindOf(craftV2(1, r.length, d.subarray(0, d.length - 1)))).toBe('corrupt');
  });
});

describe('hostile input', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `hmm2.${s}`),
        ),
        (s) => {
          const r = decodeLink(s);
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
    const notStrings: unknown[] = [null, undefined, 42, {}, []];
    for (const v of notStrings) {
      const r = decodeLink(v as string);
      expect(r.ok).toBe(false);
    }
  });

  it('tells other fragments from its own', () => {
    for (const f of [
      'section-2',
      '/lab/step/3',
      'access_token=abc',
      'hello world',
      'HMM2.abc',
      'xyz1.abc',
    ])
      expect([f, kindOf(f)]).toEqual([f, 'unknown-format']);
    expect(errorOf('section-2').message).toBe(
      'This is not an HMM Lab link: the part after "#" should start with "hmm", a format number and a dot.',
    );
    expect(kindOf('')).toBe('truncated');
    expect(kindOf('hmm')).toBe('truncated');
    expect(kindOf('hmm2')).toBe('truncated');
    expect(kindOf('hmm2.')).toBe('truncated');
    expect(kindOf('hmmm2.')).toBe('corrupt');
  });

  it('refuses a huge fragment before decoding it', () => {
    const t0 = performance.now();
    const e = errorOf(`hmm2.${'A'.repeat(MAX_LINK_LENGTH)}`);
    expect(e.kind).toBe('too-large');
    expect(e.message).toBe(
      `This link is too long to open: its length ${MAX_LINK_LENGTH + 5} is over the limit linkLength = ${LIMITS.linkLength} characters.`,
    );
    expect(kindOf('x'.repeat(10_000_000))).toBe('too-large');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses a declared size over the cap before inflating', () => {
    const r = rawRecord([0], 'process p\n');
    expect(kindOf(craftV2(1, RECORD_CAP + 1, deflateSync(r)))).toBe('too-large');
    expect(kindOf(craftV2(0, RECORD_CAP + 1, r))).toBe('too-large');
    const v1 = encodeV1({ text: 'x'.repeat(LIMITS.textLength + 1), opsDone: 0 });
    expect(kindOf(v1)).toBe('too-large');
  });

  it('stops inflating a zip bomb at the size it declares', () => {
    // 16 MiB of zeros deflates to about 16 KiB (a link under linkLength); it declares far less.
    const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024), { level: 9 });
    const t0 = performance.now();
    expect(kindOf(craftV2(1, 100, bomb))).toBe('corrupt');
    expect(kindOf(craftV2(1, RECORD_CAP, bomb))).toBe('corrupt');
    expect(errorOf(craftV2(1, RECORD_CAP, bomb)).message).toMatch(/unpacks to more than/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses to encode a text over the size limit', () => {
    expect(() =>
      encodeLink({
        text: 'x'.repeat(LIMITS.textLength + 1),
        at: null,
        selection: null,
        watched: null,
      }),
    ).toThrow(RangeError);
  });
});

describe('building blocks', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(utf8Bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32(utf8Bytes('6789'), crc32(utf8Bytes('12345')))).toBe(0xcbf43926);
  });

  it('base64url round-trips bytes and rejects inexact text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const s = toBase64url(b);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64url(s)).toEqual({ bytes: b, exact: true });
      }),
    );
    expect(fromBase64url('QQ')).toEqual({ bytes: Uint8Array.from([0x41]), exact: true });
    expect(fromBase64url('QR')?.exact).toBe(false);
    expect(fromBase64url('QUJ')?.exact).toBe(false);
    expect(fromBase64url('QUJDR')?.exact).toBe(false);
    expect(fromBase64url('QU=')).toBeNull();
  });
});
