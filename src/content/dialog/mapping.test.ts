import { describe, expect, it } from 'vitest';
import { fold } from '../../shared/fold.ts';
import type { Assignment, License, Pool } from '../../shared/model.ts';
import type { DialogRow } from '../page/dialog.ts';
import type { LicenseRow } from '../page/recognise.ts';
import { mapRows, scopeOf, type ToolData } from './mapping.ts';

const license = (
  id: string,
  kind: License['kind'],
  validUntil: string,
  availableTo: License['availableTo'],
  poolId: string | null = null,
): License => ({
  id,
  kind,
  seats: 10,
  assigned: 1,
  validUntil,
  availableTo,
  poolId,
});
const user = (
  id: string,
  licenseId: string,
  name: string,
  email: string | undefined,
  classes: string[],
): Assignment => ({
  id,
  licenseId,
  assignedAt: '2025-01-01T00:00:00Z',
  assignee: {
    type: 'USER',
    id: `u-${id}`,
    name,
    ...(email ? { email } : {}),
    role: 'STUDENT',
    groups: classes.map((c) => ({ id: `g-${c}`, name: c })),
  },
});
const group = (id: string, licenseId: string, name: string): Assignment => ({
  id,
  licenseId,
  assignedAt: '2025-01-01T00:00:00Z',
  assignee: { type: 'GROUP', id: `g-${name}`, name },
});
const row = (name: string, email = '', classes: string[] = []): DialogRow => ({
  element: {} as HTMLElement,
  checkbox: {} as HTMLElement,
  name,
  email,
  classes,
  role: 'STUDENT',
  inactive: false,
  members: null,
});
const licenseRow = (kindText: string, validUntil: string, roles: LicenseRow['roles']): LicenseRow => ({
  element: {} as HTMLElement,
  kindText,
  assignedText: '',
  validUntil,
  roles,
  gear: null,
});

const pool: Pool = { id: 'pool', name: 'Svenskapoolen', licenseIds: ['lp1', 'lp2'], seats: 20, assigned: 2 };
const tool: ToolData = {
  licenses: [
    license('l-elev', 'SINGLE', '2027-06-16', ['STUDENT', 'TEACHER']),
    license('l-larare', 'SINGLE', '2027-06-16', ['TEACHER']),
    license('l-klass', 'CLASS', '2026-01-01', ['STUDENT']),
    license('lp1', 'SINGLE', '2026-05-01', ['STUDENT'], 'pool'),
    license('lp2', 'SINGLE', '2026-08-01', ['STUDENT'], 'pool'),
  ],
  pools: [pool],
  assignments: [
    user('a1', 'l-elev', 'Åsa Berg', 'asa.berg@demo.se', ['9B']),
    user('a2', 'l-elev', 'Erik Johansson', 'erik.j7a@demo.se', ['7A']),
    user('a3', 'l-elev', 'Erik Johansson', 'erik.j8b@demo.se', ['8B']),
    user('a4', 'l-larare', 'Åsa Berg', 'asa.berg@demo.se', ['9B']),
    group('a5', 'l-klass', '7A'),
    user('a6', 'lp2', 'Pia Pool', 'pia@demo.se', ['9A']),
  ],
};

describe('scopeOf', () => {
  it('finds the gear’s license by kind, date and roles', () => {
    expect(
      scopeOf(
        { row: licenseRow('Singellicenser', '2027-06-16', ['STUDENT', 'TEACHER']), tab: 'ourLicenses' },
        tool,
      ),
    ).toEqual(new Set(['l-elev']));
    expect(
      scopeOf({ row: licenseRow('Enkeltlisenser', '2027-06-16', ['TEACHER']), tab: 'ourLicenses' }, tool),
    ).toEqual(new Set(['l-larare']));
  });
  it('finds a pool by its name on the Licenspooler tab', () => {
    expect(
      scopeOf({ row: licenseRow('Svenskapoolen', '2026-05-01', ['STUDENT']), tab: 'licensePools' }, tool),
    ).toEqual(new Set(['lp1', 'lp2']));
  });
  it('falls back to the whole tool when nothing agrees or no gear was seen', () => {
    expect(
      scopeOf({ row: licenseRow('Singellicenser', '1999-01-01', ['ADMIN']), tab: 'ourLicenses' }, tool),
    ).toBeNull();
    expect(scopeOf(null, tool)).toBeNull();
  });
});

describe('mapRows', () => {
  it('maps by email within the scope: the same person in two licenses is told apart by scope', () => {
    const rows = [row('Åsa Berg', 'asa.berg@demo.se', ['9B'])];
    expect(mapRows(rows, 'users', tool, new Set(['l-elev']))[0]?.id).toBe('a1');
    expect(mapRows(rows, 'users', tool, new Set(['l-larare']))[0]?.id).toBe('a4');
    // Without a scope the person holds two licenses of the tool: not certain, so not mapped.
    expect(mapRows(rows, 'users', tool, null)[0]).toBeNull();
  });

  it('never maps by name alone when two people share it; the class decides', () => {
    const scope = new Set(['l-elev']);
    expect(mapRows([row('Erik Johansson')], 'users', tool, scope)[0]).toBeNull();
    expect(mapRows([row('Erik Johansson', '', ['8B'])], 'users', tool, scope)[0]?.id).toBe('a3');
  });

  it('maps class rows to GROUP assignments by the class name', () => {
    expect(mapRows([row('7A')], 'classes', tool, null)[0]?.id).toBe('a5');
    expect(mapRows([row('7B')], 'classes', tool, null)[0]).toBeNull();
  });

  it('leaves two rows that would map to one assignment both unmapped', () => {
    const twice = [row('Pia Pool', 'pia@demo.se'), row('Pia Pool', 'pia@demo.se')];
    expect(mapRows(twice, 'users', tool, new Set(['lp1', 'lp2']))).toEqual([null, null]);
  });
});

describe('mapRows at scale', () => {
  // The rule as the header states it, one row at a time over the whole pool (the old quadratic
  // form, with the strings folded beforehand): the indexed mapRows must agree with it row for row.
  const reference = (rows: readonly DialogRow[], assignments: readonly Assignment[]) => {
    const pool = assignments
      .filter((a) => a.assignee.type === 'USER')
      .map((a) => ({
        a,
        name: fold(a.assignee.name),
        email: a.assignee.email ? fold(a.assignee.email) : '',
        held: new Set((a.assignee.groups ?? []).map((g) => fold(g.name))),
      }));
    const found = rows.map((r) => {
      const name = fold(r.name);
      const email = fold(r.email);
      const classes = r.classes.map(fold);
      const hits = pool.filter((p) =>
        email !== '' && p.email !== ''
          ? p.email === email
          : p.name === name && classes.every((c) => p.held.has(c)),
      );
      return hits.length === 1 ? (hits[0]?.a ?? null) : null;
    });
    const uses = new Map<string, number>();
    for (const a of found) if (a) uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
    return found.map((a) => (a && uses.get(a.id) === 1 ? a.id : null));
  };

  const FIRST = ['Åsa', 'Erik', 'Sven-Åke', 'Märta', 'Björn', 'Linnéa', 'Olle', 'Sørina', 'Zoë'];
  const LAST = ['Lindqvist', 'Öberg', 'Johansson', 'Åkesson', 'Berg', 'Nilsson', 'Ström'];
  const CLASSES = ['7A', '7B', '8A', '8B', '9A', '9B', 'NA21a'];
  const N = 10_000;
  const BLOCK = 1_000;
  // Names are unique except the twins ("Twin Tvilling", one set per block of 1,000, in several
  // classes), so a row's candidates all lie in its own block: the reference runs block by block.
  const people = Array.from({ length: N }, (_, i) => ({
    id: `a${i}`,
    name:
      i % 97 === 1
        ? `Twin Tvilling ${Math.floor(i / BLOCK)}`
        : `${FIRST[i % 9]} ${LAST[Math.floor(i / 9) % 7]} ${Math.floor(i / 63)}`,
    // Every 10th person has no email in the API's data.
    email: i % 10 === 3 ? undefined : `p${i}@demo.se`,
    klass: CLASSES[i % 3] ?? '7A',
  }));
  const assignments = people.map((p) => user(p.id, 'l-elev', p.name, p.email, [p.klass]));
  const big: ToolData = {
    licenses: [license('l-elev', 'SINGLE', '2027-06-16', ['STUDENT'])],
    pools: [],
    assignments: [...assignments, ...CLASSES.map((c) => group(`g${c}`, 'l-elev', c))],
  };
  // The page shows the email for most rows but not for every 7th; case and accents may differ.
  const rows = people.map((p, i) =>
    row(
      i % 5 === 0 ? p.name.toUpperCase() : p.name,
      i % 7 === 0 ? '' : (p.email?.toUpperCase() ?? ''),
      i % 11 === 0 ? [] : [p.klass.toLowerCase()],
    ),
  );

  // How fast is measured by npm run bench (bench/dialog.ts), never asserted in a test.
  it('maps 10,000 rows exactly as the rule says', () => {
    const mapped = mapRows(rows, 'users', big, null).map((a) => a?.id ?? null);
    const expected: (string | null)[] = [];
    for (let from = 0; from < N; from += BLOCK) {
      expected.push(...reference(rows.slice(from, from + BLOCK), assignments.slice(from, from + BLOCK)));
    }
    expect(mapped).toEqual(expected);
    // Every row with an email maps, and every unique name without one; twins only with an email.
    expect(mapped.filter(Boolean).length).toBeGreaterThan(9_900);
    expect(mapped[0]).toBe('a0');
    expect(mapped[9_999]).toBe('a9999');
  });

  it('still refuses a row whose email or name two assignments share, among 10,000', () => {
    const twice: ToolData = {
      ...big,
      assignments: [...big.assignments, user('dup', 'l-elev', 'X', 'p5@demo.se', [])],
    };
    const mapped = mapRows(rows, 'users', twice, null);
    expect(mapped[5]).toBeNull();
    expect(mapped[6]?.id).toBe('a6');
  });

  it('maps class rows through the index as well', () => {
    const classRows = [...CLASSES.map((c) => row(c.toLowerCase())), row('10Z')];
    expect(mapRows(classRows, 'classes', big, null).map((a) => a?.id ?? null)).toEqual([
      ...CLASSES.map((c) => `g${c}`),
      null,
    ]);
  });
});
