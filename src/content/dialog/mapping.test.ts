import { describe, expect, it } from 'vitest';
import type { Assignment, License, Pool } from '../../shared/model.ts';
import type { DialogRow, LicenseRow } from '../page/recognise.ts';
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
