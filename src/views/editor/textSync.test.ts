import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, EchoFilter, minimalChange, normalizeNewlines } from './textSync';

describe('minimalChange', () => {
  it('is null for equal texts', () => {
    expect(minimalChange('app read buf\n', 'app read buf\n')).toBeNull();
  });

  it('inserts an appended line at the end', () => {
    const a = 'process app\n\napp mmap buf 1\n';
    expect(minimalChange(a, `${a}app read buf\n`)).toEqual({
      from: a.length,
      to: a.length,
      insert: 'app read buf\n',
    });
  });

  it('replaces only the differing middle', () => {
    expect(minimalChange('app write buf 42\n', 'app write buf 43\n')).toEqual({
      from: 15,
      to: 16,
      insert: '3',
    });
    expect(minimalChange('a\nb\nc', 'a\nc')).toEqual({ from: 2, to: 4, insert: '' });
  });

  it('does not let prefix and suffix overlap in repeated text', () => {
    expect(minimalChange('aa', 'aaa')).toEqual({ from: 2, to: 2, insert: 'a' });
    expect(minimalChange('aaa', 'a')).toEqual({ from: 1, to: 3, insert: '' });
    expect(minimalChange('', 'x')).toEqual({ from: 0, to: 0, insert: 'x' });
    expect(minimalChange('x', '')).toEqual({ from: 0, to: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😁 share their high surrogate; the change must take both halves.
    expect(minimalChange('# 😀', '# 😁')).toEqual({ from: 2, to: 4, insert: '😁' });
    // 𝒜 (U+1D49C) and 😜 (U+1F61C) share their low surrogate.
    expect(minimalChange('𝒜 x', '😜 x')).toEqual({ from: 0, to: 2, insert: '😜' });
  });

  it('turns any text into any other', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '😀', ' ') });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const change = minimalChange(a, b);
        expect(applyChange(a, change)).toBe(b);
        if (change === null) return;
        // What it keeps is common to both texts, and it keeps all that is common (less at
        // most one surrogate half at each end).
        const kept = a.length - change.to;
        expect(b.startsWith(a.slice(0, change.from))).toBe(true);
        expect(b.endsWith(a.slice(change.to))).toBe(true);
        let prefix = 0;
        while (prefix < Math.min(a.length, b.length) && a[prefix] === b[prefix]) prefix += 1;
        expect(change.from).toBeGreaterThanOrEqual(prefix - 1);
        let suffix = 0;
        const room = Math.min(a.length, b.length) - prefix;
        while (suffix < room && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
        expect(kept).toBeGreaterThanOrEqual(suffix - 1);
      }),
    );
  });
});

describe('normalizeNewlines', () => {
  it('turns \\r\\n and \\r into \\n', () => {
    expect(normalizeNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

describe('EchoFilter', () => {
  it('recognises late echoes in order, then forgets them', () => {
    const f = new EchoFilter();
    f.sent('a');
    f.sent('ab');
    f.sent('a'); // undo
    expect(f.isEcho('a')).toBe(true);
    expect(f.isEcho('ab')).toBe(true);
    expect(f.isEcho('a')).toBe(true);
    expect(f.isEcho('a')).toBe(false);
  });

  it('treats a text it never sent as external', () => {
    const f = new EchoFilter();
    f.sent('a');
    expect(f.isEcho('a\napp read buf\n')).toBe(false);
    f.clear();
    expect(f.isEcho('a')).toBe(false);
  });

  it('skips echoes the store coalesced', () => {
    const f = new EchoFilter();
    f.sent('a');
    f.sent('ab');
    f.sent('abc');
    expect(f.isEcho('abc')).toBe(true);
    expect(f.isEcho('ab')).toBe(false);
  });

  it('keeps at most its limit', () => {
    const f = new EchoFilter(2);
    f.sent('1');
    f.sent('2');
    f.sent('3');
    expect(f.isEcho('1')).toBe(false);
    expect(f.isEcho('2')).toBe(true);
  });
});
