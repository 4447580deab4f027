// Search and filters over the dialog's rows. Each row's search key is folded once (fold.ts), so a
// keystroke is one pass of `includes` over precomputed strings: 10,000 rows in well under 2 ms
// (bench/search.ts). Terms are ANDed ("asa 9b"); within a chip facet values are ORed, facets ANDed.
import { fold } from '../page/fold.ts';

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
  keys: string[];
  classes: (readonly string[])[];
  roles: (Role | null)[];
  left: boolean[];
}

export interface Filters {
  query: string;
  classes: ReadonlySet<string>;
  roles: ReadonlySet<Role>;
  leftOnly: boolean;
}

export const NO_FILTERS: Filters = { query: '', classes: new Set(), roles: new Set(), leftOnly: false };

export function buildIndex(rows: readonly RowFacts[]): SearchIndex {
  return {
    // \u0001 keeps a term from matching across two fields ("berg a" must not join name and email).
    keys: rows.map((r) => fold(`${r.name}\u0001${r.email}\u0001${r.classes.join('\u0001')}`)),
    classes: rows.map((r) => r.classes),
    roles: rows.map((r) => r.role),
    left: rows.map((r) => r.left),
  };
}

export function isFiltering(filters: Filters): boolean {
  return (
    filters.query.trim() !== '' || filters.classes.size > 0 || filters.roles.size > 0 || filters.leftOnly
  );
}

/** 1 for each row that matches every filter, 0 otherwise; and how many matched. */
export function matchRows(index: SearchIndex, filters: Filters): { matches: Uint8Array; count: number } {
  const terms = fold(filters.query).split(' ').filter(Boolean);
  const n = index.keys.length;
  const matches = new Uint8Array(n);
  let count = 0;
  const byClass = filters.classes.size > 0;
  const byRole = filters.roles.size > 0;
  outer: for (let i = 0; i < n; i++) {
    if (filters.leftOnly && !index.left[i]) continue;
    if (byRole) {
      const role = index.roles[i];
      if (!role || !filters.roles.has(role)) continue;
    }
    if (byClass && !(index.classes[i] ?? []).some((c) => filters.classes.has(c))) continue;
    const key = index.keys[i] ?? '';
    for (const term of terms) if (!key.includes(term)) continue outer;
    matches[i] = 1;
    count++;
  }
  return { matches, count };
}

/** The classes present in the rows, sorted as a person reads them (7A, 7B, 8A … NA21a). */
export function classesOf(rows: readonly RowFacts[], collator: Intl.Collator): string[] {
  return [...new Set(rows.flatMap((r) => r.classes))].sort(collator.compare);
}
