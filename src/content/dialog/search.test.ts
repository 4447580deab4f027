import { describe, expect, it } from 'vitest';
import { fold } from '../page/fold.ts';
import { buildIndex, classesOf, isFiltering, matchRows, NO_FILTERS, type RowFacts } from './search.ts';

const rows: RowFacts[] = [
  { name: 'Åsa Lindqvist', email: 'asa.lindqvist@demo.se', classes: ['7A'], role: 'STUDENT', left: false },
  { name: 'Åsa-Maria Nilsson', email: 'am.nilsson@demo.se', classes: ['9B'], role: 'STUDENT', left: true },
  { name: 'Kasper Sørensen', email: 'kasper@demo.se', classes: ['9B'], role: 'STUDENT', left: false },
  { name: 'Karin Lindén', email: 'karin@demo.se', classes: ['9B', '9C'], role: 'TEACHER', left: false },
  {
    name: '<img src=x onerror=alert(1)> Test',
    email: 'x@demo.se',
    classes: ['EK23a'],
    role: 'STUDENT',
    left: false,
  },
];
const index = buildIndex(rows);
const names = (f: Partial<typeof NO_FILTERS>) => {
  const { matches } = matchRows(index, { ...NO_FILTERS, ...f });
  return rows.filter((_, i) => matches[i] === 1).map((r) => r.name);
};

describe('search', () => {
  it('folds case and diacritics, ø and æ too', () => {
    expect(fold('  ÅSA  Öberg ')).toBe('asa oberg');
    expect(fold('Sørensen Ærø')).toBe('sorensen aero');
  });

  it('"asa" finds every Åsa, by name or email', () => {
    expect(names({ query: 'asa' })).toEqual(['Åsa Lindqvist', 'Åsa-Maria Nilsson']);
    expect(names({ query: 'ÅSA' })).toEqual(names({ query: 'asa' }));
  });

  it('ANDs terms across name, email and class', () => {
    expect(names({ query: 'asa 9b' })).toEqual(['Åsa-Maria Nilsson']);
    expect(names({ query: 'sorensen' })).toEqual(['Kasper Sørensen']);
    expect(names({ query: 'lindqvist asa.lindqvist' })).toEqual(['Åsa Lindqvist']);
  });

  it('combines chips: classes ORed, facets ANDed, "Har slutat"', () => {
    expect(names({ classes: new Set(['9B']), roles: new Set(['STUDENT']) })).toEqual([
      'Åsa-Maria Nilsson',
      'Kasper Sørensen',
    ]);
    expect(names({ classes: new Set(['7A', '9C']) })).toEqual(['Åsa Lindqvist', 'Karin Lindén']);
    expect(names({ leftOnly: true })).toEqual(['Åsa-Maria Nilsson']);
    expect(names({ query: '<img' })).toEqual(['<img src=x onerror=alert(1)> Test']);
  });

  it('says when it filters and lists classes in reading order', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(isFiltering({ ...NO_FILTERS, query: ' ' })).toBe(false);
    expect(isFiltering({ ...NO_FILTERS, leftOnly: true })).toBe(true);
    expect(classesOf(rows, new Intl.Collator('sv', { numeric: true }))).toEqual(['7A', '9B', '9C', 'EK23a']);
  });

  it('filters 10,000 rows quickly (bench/search.ts prints the real figure)', () => {
    const big = buildIndex(Array.from({ length: 10_000 }, (_, i) => rows[i % rows.length] as RowFacts));
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      matchRows(big, { ...NO_FILTERS, query: 'asa' });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // Generous for a loaded CI machine; measured ≈ 0.4 ms.
    expect(times[15]).toBeLessThan(20);
  });
});
