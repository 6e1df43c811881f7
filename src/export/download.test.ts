import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportName, formatBytes, pictureParts, rangeParts, stepTag } from './download';

const TITLE = 'One page to the GPU and back';

describe('export file names', () => {
  it('are the scenario title, then the step, then the view unless it is the whole lab', () => {
    expect(exportName(TITLE, pictureParts({ op: 3, step: 1 }, 'lab'), 'png')).toBe(
      'one-page-to-the-gpu-and-back-op4-step2.png',
    );
    expect(exportName(TITLE, pictureParts({ op: 3, step: 1 }, 'page-tables'), 'svg')).toBe(
      'one-page-to-the-gpu-and-back-op4-step2-page-tables.svg',
    );
    expect(exportName('storyboard', pictureParts(null, 'lab'), 'png')).toBe('storyboard-boot.png');
    expect(
      exportName(null, rangeParts({ op: 3, step: 0 }, { op: 3, step: 10 }, 'lab'), 'gif'),
    ).toBe('scenario-op4-step1-to-op4-step11.gif');
    expect(
      exportName('x', rangeParts({ op: -1, step: -1 }, { op: 1, step: -1 }, 'memory'), 'webm'),
    ).toBe('x-boot-to-op2-start-memory.webm');
    expect(exportName(TITLE, ['trace'], 'json')).toBe('one-page-to-the-gpu-and-back-trace.json');
    expect(exportName('x', [], 'txt')).toBe('x.txt');
  });

  it('count steps as the timeline does', () => {
    expect(stepTag(null)).toBe('boot');
    expect(stepTag({ op: -1, step: -1 })).toBe('boot');
    expect(stepTag({ op: 0, step: 0 })).toBe('op1-step1');
    expect(stepTag({ op: 6, step: -1 })).toBe('op7-start');
  });

  it('are safe whatever the title: accents dropped, no path, no reserved name, never empty', () => {
    expect(exportName('Ünïcode!!', ['trace'], 'json')).toBe('unicode-trace.json');
    expect(exportName('../../etc/passwd', [], 'png')).toBe('etc-passwd.png');
    expect(exportName('CON', [], 'png')).toBe('con-scenario.png');
    expect(exportName('日本語', ['boot'], 'png')).toBe('scenario-boot.png');
    expect(exportName('a'.repeat(100), [], 'svg')).toBe(`${'a'.repeat(60)}.svg`);
    expect(exportName(`${'a'.repeat(59)} b`, [], 'svg')).toBe(`${'a'.repeat(59)}.svg`);
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 200 })),
        fc.array(fc.string(), { maxLength: 3 }),
        (title, parts) => {
          const name = exportName(title, parts, 'png');
          expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.png$/);
          expect(name.length).toBeLessThanOrEqual(60 + 3 * 61 + 4);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sizes read in B, kB and MB', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(3_730_000)).toBe('3.73 MB');
  });
});
