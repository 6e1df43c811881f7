import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Landing } from '../timeline/position';
import {
  MAX_PRESET_LINK_LENGTH,
  formatStep,
  isPresetFragment,
  linkLanding,
  parsePresetLink,
  parseStep,
  presetFragment,
  unknownPreset,
  type PresetLinkErrorKind,
} from './presetLink';

const NAMES = ['storyboard', 'storyboard-seeds', 'pinned-page', 'anon_read.private'];

function kindOf(fragment: string): PresetLinkErrorKind | 'ok' {
  const r = parsePresetLink(fragment);
  return r.ok ? 'ok' : r.error.kind;
}

describe('preset links', () => {
  it('read a name, and a step counted from 1 as the timeline shows it', () => {
    expect(parsePresetLink('preset=storyboard')).toEqual({
      ok: true,
      name: 'storyboard',
      at: null,
      step: null,
    });
    expect(parsePresetLink('preset=storyboard&step=4.2')).toEqual({
      ok: true,
      name: 'storyboard',
      at: { op: 3, step: 1 },
      step: '4.2',
    });
    // The operation alone: its end, where step over lands. 0: the machine as booted.
    expect(parsePresetLink('preset=storyboard&step=4')).toMatchObject({ at: { endOf: 3 } });
    expect(parsePresetLink('preset=storyboard&step=0')).toMatchObject({
      at: { op: -1, step: -1 },
    });
    // The order of the fields does not matter; names with dots and underscores are names.
    expect(parsePresetLink('preset=anon_read.private&step=1.1')).toMatchObject({
      name: 'anon_read.private',
      at: { op: 0, step: 0 },
    });
    expect(isPresetFragment('preset=x')).toBe(true);
    expect(isPresetFragment('hmm2.AY0B')).toBe(false);
  });

  it('refuse a bad step, saying how to write one', () => {
    for (const step of ['', '-1', '4.0', '04', '4.', '.2', '4.2.1', 'four', '0.3', '1e3', ' 4'])
      expect(kindOf(`preset=storyboard&step=${encodeURIComponent(step)}`), step).toBe(
        step === '' ? 'bad-link' : 'bad-step',
      );
    const r = parsePresetLink('preset=storyboard&step=4.0');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('step=4.2');
    expect(kindOf('preset=storyboard&step=99999999')).toBe('bad-step');
    expect(kindOf('preset=storyboard&step=9999999.9999999')).toBe('ok');
  });

  it('refuse bad names, other fields, repeats and broken escapes', () => {
    expect(kindOf('preset=')).toBe('bad-link');
    expect(kindOf('preset=Storyboard')).toBe('bad-name');
    expect(kindOf('preset=../etc/passwd')).toBe('bad-name');
    expect(kindOf('preset=<script>alert(1)</script>')).toBe('bad-name');
    expect(kindOf('preset=story%20board')).toBe('bad-name');
    expect(kindOf('preset=storyboard&stpe=4')).toBe('bad-link');
    expect(kindOf('preset=storyboard&preset=pinned-page')).toBe('bad-link');
    expect(kindOf('preset=storyboard&step=1&step=2')).toBe('bad-link');
    expect(kindOf('preset=%E0%A4%A')).toBe('bad-link');
    expect(kindOf('preset=storyboard&')).toBe('bad-link');
    expect(kindOf(`preset=${'a'.repeat(MAX_PRESET_LINK_LENGTH)}`)).toBe('bad-link');
    expect(kindOf('hmm2.AAAA')).toBe('bad-link');
    // A percent-encoded name is the name.
    expect(kindOf('preset=story%62oard')).toBe('ok');
  });

  it('quote what they refuse, short and without control characters', () => {
    const r = parsePresetLink(`preset=${'x'.repeat(60)}%0A%1B`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/“x{39}…”/);
    expect(r.error.message).not.toContain('\n');
    expect(r.error.message).not.toContain(String.fromCharCode(27));
  });

  it('name the presets closest to an unknown name', () => {
    expect(unknownPreset('storybord', NAMES).message).toBe(
      'There is no preset named “storybord” in this HMM Lab. Did you mean preset=storyboard?',
    );
    expect(unknownPreset('pined-page', NAMES).message).toContain('preset=pinned-page');
    expect(unknownPreset('zzzz', NAMES).message).toContain('The gallery (presets…) lists every');
    expect(unknownPreset('zzzz', NAMES).kind).toBe('unknown-preset');
  });

  it('write the shortest step: the end of an operation as the operation alone', () => {
    expect(presetFragment('storyboard', null)).toBe('preset=storyboard');
    expect(presetFragment('storyboard', { op: -1, step: -1 })).toBe('preset=storyboard');
    expect(presetFragment('storyboard', { op: 3, step: 1 })).toBe('preset=storyboard&step=4.2');
    expect(presetFragment('storyboard', { endOf: 3 })).toBe('preset=storyboard&step=4');
    expect(presetFragment('storyboard', { op: 3, step: -1 })).toBe('preset=storyboard&step=3');
    expect(presetFragment('storyboard', { op: 0, step: -1 })).toBe('preset=storyboard');
    const counts = [3, 9, 0];
    const n = (op: number) => counts[op];
    expect(linkLanding({ op: 1, step: 8 }, n)).toEqual({ endOf: 1 });
    expect(linkLanding({ op: 1, step: 2 }, n)).toEqual({ op: 1, step: 2 });
    expect(linkLanding({ op: 2, step: -1 }, n)).toEqual({ endOf: 2 });
    expect(linkLanding({ op: -1, step: -1 }, n)).toBeNull();
    expect(linkLanding(null, n)).toBeNull();
  });

  it('never throw, whatever the fragment', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => `preset=${s}`),
          fc.string({ maxLength: 80 }).map((s) => `preset=${s}`),
          fc
            .array(fc.tuple(fc.constantFrom('preset', 'step', 'x', ''), fc.string()), {
              maxLength: 4,
            })
            .map((kv) => `preset=storyboard&${kv.map(([k, v]) => `${k}=${v}`).join('&')}`),
        ),
        (fragment) => {
          const r = parsePresetLink(fragment);
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('read back every link they write', () => {
    const nameArb = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
    const landingArb: fc.Arbitrary<Landing | null> = fc.option(
      fc.oneof(
        fc.record({ op: fc.integer({ min: 0, max: 9_999_998 }), step: fc.nat(9_999_998) }),
        fc.record({ endOf: fc.integer({ min: 0, max: 9_999_998 }) }),
      ),
    );
    fc.assert(
      fc.property(nameArb, landingArb, (name, at) => {
        const r = parsePresetLink(presetFragment(name, at));
        expect(r).toEqual({ ok: true, name, at, step: formatStep(at) });
      }),
    );
  });

  it('step: 0 and N and N.M, nothing else', () => {
    expect(parseStep('0')).toEqual({ ok: true, at: { op: -1, step: -1 } });
    expect(parseStep('12')).toEqual({ ok: true, at: { endOf: 11 } });
    expect(parseStep('12.3')).toEqual({ ok: true, at: { op: 11, step: 2 } });
    expect(parseStep('12.03').ok).toBe(false);
  });
});
