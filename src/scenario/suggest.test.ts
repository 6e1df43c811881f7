import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { didYouMean, withSuggestions } from './suggest';

const HEADER = 'ram 8\ndevice gpu0 private 4\nprocess app\napp mmap buf 2\napp open gpu0\n';

describe('did you mean', () => {
  it('names the one accepted word within a typo of the found one', () => {
    expect(didYouMean('migrat', ['migrate', 'read', 'write'])).toBe('migrate');
    expect(didYouMean('wrte', ['read', 'write'])).toBe('write');
    expect(didYouMean('gpu9', ['app', 'gpu0'])).toBe('gpu0');
  });

  it('offers nothing for a word far from every one, an accepted word, or a tie', () => {
    expect(didYouMean('frobnicate', ['migrate', 'read', 'write'])).toBeNull();
    expect(didYouMean('read', ['read', 'write'])).toBeNull();
    expect(didYouMean('gpu', ['gpu0', 'gpu1'])).toBeNull();
    expect(didYouMean('', ['a'])).toBeNull();
  });

  it('the parser says it for unknown commands and names, at the word the error points at', () => {
    const cases: [string, string][] = [
      ['gpu0 migrat buf', 'migrate'],
      ['app mmapp other 4', 'mmap'],
      ['ap write buf 1', 'app'],
      ['app\twrte buf 1', 'write'],
    ];
    for (const [line, word] of cases) {
      const r = parse(`${HEADER}${line}\n`);
      expect(r.ok, line).toBe(false);
      if (r.ok) continue;
      expect(r.errors[0]?.suggestion, line).toBe(word);
      expect(r.errors[0]?.message, line).toMatch(new RegExp(`; did you mean "${word}"\\?$`));
    }
    const far = parse(`${HEADER}app frobnicate buf\n`);
    expect(far.ok || far.errors[0]?.suggestion).toBeUndefined();
  });

  it('leaves errors without a word list alone', () => {
    const errors = [{ line: 1, column: 1, message: 'line 1: no' }];
    expect(withSuggestions('x', errors)).toBe(errors);
  });
});
