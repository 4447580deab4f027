// The sandbox's seeded data has what the tests need, checked on the generator and through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignee, AssignmentPage, ToolDetail, ToolPage } from '../../../src/shared/model.ts';
import * as F from '../data/fixtures.ts';
import { addDays, type Dataset, generateDataset } from '../data/generate.ts';
import { type ApiClient, type Harness, startHarness } from './helpers.ts';

const TODAY = '2025-03-10';
let ds: Dataset;

beforeAll(() => {
  ds = generateDataset({ seed: 1, students: 2000, today: TODAY });
});

const demoUsers = () => ds.users.filter((u) => u.schoolId === F.DEMO_SCHOOL_ID);
const active = () => ds.assignments.filter((a) => a.revokedAt === null);
const groupName = (id: string) => ds.groups.find((g) => g.id === id)?.name;

describe('generator', () => {
  it('is deterministic for a seed and size, and varies with the seed', () => {
    expect(generateDataset({ seed: 1, students: 2000, today: TODAY })).toEqual(ds);
    const other = generateDataset({ seed: 2, students: 2000, today: TODAY });
    expect(other.users.map((u) => u.name)).not.toEqual(ds.users.map((u) => u.name));
  });

  it('keeps the fixture ids for every seed and size', () => {
    for (const [seed, students] of [
      [1, 50],
      [7, 300],
      [3, 5000],
    ] as const) {
      const d = generateDataset({ seed, students, today: TODAY });
      const byId = new Map(d.users.map((u) => [u.id, u]));
      expect(byId.get(F.QUICK_STUDENT_ID)?.name).toBe(F.QUICK_STUDENT_NAME);
      expect(byId.get(F.MARKUP_USER_ID)?.name).toBe(F.MARKUP_USER_NAME);
      expect(byId.get(F.PSYKOLOGI_TEACHER_ID)?.name).toBe(F.PSYKOLOGI_TEACHER_NAME);
      expect(byId.get(F.INACTIVE_HOLDER_ID)?.name).toBe(F.INACTIVE_HOLDER_NAME);
      expect(F.SAME_NAME_USER_IDS.map((id) => byId.get(id)?.name)).toEqual([F.SAME_NAME, F.SAME_NAME]);
      const quick = d.assignments.filter((a) => a.assigneeId === F.QUICK_STUDENT_ID).map((a) => a.toolId);
      expect(quick.sort()).toEqual([...F.QUICK_STUDENT_TOOL_IDS].sort());
    }
  });

  it('has the seed tool as in the article', () => {
    const psy = ds.tools.find((t) => t.id === F.PSYKOLOGI_TOOL_ID);
    expect(psy).toMatchObject({
      name: 'Psykologi för gymnasiet Digitalbok',
      supplier: 'Liber',
      toolType: 'INTEGRATED',
      grades: ['Gymnasium', 'Högskola'],
      category: 'Läromedel',
    });
    const lic = ds.licenses.filter((l) => l.toolId === F.PSYKOLOGI_TOOL_ID);
    expect(lic.reduce((s, l) => s + l.seats, 0)).toBe(22);
    expect(lic.every((l) => l.kind === 'SINGLE' && l.validUntil === '2021-12-30')).toBe(true);
    const holders = active()
      .filter((a) => a.toolId === F.PSYKOLOGI_TOOL_ID)
      .map((a) => ds.users.find((u) => u.id === a.assigneeId)?.role);
    expect(holders.sort()).toEqual(['ADMIN', 'TEACHER']);
  });

  it('has ≥15 tools of every type, class licenses, a pool, expiring and expired licenses', () => {
    const demoTools = ds.schoolToolIds[F.DEMO_SCHOOL_ID] ?? [];
    expect(demoTools.length).toBeGreaterThanOrEqual(15);
    const types = new Set(ds.tools.filter((t) => demoTools.includes(t.id)).map((t) => t.toolType));
    expect(types).toEqual(new Set(['INTEGRATED', 'FREE', 'LOCAL', 'EXTERNAL']));
    const classLicenses = ds.licenses.filter((l) => l.kind === 'CLASS');
    const groupAssignments = active().filter((a) => classLicenses.some((l) => l.id === a.licenseId));
    expect(groupAssignments.length).toBeGreaterThanOrEqual(5);
    expect(groupAssignments.every((a) => a.assigneeType === 'GROUP')).toBe(true);
    expect(ds.licenses.some((l) => l.kind === 'SCHOOL')).toBe(true);
    expect(ds.pools.length).toBeGreaterThanOrEqual(1);
    expect(active().filter((a) => a.poolId === F.POOL_ID).length).toBeGreaterThan(0);
    const soon = ds.licenses.filter((l) => l.validUntil >= TODAY && l.validUntil <= addDays(TODAY, 30));
    expect(soon.length).toBeGreaterThanOrEqual(2);
    expect(soon.some((l) => l.kind === 'CLASS')).toBe(true);
    const expired = ds.licenses.filter((l) => l.validUntil < TODAY);
    expect(expired.some((l) => active().some((a) => a.licenseId === l.id))).toBe(true);
  });

  it('has classes 7A–9C and gymnasium classes, students and teachers', () => {
    const names = ds.groups.filter((g) => g.schoolId === F.DEMO_SCHOOL_ID).map((g) => g.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '7A',
        '7B',
        '7C',
        '8A',
        '8B',
        '8C',
        '9A',
        '9B',
        '9C',
        'NA21a',
        'NA22b',
        'TE22b',
        'EK23a',
      ]),
    );
    const roles = new Set(demoUsers().map((u) => u.role));
    expect(roles).toEqual(new Set(['STUDENT', 'TEACHER', 'ADMIN']));
    const students = ds.users.filter((u) => u.role === 'STUDENT').length;
    expect(students).toBe(2000);
  });

  it('has Swedish names: å ä ö é, hyphenated, double first names, particles, the same name twice', () => {
    const all = demoUsers().map((u) => u.name);
    for (const ch of ['å', 'ä', 'ö', 'é', 'Å', 'Ö'])
      expect(
        all.some((n) => n.includes(ch)),
        ch,
      ).toBe(true);
    expect(all.some((n) => /^[^ ]+-[^ ]+ /.test(n))).toBe(true);
    expect(all).toContain('Lars Erik von Essen');
    expect(all.some((n) => n.includes(' af '))).toBe(true);
    expect(demoUsers().filter((u) => u.firstName === 'Åsa').length).toBeGreaterThanOrEqual(4);
    const same = demoUsers().filter((u) => u.name === F.SAME_NAME);
    expect(new Set(same.map((u) => u.groupIds[0])).size).toBeGreaterThanOrEqual(2);
    expect(demoUsers().every((u) => /^[a-z0-9.-]+@demoskolan\.se$/.test(u.email))).toBe(true);
    expect(new Set(ds.users.map((u) => u.email)).size).toBe(ds.users.length);
  });

  it('has users who left but hold licenses, and doubled holders', () => {
    const inactive = new Set(ds.users.filter((u) => !u.active).map((u) => u.id));
    const inactiveHolders = new Set(
      active()
        .filter((a) => inactive.has(a.assigneeId))
        .map((a) => a.assigneeId),
    );
    expect(inactiveHolders.size).toBeGreaterThanOrEqual(5);
    expect(inactiveHolders.has(F.INACTIVE_HOLDER_ID)).toBe(true);
    const classHolders = new Set(
      active()
        .filter((a) => a.toolId === F.DOUBLED_TOOL_ID && a.assigneeType === 'GROUP')
        .map((a) => a.assigneeId),
    );
    const doubled = active().filter(
      (a) =>
        a.toolId === F.DOUBLED_TOOL_ID &&
        a.assigneeType === 'USER' &&
        ds.users.find((u) => u.id === a.assigneeId)?.groupIds.some((g) => classHolders.has(g)),
    );
    expect(doubled.map((a) => a.assigneeId)).toContain(F.DOUBLED_HOLDER_ID);
    expect(doubled.length).toBeGreaterThanOrEqual(3);
  });

  it('has ≥1,000 USER assignments on the big license, all of 9B among them', () => {
    const big = active().filter((a) => a.licenseId === F.BIG_LICENSE_ID);
    expect(big.length).toBeGreaterThanOrEqual(1000);
    expect(big.every((a) => a.assigneeType === 'USER')).toBe(true);
    const holders = new Set(big.map((a) => a.assigneeId));
    const nineB = ds.groups.find((g) => g.id === F.CLASS_9B_ID);
    expect(groupName(F.CLASS_9B_ID)).toBe('9B');
    expect(
      nineB?.memberIds.filter((id) => ds.users.find((u) => u.id === id)?.role === 'STUDENT').length,
    ).toBeGreaterThan(10);
    expect(nineB?.memberIds.every((id) => holders.has(id))).toBe(true);
    expect(holders.has(F.MARKUP_USER_ID)).toBe(true);
  });

  it('scales to 20,000 students', () => {
    const big = generateDataset({ seed: 1, students: 20_000, today: TODAY });
    expect(big.users.filter((u) => u.role === 'STUDENT').length).toBe(20_000);
    expect(big.assignments.filter((a) => a.licenseId === F.BIG_LICENSE_ID).length).toBeGreaterThan(10_000);
  });
});

describe('through the API', () => {
  let h: Harness;
  let api: ApiClient;
  beforeAll(async () => {
    h = await startHarness(2000);
    api = await h.as();
  });
  afterAll(async () => {
    await h.sandbox.close();
  });

  it('shows the seed tool at 2/22 and the markup name as plain text', async () => {
    const page = await api.get<ToolPage>('listTools', '/schools/school-demo/tools?q=psykologi');
    expect(page.body.tools[0]).toMatchObject({ seats: 22, assigned: 2 });
    const r = await api.get<{ people: Assignee[] }>(
      'searchPeople',
      `/schools/school-demo/people?q=${encodeURIComponent('onerror')}`,
    );
    expect(r.body.people[0]?.name).toBe(F.MARKUP_USER_NAME);
  });

  it('marks users who left as active:false in assignment lists', async () => {
    const d = await api.get<ToolDetail>('getTool', `/schools/school-demo/tools/${F.BIG_TOOL_ID}`);
    expect(d.body.tool.assigned).toBeGreaterThanOrEqual(1000);
    let cursor: string | null = null;
    const inactive: string[] = [];
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const r: { body: AssignmentPage } = await api.get<AssignmentPage>(
        'listAssignments',
        `/schools/school-demo/tools/${F.BIG_TOOL_ID}/assignments?limit=500${q}`,
      );
      for (const a of r.body.assignments) if (a.assignee.active === false) inactive.push(a.assignee.id);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(inactive).toContain(F.INACTIVE_HOLDER_ID);
  });
});
