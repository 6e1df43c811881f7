import { describe, expect, it } from 'vitest';
import { BASE_REM, presenterRem, scaleOf } from './viewScale';

describe('presenterRem', () => {
  it('fills a 1920x1080 projector so the smallest text (0.6875rem) is at least 18 px', () => {
    const rem = presenterRem(1920, 1080, 100);
    expect(rem * 0.6875).toBeGreaterThanOrEqual(18);
    expect(rem).toBeLessThan(30);
  });
  it('follows the smaller side: a 4:3 projector is bounded by its width', () => {
    expect(presenterRem(1024, 768, 100)).toBeLessThan(presenterRem(1920, 1080, 100));
    expect(presenterRem(1024, 768, 100)).toBe(presenterRem(1024, 2000, 100));
  });
  it('grows and shrinks with the text size, never below the lab', () => {
    expect(presenterRem(1920, 1080, 150)).toBeGreaterThan(presenterRem(1920, 1080, 100));
    expect(presenterRem(1920, 1080, 70)).toBeLessThan(presenterRem(1920, 1080, 100));
    expect(presenterRem(640, 360, 70)).toBe(BASE_REM);
  });
  it('scales the lab px by rem / 16', () => {
    expect(scaleOf({ rem: 24, fit: true })).toBe(1.5);
  });
});
