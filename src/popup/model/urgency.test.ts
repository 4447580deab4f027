import { describe, expect, it } from 'vitest';
import { rankTool, sortByUrgency, toolFilter, totalsOf } from './urgency.ts';

const TODAY = '2025-05-20';
const collator = new Intl.Collator('sv');

describe('urgency', () => {
  it('ranks full, nearly full, expiring and normal tools', () => {
    expect(rankTool({ id: 'a', name: 'A', seats: 5, assigned: 5 }, TODAY).urgency).toBe('full');
    expect(rankTool({ id: 'a', name: 'A', seats: 5, assigned: 7 }, TODAY)).toMatchObject({
      urgency: 'full',
      available: 0,
    });
    expect(rankTool({ id: 'a', name: 'A', seats: 10, assigned: 9 }, TODAY).urgency).toBe('nearlyFull');
    expect(
      rankTool({ id: 'a', name: 'A', seats: 10, assigned: 1, nextExpiry: '2025-06-01' }, TODAY),
    ).toMatchObject({ urgency: 'expiring', expiresInDays: 12 });
    expect(
      rankTool({ id: 'a', name: 'A', seats: 10, assigned: 1, nextExpiry: '2025-07-01' }, TODAY).urgency,
    ).toBe('normal');
    // No seats at all (free tool, school license) is never "full".
    expect(rankTool({ id: 'a', name: 'A', seats: 0, assigned: 0 }, TODAY).urgency).toBe('normal');
  });

  it('sorts the most urgent first, then by name', () => {
    const sorted = sortByUrgency(
      [
        { id: 'n', name: 'Normal', seats: 10, assigned: 1 },
        { id: 'e2', name: 'Later', seats: 10, assigned: 1, nextExpiry: '2025-06-10' },
        { id: 'e1', name: 'Soon', seats: 10, assigned: 1, nextExpiry: '2025-05-25' },
        { id: 'f', name: 'Full', seats: 3, assigned: 3 },
        { id: 'nf', name: 'Nearly', seats: 10, assigned: 9 },
        { id: 'a', name: 'Ämne', seats: 0, assigned: 0 },
      ],
      TODAY,
      collator,
    );
    expect(sorted.map((r) => r.tool.id)).toEqual(['f', 'nf', 'e1', 'e2', 'n', 'a']);
  });

  it('sums totals and filters accent-insensitively', () => {
    expect(
      totalsOf([
        { id: 'a', name: 'A', seats: 10, assigned: 4 },
        { id: 'b', name: 'B', seats: 2, assigned: 3 },
      ]),
    ).toEqual({ assigned: 7, seats: 12, available: 6 });
    const matches = (name: string, filter: string) => toolFilter(filter)?.(name) ?? true;
    expect(matches('Åsa Öberg', 'asa')).toBe(true);
    expect(matches('Psykologi för gymnasiet', '  PSYK ')).toBe(true);
    expect(matches('Kemi', 'bio')).toBe(false);
    expect(matches('Bøker og læring', 'boker og laering')).toBe(true);
    expect(toolFilter('  ')).toBeNull();
  });
});
