import { describe, expect, it } from 'vitest';
import { matchesAtWordStart, type PersonText, searchTerms, WordIndex } from './word-search.ts';

const people: PersonText[] = [
  { name: 'Märta Öberg', email: 'marta.oberg@demo.se', classes: ['8A'] },
  { name: 'Ella Sjöberg', email: 'ella.sjoberg@demo.se', classes: ['9B'] },
  { name: 'Natalie Berg', email: 'natalie.berg@demo.se', classes: ['7A'] },
  { name: 'Ali Hassan', email: 'ali.hassan@demo.se', classes: ['9B'] },
  { name: 'Kim Karlsson', email: 'alice.k@demo.se', classes: ['8A'] },
  { name: 'Anna-Karin Olsson', email: 'ak_olsson@mail.example', classes: ['NA21a'] },
  { name: 'Kasper Sørensen', email: null, classes: [] },
];

/** Who matches, by both paths: the per-person helper and the many-people index. */
function found(query: string): string[] {
  const one = people.filter((p) => matchesAtWordStart(p, query)).map((p) => p.name);
  const terms = searchTerms(query);
  const counts = new WordIndex(people).matchCounts(terms);
  const many =
    terms.length === 0
      ? people.map((p) => p.name)
      : people.filter((_, i) => counts[i] === terms.length).map((p) => p.name);
  expect(many).toEqual(one);
  return one;
}

describe('word-start search', () => {
  it('matches only at the start of a word', () => {
    expect(found('oberg')).toEqual(['Märta Öberg']);
    expect(found('ali')).toEqual(['Ali Hassan', 'Kim Karlsson']);
    expect(found('berg')).toEqual(['Natalie Berg']);
    expect(found('atalie')).toEqual([]);
  });

  it('answers one-letter terms (the first keystroke) by the same rule', () => {
    expect(found('b')).toEqual(['Natalie Berg']);
    expect(found('k')).toEqual(['Kim Karlsson', 'Anna-Karin Olsson', 'Kasper Sørensen']);
    expect(found('e')).toEqual(['Ella Sjöberg', 'Anna-Karin Olsson']);
    // found() also checks the index against the one-person rule for every letter and digit.
    for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') found(c);
  });

  it('lets a term run over a hyphen, and starts words after one', () => {
    expect(found('anna-k')).toEqual(['Anna-Karin Olsson']);
    expect(found('karin')).toEqual(['Anna-Karin Olsson']);
    expect(found('nna-karin')).toEqual([]);
  });

  it('splits the e-mail at . - _ @ but the name only at spaces and hyphens', () => {
    expect(found('olsson@mail')).toEqual(['Anna-Karin Olsson']);
    expect(found('example')).toEqual(['Anna-Karin Olsson']);
    expect(found('ak_olsson@mail.example')).toEqual(['Anna-Karin Olsson']);
    expect(found('k@demo')).toEqual(['Kim Karlsson']);
    expect(found('lsson')).toEqual([]);
  });

  it('matches classes from their start', () => {
    expect(found('9b')).toEqual(['Ella Sjöberg', 'Ali Hassan']);
    expect(found('na2')).toEqual(['Anna-Karin Olsson']);
    expect(found('21a')).toEqual([]);
  });

  it('never matches across two fields', () => {
    expect(found('hassan9b')).toEqual([]);
    expect(found('hassanali')).toEqual([]);
    expect(found('olssonak')).toEqual([]);
  });

  it('ANDs the terms, and an empty query matches everyone', () => {
    expect(found('ali 8a')).toEqual(['Kim Karlsson']);
    expect(found('ali 7a')).toEqual([]);
    expect(found('  ')).toHaveLength(people.length);
  });

  it('is blind to case and accents, ø and æ too', () => {
    expect(found('SORENSEN')).toEqual(['Kasper Sørensen']);
    expect(found('sørensen')).toEqual(['Kasper Sørensen']);
    expect(found('märta')).toEqual(found('marta'));
    expect(matchesAtWordStart({ name: 'Ærenlund', email: 'x@y' }, 'aere')).toBe(true);
  });

  it('cannot be tricked by control characters into a field mark', () => {
    expect(found('hassan\u0001ali')).toEqual(['Ali Hassan']);
    expect(matchesAtWordStart({ name: 'Jo\u0002.x' }, 'x')).toBe(false);
    expect(matchesAtWordStart({ name: 'J.R. Ek' }, 'r')).toBe(false);
  });
});

describe('the word index', () => {
  it('builds its keys on the first search or on prepare(), not when it is made', () => {
    // Who reads the people's names, and when.
    let reads = 0;
    const tracked = people.map((p) => ({
      ...p,
      get name() {
        reads++;
        return p.name;
      },
    }));
    const index = new WordIndex(tracked);
    expect(reads).toBe(0);
    expect(index.size).toBe(people.length);
    const counts = index.matchCounts(searchTerms('berg'));
    expect(reads).toBe(people.length);
    index.matchCounts(searchTerms('ali'));
    expect(reads).toBe(people.length);
    expect(people.filter((_, i) => counts[i] === 1).map((p) => p.name)).toEqual(['Natalie Berg']);
    reads = 0;
    const early = new WordIndex(tracked);
    early.prepare();
    expect(reads).toBe(people.length);
    // Ella (9B) matches the first term only; Ali Hassan (9B) both.
    expect([...early.matchCounts(searchTerms('9b ali'))]).toEqual([0, 1, 0, 2, 0, 0, 0]);
  });
});
