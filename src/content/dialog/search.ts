// Search and filters over the dialog's rows, which select people for withdrawal, so the search is
// precise: every term of the query must match at the START of a word of the name (split at spaces
// and hyphens; "anna-k" finds "Anna-Karin"), of the e-mail (split at . - _ @, or the whole
// address) or of a class name: "oberg" finds "Öberg" but not "Sjöberg", "ali" does not find
// "Natalie", "9b" finds 9B. Case and accents are ignored (src/shared/fold.ts); a term never matches
// across two fields. The rule lives in src/shared/word-search.ts, shared with the popup's people
// search. The rows are folded once into a WordIndex (buildIndex); a keystroke tests each row's
// word-start fingerprints and runs indexOf only on likely matches: 10,000 rows within 1 ms at p95
// (bench/search.ts). Terms are ANDed ("asa 9b"); within a chip facet values are ORed, facets ANDed.
import { searchTerms, WordIndex } from '../../shared/word-search.ts';

export type Role = 'STUDENT' | 'TEACHER' | 'ADMIN';

export interface RowFacts {
  name: string;
  email: string;
  classes: readonly string[];
  role: Role | null;
  /** Left the school: the background's `active: false`, or the page's own badge. */
  left: boolean;
}

export interface SearchIndex {
  words: WordIndex;
  /** Each row's role as a bit of ROLE_BITS (0 when unknown). */
  roles: Uint8Array;
  /** 1 for a row of someone who left the school. */
  left: Uint8Array;
  /** The rows in each class. */
  rowsByClass: ReadonlyMap<string, readonly number[]>;
}

const ROLE_BITS: Record<Role, number> = { STUDENT: 1, TEACHER: 2, ADMIN: 4 };

export interface Filters {
  query: string;
  classes: ReadonlySet<string>;
  roles: ReadonlySet<Role>;
  leftOnly: boolean;
}

export const NO_FILTERS: Filters = { query: '', classes: new Set(), roles: new Set(), leftOnly: false };

export function buildIndex(rows: readonly RowFacts[]): SearchIndex {
  const rowsByClass = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    for (const name of (rows[i] as RowFacts).classes) {
      const list = rowsByClass.get(name);
      if (list) list.push(i);
      else rowsByClass.set(name, [i]);
    }
  }
  return withFacts(
    { words: new WordIndex(rows), roles: new Uint8Array(), left: new Uint8Array(), rowsByClass },
    rows,
  );
}

/**
 * The same rows with new roles and "left" marks (the assignments they map to arrived): the word
 * index and the classes are kept, since name, email and classes did not change.
 */
export function withFacts(index: SearchIndex, rows: readonly RowFacts[]): SearchIndex {
  const roles = new Uint8Array(rows.length);
  const left = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RowFacts;
    roles[i] = row.role ? ROLE_BITS[row.role] : 0;
    left[i] = row.left ? 1 : 0;
  }
  return { words: index.words, roles, left, rowsByClass: index.rowsByClass };
}

export function isFiltering(filters: Filters): boolean {
  return (
    filters.query.trim() !== '' || filters.classes.size > 0 || filters.roles.size > 0 || filters.leftOnly
  );
}

/** 1 for each row that matches every filter, 0 otherwise; and how many matched. */
export function matchRows(index: SearchIndex, filters: Filters): { matches: Uint8Array; count: number } {
  const terms = searchTerms(filters.query);
  const n = index.words.size;
  const counts = terms.length > 0 ? index.words.matchCounts(terms) : null;
  const wanted = terms.length;
  let inClass: Uint8Array | null = null;
  if (filters.classes.size > 0) {
    inClass = new Uint8Array(n);
    for (const name of filters.classes) for (const i of index.rowsByClass.get(name) ?? []) inClass[i] = 1;
  }
  let roleBits = 0;
  for (const role of filters.roles) roleBits |= ROLE_BITS[role];
  const { roles, left } = index;
  const leftOnly = filters.leftOnly;
  const matches = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (leftOnly && left[i] === 0) continue;
    if (roleBits !== 0 && ((roles[i] ?? 0) & roleBits) === 0) continue;
    if (inClass && inClass[i] === 0) continue;
    if (counts && counts[i] !== wanted) continue;
    matches[i] = 1;
    count++;
  }
  return { matches, count };
}

/** The classes present in the rows, sorted as a person reads them (7A, 7B, 8A … NA21a). */
export function classesOf(rows: readonly RowFacts[], collator: Intl.Collator): string[] {
  return [...new Set(rows.flatMap((r) => r.classes))].sort(collator.compare);
}
