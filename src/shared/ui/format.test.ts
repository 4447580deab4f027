import { describe, expect, it } from 'vitest';
import { daysUntil, formatAgo, formatCount, formatDay } from './format.ts';

const NOW = Date.UTC(2025, 4, 20, 12, 0, 0);

describe('format', () => {
  it('says how long ago in each language', () => {
    expect(formatAgo(NOW - 3 * 60_000, NOW, 'sv')).toBe('för 3 minuter sedan');
    expect(formatAgo(NOW - 3 * 60_000, NOW, 'en')).toBe('3 minutes ago');
    expect(formatAgo(NOW - 3 * 60_000, NOW, 'nb')).toBe('for 3 minutter siden');
    expect(formatAgo(NOW - 2_000, NOW, 'sv')).toBe('nu');
    expect(formatAgo(NOW - 2 * 3_600_000, NOW, 'sv')).toBe('för 2 timmar sedan');
  });

  it('formats counts and calendar days for the locale', () => {
    expect(formatCount(12345, 'sv').replace(/\s/g, ' ')).toBe('12 345');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(formatDay('2021-12-30', 'sv')).toBe('30 dec. 2021');
    expect(formatDay('2021-12-30', 'en')).toBe('30 Dec 2021');
  });

  it('counts days between calendar days', () => {
    expect(daysUntil('2025-05-30', '2025-05-20')).toBe(10);
    expect(daysUntil('2025-05-10', '2025-05-20')).toBe(-10);
  });
});
