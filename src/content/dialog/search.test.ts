import { describe, expect, it } from 'vitest';
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

const people: RowFacts[] = [
  { name: 'Märta Öberg', email: 'marta.oberg@demo.se', classes: ['8A'], role: 'STUDENT', left: false },
  { name: 'Ella Sjöberg', email: 'ella.sjoberg@demo.se', classes: ['9B'], role: 'STUDENT', left: false },
  { name: 'Natalie Berg', email: 'natalie.berg@demo.se', classes: ['7A'], role: 'STUDENT', left: false },
  { name: 'Ali Hassan', email: 'ali.hassan@demo.se', classes: ['9B'], role: 'STUDENT', left: false },
  { name: 'Kim Karlsson', email: 'alice.k@demo.se', classes: ['8A'], role: 'TEACHER', left: false },
  {
    name: 'Anna-Karin Olsson',
    email: 'ak_olsson@mail.example',
    classes: ['NA21a'],
    role: 'STUDENT',
    left: false,
  },
  {
    name: 'Linnéa Ærenlund',
    email: 'linnea.x-jensen@demo.se',
    classes: ['7C'],
    role: 'STUDENT',
    left: false,
  },
  { name: 'Kasper Sørensen', email: 'kasper@demo.se', classes: ['9C'], role: 'STUDENT', left: false },
];
const peopleIndex = buildIndex(people);
const precise = (f: Partial<typeof NO_FILTERS>) => {
  const { matches, count } = matchRows(peopleIndex, { ...NO_FILTERS, ...f });
  const found = people.filter((_, i) => matches[i] === 1).map((r) => r.name);
  expect(count).toBe(found.length);
  return found;
};

describe('search', () => {
  it('"asa" finds every Åsa, by name or email', () => {
    expect(names({ query: 'asa' })).toEqual(['Åsa Lindqvist', 'Åsa-Maria Nilsson']);
    expect(names({ query: 'ÅSA' })).toEqual(names({ query: 'asa' }));
  });

  it('ANDs terms across name, email and class', () => {
    expect(names({ query: 'asa 9b' })).toEqual(['Åsa-Maria Nilsson']);
    expect(names({ query: 'sorensen' })).toEqual(['Kasper Sørensen']);
    expect(names({ query: 'lindqvist asa.lindqvist' })).toEqual(['Åsa Lindqvist']);
  });

  it('matches "oberg" at the start of Öberg, not inside Sjöberg', () => {
    expect(precise({ query: 'oberg' })).toEqual(['Märta Öberg']);
    expect(precise({ query: 'sjoberg' })).toEqual(['Ella Sjöberg']);
    expect(precise({ query: 'berg' })).toEqual(['Natalie Berg']);
  });

  it('"ali" selects Ali and alice@…, never Natalie', () => {
    expect(precise({ query: 'ali' })).toEqual(['Ali Hassan', 'Kim Karlsson']);
    expect(precise({ query: 'alie' })).toEqual([]);
  });

  it('matches a class from its start', () => {
    expect(precise({ query: '9b' })).toEqual(['Ella Sjöberg', 'Ali Hassan']);
    expect(precise({ query: 'na2' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: '21a' })).toEqual([]);
    expect(precise({ query: 'b' })).toEqual(['Natalie Berg']);
  });

  it('splits names at hyphens and keeps the hyphenated whole', () => {
    expect(precise({ query: 'anna-k' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'karin' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'anna-karin olsson' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'nna' })).toEqual([]);
  });

  it('splits the e-mail at . - _ @, and matches it whole', () => {
    expect(precise({ query: 'olsson@mail' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'example' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'ak_olsson@mail.example' })).toEqual(['Anna-Karin Olsson']);
    expect(precise({ query: 'k@demo' })).toEqual(['Kim Karlsson']);
    expect(precise({ query: 'x-jensen' })).toEqual(['Linnéa Ærenlund']);
    expect(precise({ query: 'jensen' })).toEqual(['Linnéa Ærenlund']);
    expect(precise({ query: 'lsson' })).toEqual([]);
  });

  it('ignores case and accents: å ä ö é ø æ', () => {
    expect(names({ query: 'ASA' })).toEqual(['Åsa Lindqvist', 'Åsa-Maria Nilsson']);
    expect(precise({ query: 'marta' })).toEqual(['Märta Öberg']);
    expect(precise({ query: 'ÖBERG' })).toEqual(['Märta Öberg']);
    expect(precise({ query: 'linnea' })).toEqual(['Linnéa Ærenlund']);
    expect(precise({ query: 'aerenlund' })).toEqual(['Linnéa Ærenlund']);
    expect(precise({ query: 'sorensen' })).toEqual(['Kasper Sørensen']);
    expect(precise({ query: 'sørensen' })).toEqual(['Kasper Sørensen']);
  });

  it('ANDs words, each at a word start', () => {
    expect(precise({ query: 'ali 9b' })).toEqual(['Ali Hassan']);
    expect(precise({ query: 'ali 8a' })).toEqual(['Kim Karlsson']);
    expect(precise({ query: 'ali 7a' })).toEqual([]);
    expect(precise({ query: 'kim alice' })).toEqual(['Kim Karlsson']);
  });

  it('never matches a term across two fields', () => {
    expect(precise({ query: 'hassan9b' })).toEqual([]);
    expect(precise({ query: 'hassanali' })).toEqual([]);
    expect(precise({ query: 'olssonak' })).toEqual([]);
    expect(precise({ query: 'olssonna21a' })).toEqual([]);
    // A pasted control character must not stand in for the mark between two fields.
    expect(precise({ query: 'ssan\u0001ali' })).toEqual([]);
    expect(precise({ query: 'hassan\u0001ali' })).toEqual(['Ali Hassan']);
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

  // How fast is measured by npm run bench (bench/search.ts), never asserted in a test.
  it('filters 10,000 rows: every copy of a matching row matches', () => {
    const big = buildIndex(Array.from({ length: 10_000 }, (_, i) => rows[i % rows.length] as RowFacts));
    const small = matchRows(buildIndex(rows), { ...NO_FILTERS, query: 'asa' }).count;
    const { count } = matchRows(big, { ...NO_FILTERS, query: 'asa' });
    expect(small).toBeGreaterThan(0);
    expect(count).toBe(
      Math.floor(10_000 / rows.length) * small +
        matchRows(buildIndex(rows.slice(0, 10_000 % rows.length)), { ...NO_FILTERS, query: 'asa' }).count,
    );
  });
});
