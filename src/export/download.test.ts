import { describe, expect, it } from 'vitest';
import { exportName, formatBytes } from './download';

describe('export file names', () => {
  it('start with the scenario file name and say what was exported', () => {
    expect(exportName('One page to the GPU and back', 'page-tables', 'svg')).toBe(
      'one-page-to-the-gpu-and-back-page-tables.svg',
    );
    expect(exportName(null, 'lab-4.1-4.11', 'gif')).toBe('scenario-lab-4.1-4.11.gif');
    expect(exportName('Ünïcode!!', 'trace', 'json')).toBe('n-code-trace.json');
    expect(exportName('x', '', 'txt')).toBe('x.txt');
  });

  it('sizes read in B, kB and MB', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(3_730_000)).toBe('3.73 MB');
  });
});
