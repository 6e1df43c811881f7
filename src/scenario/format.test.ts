import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from './ast';
import { scenarioArb } from './arbitrary';
import { STORYBOARD } from './examples';
import { format, stripLines } from './format';
import { parse } from './parse';

function ok(text: string): Scenario {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

describe('format', () => {
  it('prints the canonical text', () => {
    const text = [
      'process b',
      'device g public 8  # the seeds name',
      'title "say \\"hi\\""',
      'device h private 4',
      'b mmap x 4 rw private anon',
      'b mmap y 4 shared r file:y.dat',
      'b mmap z 1 file',
      'b fork c',
      'c open g',
      'g migrate-to-dev x[0..3]',
      '  expect ret -22',
      '  expect cpages 0',
      '  expect faults 2',
      '  expect mirror g x[1..1] write',
      'c open g as second',
      'c/g read x',
      'second close',
      'b open g',
      'c/g touch 0xABC/2 write',
      'b gup x longterm write',
      'machine hotplug late coherent 2',
      '  expect frame late:1 value 0x10 free',
      '  expect page b x pin 1 ref 2',
      '  expect pte b x[0] present !write dirty',
      '  expect snapshot 0x1 ff',
    ].join('\n');
    expect(format(ok(text))).toBe(
      [
        'title "say \\"hi\\""',
        'kernel modern',
        'platform pcie4',
        'ram 64',
        'device g coherent 8',
        'device h private 4',
        'process b',
        '',
        'b mmap x 4',
        'b mmap y 4 file:y.dat shared r',
        'b mmap z 1 file',
        'b fork c',
        'c open g',
        'g migrate x[0..3]',
        '  expect ret -EINVAL',
        '  expect cpages 0',
        '  expect faults 2',
        '  expect mirror g x[1] write',
        'c open g as second',
        'c/g read x',
        'second close',
        'b open g',
        'c/g touch 0xabc/2 write',
        'b gup x write longterm',
        'machine hotplug late coherent 2',
        '  expect frame late:1 value 16 free',
        '  expect page b x ref 2 pin 1',
        '  expect pte b x[0] present !write dirty',
        '  expect snapshot 01 FF',
        '',
      ].join('\n'),
    );
  });

  it('prints the storyboard as written, less comments and alignment', () => {
    const canonical = STORYBOARD.replace(/ +#.*$/gm, '');
    expect(format(ok(STORYBOARD))).toBe(canonical);
  });

  it('prints a scenario without steps as its header', () => {
    expect(format(ok(''))).toBe('kernel modern\nplatform pcie4\nram 64\n');
  });

  it('keeps line numbers stable through format', () => {
    const s = ok(format(ok(STORYBOARD)));
    expect(ok(format(s))).toEqual(s);
  });
});

describe('round trip (property)', () => {
  it('parse(format(s)) equals s, lines aside', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const text = format(s);
        const r = parse(text);
        if (!r.ok) throw new Error(`${r.errors[0]?.message}\n${text}`);
        expect(stripLines(r.scenario)).toEqual(s);
        expect(format(r.scenario)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
