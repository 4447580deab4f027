// Contract tests: every operation and every error code of license-api.yaml against the sandbox.
// Every response is validated against the contract's schemas by contractFetch (drift fails).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Assignee,
  AssignmentPage,
  AssignmentWithTool,
  AssignResult,
  ErrorBody,
  RevokeResult,
  Session,
  ToolDetail,
  ToolPage,
} from '../../../src/shared/model.ts';
import { revokedCounts } from '../client.ts';
import * as F from '../data/fixtures.ts';
import { loadContract, seen } from './contract.ts';
import { API, type ApiClient, type Harness, startHarness } from './helpers.ts';

const D = F.DEMO_SCHOOL_ID;
const N = F.OTHER_SCHOOL_ID;
const tools = (school = D) => `/schools/${school}/tools`;
const tool = (id: string, school = D) => `/schools/${school}/tools/${id}`;
const assignments = (id: string, school = D) => `/schools/${school}/tools/${id}/assignments`;
const revokePath = (id: string, school = D) => `/schools/${school}/tools/${id}/assignments/revoke`;

let h: Harness;
let api: ApiClient;

beforeAll(async () => {
  h = await startHarness(2000);
});
afterAll(async () => {
  await h.sandbox.close();
});
beforeEach(async () => {
  await h.control.reset();
  api = await h.as('SCHOOL_ADMIN', 'sv');
});

const code = (body: unknown) => (body as ErrorBody).error.code;

async function allAssignments(client: ApiClient, toolId: string, limit = 500, extra = '') {
  const out: AssignmentPage['assignments'] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const q: string = `?limit=${limit}${extra}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await client.get<AssignmentPage>('listAssignments', `${assignments(toolId)}${q}`);
    expect(r.status).toBe(200);
    out.push(...r.body.assignments);
    total = r.body.total ?? -1;
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor);
  return { assignments: out, pages, total };
}

describe('getSession', () => {
  it('returns the school admin with Demoskolan only', async () => {
    const r = await api.get<Session>('getSession', '/session');
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('SCHOOL_ADMIN');
    expect(r.body.schools).toEqual([{ id: D, name: 'Demoskolan' }]);
    expect(r.body.activeSchoolId).toBe(D);
    expect(r.body.csrfToken).toBe(api.login.csrfToken);
    expect(r.body.locale).toBe('sv');
    expect(r.body.user).toMatchObject({ id: F.SCHOOL_ADMIN_USER_ID, name: F.SCHOOL_ADMIN_USER_NAME });
  });

  it('returns an org admin with both schools and the locale asked for', async () => {
    const org = await h.as('ORG_ADMIN', 'nb');
    const r = await org.get<Session>('getSession', '/session');
    expect(r.body.role).toBe('ORG_ADMIN');
    expect(r.body.schools.map((s) => s.name)).toEqual(['Demoskolan', 'Norrbyskolan']);
    expect(r.body.organization?.name).toBe('Demo kommun');
    expect(r.body.locale).toBe('nb');
  });

  it('401 SESSION_EXPIRED without a session or with an unknown one', async () => {
    const a = await api.get('getSession', '/session', { cookie: false });
    expect(a.status).toBe(401);
    expect(code(a.body)).toBe('SESSION_EXPIRED');
    const b = await api.get('getSession', '/session', { cookie: 'sandbox_sid=forged' });
    expect(b.status).toBe(401);
  });
});

describe('listTools', () => {
  it('lists at least 15 tools with counts, paged to the last page', async () => {
    const one = await api.get<ToolPage>('listTools', `${tools()}?limit=200`);
    expect(one.body.nextCursor).toBeNull();
    const all = one.body.tools;
    expect(all.length).toBeGreaterThanOrEqual(15);
    const paged: ToolPage['tools'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { body: ToolPage } = await api.get<ToolPage>(
        'listTools',
        `${tools()}?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...r.body.tools);
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(all.length / 4));
    expect(paged.map((t) => t.id)).toEqual(all.map((t) => t.id));
    const psy = all.find((t) => t.id === F.PSYKOLOGI_TOOL_ID);
    expect(psy).toMatchObject({ seats: 22, assigned: 2, nextExpiry: null, toolType: 'INTEGRATED' });
    expect(new Set(all.map((t) => t.toolType))).toEqual(new Set(['INTEGRATED', 'FREE', 'LOCAL', 'EXTERNAL']));
  });

  it('filters by name, case- and accent-insensitively', async () => {
    for (const q of ['psykologi', 'PSYKOLOGI FÖR', 'psykologi for gymnasiet']) {
      const r = await api.get<ToolPage>('listTools', `${tools()}?q=${encodeURIComponent(q)}`);
      expect(r.body.tools.map((t) => t.id)).toEqual([F.PSYKOLOGI_TOOL_ID]);
    }
    const none = await api.get<ToolPage>('listTools', `${tools()}?q=zzzz`);
    expect(none.body).toEqual({ tools: [], nextCursor: null });
  });

  it('answers 304 to a matching If-None-Match and changes the ETag when data changes', async () => {
    const r = await api.get<ToolPage>('listTools', tools());
    const etag = r.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await api.get('listTools', tools(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const list = await api.get<AssignmentPage>('listAssignments', assignments(F.PSYKOLOGI_TOOL_ID));
    const id = list.body.assignments[0]?.id ?? '';
    await api.post('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), { assignmentIds: [id] });
    const changed = await api.get<ToolPage>('listTools', tools(), { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.tools.find((t) => t.id === F.PSYKOLOGI_TOOL_ID)?.assigned).toBe(1);
  });

  it('422 INVALID for a limit out of bounds, 400 BAD_REQUEST for a bad cursor', async () => {
    for (const limit of ['0', '201', 'abc', '-1', '1.5']) {
      const r = await api.get('listTools', `${tools()}?limit=${limit}`);
      expect(r.status, limit).toBe(422);
      expect(code(r.body)).toBe('INVALID');
    }
    const first = await api.get<ToolPage>('listTools', `${tools()}?limit=2`);
    const cursor = first.body.nextCursor ?? '';
    for (const bad of ['garbage!', 'eyJvIjoyfQ', encodeURIComponent('{"o":1}')]) {
      const r = await api.get('listTools', `${tools()}?cursor=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(code(r.body)).toBe('BAD_REQUEST');
    }
    // A cursor belongs to its query.
    const other = await api.get('listTools', `${tools()}?q=a&cursor=${cursor}`);
    expect(other.status).toBe(400);
  });

  it('403 NOT_ADMIN for a school the admin does not manage, 404 for an unknown school', async () => {
    const r = await api.get('listTools', tools(N));
    expect(r.status).toBe(403);
    expect(code(r.body)).toBe('NOT_ADMIN');
    const u = await api.get('listTools', tools('school-nope'));
    expect(u.status).toBe(404);
    expect(code(u.body)).toBe('NOT_FOUND');
    const org = await h.as('ORG_ADMIN');
    const ok = await org.get<ToolPage>('listTools', tools(N));
    expect(ok.status).toBe(200);
    expect(ok.body.tools.some((t) => t.id === F.OTHER_SCHOOL_ONLY_TOOL_ID)).toBe(true);
  });
});

describe('getTool', () => {
  it('gives the seed tool: two single-license rows, 2/22, valid until 2021-12-30', async () => {
    const r = await api.get<ToolDetail>('getTool', tool(F.PSYKOLOGI_TOOL_ID));
    expect(r.status).toBe(200);
    expect(r.body.tool).toMatchObject({
      name: 'Psykologi för gymnasiet Digitalbok',
      supplier: 'Liber',
      toolType: 'INTEGRATED',
      category: 'Läromedel',
      grades: ['Gymnasium', 'Högskola'],
      seats: 22,
      assigned: 2,
    });
    expect(r.body.licenses).toEqual([
      expect.objectContaining({
        kind: 'SINGLE',
        seats: 20,
        assigned: 0,
        validUntil: '2021-12-30',
        availableTo: ['STUDENT'],
      }),
      expect.objectContaining({ kind: 'SINGLE', seats: 2, assigned: 2, availableTo: ['TEACHER', 'ADMIN'] }),
    ]);
    expect(r.body.pools).toEqual([]);
  });

  it('gives pools with seats and assigned', async () => {
    const r = await api.get<ToolDetail>('getTool', tool(F.POOL_TOOL_ID));
    const pool = r.body.pools.find((p) => p.id === F.POOL_ID);
    expect(pool?.licenseIds.length).toBe(2);
    const inPool = r.body.licenses.filter((l) => l.poolId === F.POOL_ID);
    expect(pool?.seats).toBe(inPool.reduce((s, l) => s + l.seats, 0));
    expect(pool?.assigned).toBe(inPool.reduce((s, l) => s + l.assigned, 0));
  });

  it('counts a SCHOOL license as 0 seats and gives nextExpiry as the earliest date from today', async () => {
    const ne = await api.get<ToolDetail>('getTool', tool(F.SCHOOL_LICENSE_TOOL_ID));
    expect(ne.body.licenses[0]?.kind).toBe('SCHOOL');
    expect(ne.body.tool.seats).toBe(0);
    const info = await h.control.state<{ today: string }>('info');
    const kemi = await api.get<ToolDetail>('getTool', tool(F.EXPIRING_TOOL_ID));
    const days = (Date.parse(kemi.body.tool.nextExpiry ?? '') - Date.parse(info.today)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(0);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('404 for unknown tools and tools of another school', async () => {
    for (const id of ['t-nope', F.OTHER_SCHOOL_ONLY_TOOL_ID, '%3Cscript%3E']) {
      const r = await api.get('getTool', tool(id));
      expect(r.status, id).toBe(404);
      expect(code(r.body)).toBe('NOT_FOUND');
    }
  });
});

describe('listAssignments', () => {
  it('pages the big tool to the last page: the pages sum to total, ids unique', async () => {
    const detail = await api.get<ToolDetail>('getTool', tool(F.BIG_TOOL_ID));
    const { assignments: all, pages, total } = await allAssignments(api, F.BIG_TOOL_ID, 500);
    expect(all.length).toBe(total);
    expect(total).toBe(detail.body.tool.assigned);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(pages).toBe(Math.ceil(total / 500));
    expect(new Set(all.map((a) => a.id)).size).toBe(total);
  });

  it('filters by licenseId; 404 for a license of another tool', async () => {
    const r = await api.get<AssignmentPage>(
      'listAssignments',
      `${assignments(F.PSYKOLOGI_TOOL_ID)}?licenseId=${F.PSYKOLOGI_STAFF_LICENSE_ID}`,
    );
    expect(r.body.assignments.map((a) => a.assignee.name).sort()).toEqual(
      [F.PSYKOLOGI_TEACHER_NAME, F.SCHOOL_ADMIN_USER_NAME].sort(),
    );
    expect(r.body.assignments.map((a) => a.assignee.role).sort()).toEqual(['ADMIN', 'TEACHER']);
    const empty = await api.get<AssignmentPage>(
      'listAssignments',
      `${assignments(F.PSYKOLOGI_TOOL_ID)}?licenseId=${F.PSYKOLOGI_STUDENT_LICENSE_ID}`,
    );
    expect(empty.body).toMatchObject({ assignments: [], nextCursor: null, total: 0 });
    const bad = await api.get(
      'listAssignments',
      `${assignments(F.PSYKOLOGI_TOOL_ID)}?licenseId=${F.BIG_LICENSE_ID}`,
    );
    expect(bad.status).toBe(404);
  });

  it('gives class licenses as GROUP assignments with memberCount', async () => {
    const r = await api.get<AssignmentPage>('listAssignments', assignments(F.CLASS_TOOL_ID));
    const groups = r.body.assignments.filter((a) => a.assignee.type === 'GROUP');
    expect(groups.map((a) => a.assignee.name)).toEqual(
      expect.arrayContaining(['7A', '7B', '7C', '8A', '9C']),
    );
    expect(groups.every((a) => (a.assignee.memberCount ?? 0) > 0)).toBe(true);
  });

  it('304 with If-None-Match; 422 for limit > 500; 400 for a bad cursor', async () => {
    const r = await api.get('listAssignments', assignments(F.BIG_TOOL_ID));
    const etag = r.headers.get('etag') ?? '';
    const again = await api.get('listAssignments', assignments(F.BIG_TOOL_ID), {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const limit = await api.get('listAssignments', `${assignments(F.BIG_TOOL_ID)}?limit=501`);
    expect(limit.status).toBe(422);
    const cursor = await api.get('listAssignments', `${assignments(F.BIG_TOOL_ID)}?cursor=AAAA`);
    expect(cursor.status).toBe(400);
  });

  it('401 without a session, 404 for an unknown tool, 403 for another school', async () => {
    expect((await api.get('listAssignments', assignments(F.BIG_TOOL_ID), { cookie: false })).status).toBe(
      401,
    );
    expect((await api.get('listAssignments', assignments('t-nope'))).status).toBe(404);
    expect((await api.get('listAssignments', assignments(F.BIG_TOOL_ID, N))).status).toBe(403);
  });
});

describe('revoke', () => {
  const staff = async () =>
    (
      await api.get<AssignmentPage>(
        'listAssignments',
        `${assignments(F.PSYKOLOGI_TOOL_ID)}?licenseId=${F.PSYKOLOGI_STAFF_LICENSE_ID}`,
      )
    ).body.assignments.map((a) => a.id);

  it('dryRun reports outcomes and changes nothing', async () => {
    const ids = await staff();
    const r = await api.post<RevokeResult>('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), {
      assignmentIds: ids,
      dryRun: true,
    });
    expect(r.body.dryRun).toBe(true);
    expect(r.body.results.map((x) => x.outcome)).toEqual(['REVOKED', 'REVOKED']);
    expect(await staff()).toEqual(ids);
    const t = await api.get<ToolDetail>('getTool', tool(F.PSYKOLOGI_TOOL_ID));
    expect(t.body.tool.assigned).toBe(2);
  });

  it('revokes, the rows vanish and every count drops; repeating gives ALREADY_REVOKED', async () => {
    const ids = await staff();
    const r = await api.post<RevokeResult>('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), { assignmentIds: ids });
    expect(r.body).toEqual({
      dryRun: false,
      results: ids.map((assignmentId) => ({ assignmentId, outcome: 'REVOKED' })),
    });
    expect(await staff()).toEqual([]);
    const t = await api.get<ToolDetail>('getTool', tool(F.PSYKOLOGI_TOOL_ID));
    expect(t.body.tool.assigned).toBe(0);
    expect(t.body.licenses[1]?.assigned).toBe(0);
    const again = await api.post<RevokeResult>('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), {
      assignmentIds: ids,
    });
    expect(again.status).toBe(200);
    expect(again.body.results.map((x) => x.outcome)).toEqual(['ALREADY_REVOKED', 'ALREADY_REVOKED']);
    const counts = revokedCounts(await h.control.log({ operation: 'revoke' }));
    expect(ids.map((id) => counts.get(id))).toEqual([1, 1]);
  });

  it('per item: NOT_FOUND for unknown or other-tool ids, FORBIDDEN for another school, duplicates once', async () => {
    const [id] = await staff();
    const big = await api.get<AssignmentPage>('listAssignments', `${assignments(F.BIG_TOOL_ID)}?limit=1`);
    const otherTool = big.body.assignments[0]?.id ?? '';
    const norrby = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      schoolId: N,
      toolId: F.OTHER_SCHOOL_ONLY_TOOL_ID,
    });
    const otherSchool = norrby.assignments[0]?.id ?? '';
    const r = await api.post<RevokeResult>('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), {
      assignmentIds: [id, 'a-999999', otherTool, otherSchool, id, ''],
    });
    expect(r.body.results.map((x) => x.outcome)).toEqual([
      'REVOKED',
      'NOT_FOUND',
      'NOT_FOUND',
      'FORBIDDEN',
      'ALREADY_REVOKED',
      'NOT_FOUND',
    ]);
    const stillThere = await api.get<AssignmentPage>(
      'listAssignments',
      `${assignments(F.BIG_TOOL_ID)}?limit=1`,
    );
    expect(stillThere.body.assignments[0]?.id).toBe(otherTool);
  });

  it('replays an Idempotency-Key: same key and body → the same response, executed once', async () => {
    const ids = await staff();
    const headers = { 'idempotency-key': 'job-1:batch-0' };
    const first = await api.post<RevokeResult>(
      'revoke',
      revokePath(F.PSYKOLOGI_TOOL_ID),
      { assignmentIds: ids },
      { headers },
    );
    const second = await api.post<RevokeResult>(
      'revoke',
      revokePath(F.PSYKOLOGI_TOOL_ID),
      { assignmentIds: ids },
      { headers },
    );
    expect(second.text).toBe(first.text);
    expect(second.body.results.every((x) => x.outcome === 'REVOKED')).toBe(true);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const log = await h.control.log({ operation: 'revoke' });
    expect(log.map((c) => c.replayed ?? false)).toEqual([false, true]);
    expect([...revokedCounts(log).values()]).toEqual([1, 1]);
    const different = await api.post(
      'revoke',
      revokePath(F.PSYKOLOGI_TOOL_ID),
      { assignmentIds: ids.slice(0, 1) },
      { headers },
    );
    expect(different.status).toBe(422);
    const tooLong = await api.post(
      'revoke',
      revokePath(F.PSYKOLOGI_TOOL_ID),
      { assignmentIds: ids },
      { headers: { 'idempotency-key': 'k'.repeat(101) } },
    );
    expect(tooLong.status).toBe(422);
  });

  it('revoking a pool assignment lowers the pool count', async () => {
    const before = await api.get<ToolDetail>('getTool', tool(F.POOL_TOOL_ID));
    const list = await api.get<AssignmentPage>('listAssignments', assignments(F.POOL_TOOL_ID));
    const pooled = list.body.assignments.filter((a) => a.poolId === F.POOL_ID).slice(0, 3);
    expect(pooled.length).toBe(3);
    await api.post('revoke', revokePath(F.POOL_TOOL_ID), { assignmentIds: pooled.map((a) => a.id) });
    const after = await api.get<ToolDetail>('getTool', tool(F.POOL_TOOL_ID));
    expect(after.body.pools[0]?.assigned).toBe((before.body.pools[0]?.assigned ?? 0) - 3);
    expect(after.body.tool.assigned).toBe(before.body.tool.assigned - 3);
  });

  it('rejects bad input with the contract codes and changes nothing', async () => {
    const p = revokePath(F.BIG_TOOL_ID);
    const cases: [unknown, number, string][] = [
      ['{not json', 400, 'BAD_REQUEST'],
      ['', 400, 'BAD_REQUEST'],
      ['[]', 422, 'INVALID'],
      ['null', 422, 'INVALID'],
      ['"x"', 422, 'INVALID'],
      [{}, 422, 'INVALID'],
      [{ assignmentIds: [] }, 422, 'INVALID'],
      [{ assignmentIds: 'a-000001' }, 422, 'INVALID'],
      [{ assignmentIds: [1, 2] }, 422, 'INVALID'],
      [{ assignmentIds: [null] }, 422, 'INVALID'],
      [{ assignmentIds: ['a-000001'], dryRun: 'yes' }, 422, 'INVALID'],
      [{ assignmentIds: Array.from({ length: 101 }, (_, i) => `a-${i}`) }, 413, 'BATCH_TOO_LARGE'],
      [{ assignmentIds: Array.from({ length: 5000 }, (_, i) => i) }, 413, 'BATCH_TOO_LARGE'],
    ];
    for (const [body, status, errorCode] of cases) {
      const r = await api.post('revoke', p, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(code(r.body)).toBe(errorCode);
    }
    const noCsrf = await api.post('revoke', p, { assignmentIds: ['a-000001'] }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(code(noCsrf.body)).toBe('CSRF_INVALID');
    const wrongCsrf = await api.post('revoke', p, { assignmentIds: ['a-000001'] }, { csrf: 'nope' });
    expect(code(wrongCsrf.body)).toBe('CSRF_INVALID');
    const other = await h.as();
    const foreignCsrf = await api.post(
      'revoke',
      p,
      { assignmentIds: ['a-000001'] },
      { csrf: other.login.csrfToken },
    );
    expect(foreignCsrf.status).toBe(403);
    const noSession = await api.post('revoke', p, { assignmentIds: ['a-000001'] }, { cookie: false });
    expect(noSession.status).toBe(401);
    expect((await api.post('revoke', revokePath('t-nope'), { assignmentIds: ['x'] })).status).toBe(404);
    expect((await api.post('revoke', revokePath(F.BIG_TOOL_ID, N), { assignmentIds: ['x'] })).status).toBe(
      403,
    );
    expect(revokedCounts(await h.control.log()).size).toBe(0);
    const t = await api.get<ToolDetail>('getTool', tool(F.BIG_TOOL_ID));
    const truth = await h.control.state<{ tools: { id: string; assigned: number }[] }>('tools');
    expect(t.body.tool.assigned).toBe(truth.tools.find((x) => x.id === F.BIG_TOOL_ID)?.assigned);
  });
});

describe('assign', () => {
  it('re-assigns after a revoke (a new assignment id) and counts go back up', async () => {
    const list = await api.get<AssignmentPage>(
      'listAssignments',
      `${assignments(F.PSYKOLOGI_TOOL_ID)}?licenseId=${F.PSYKOLOGI_STAFF_LICENSE_ID}`,
    );
    const a = list.body.assignments[0];
    if (!a) throw new Error('no assignment');
    await api.post('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), { assignmentIds: [a.id] });
    const r = await api.post<AssignResult>('assign', assignments(F.PSYKOLOGI_TOOL_ID), {
      licenseId: F.PSYKOLOGI_STAFF_LICENSE_ID,
      assignees: [{ type: 'USER', id: a.assignee.id }],
    });
    expect(r.body.results[0]?.outcome).toBe('ASSIGNED');
    expect(r.body.results[0]?.assignmentId).toBeDefined();
    expect(r.body.results[0]?.assignmentId).not.toBe(a.id);
    const t = await api.get<ToolDetail>('getTool', tool(F.PSYKOLOGI_TOOL_ID));
    expect(t.body.tool.assigned).toBe(2);
    const again = await api.post<AssignResult>('assign', assignments(F.PSYKOLOGI_TOOL_ID), {
      licenseId: F.PSYKOLOGI_STAFF_LICENSE_ID,
      assignees: [{ type: 'USER', id: a.assignee.id }],
    });
    expect(again.body.results[0]).toMatchObject({
      outcome: 'ALREADY_ASSIGNED',
      assignmentId: r.body.results[0]?.assignmentId,
    });
  });

  it('NO_SEATS on a full license; NOT_ELIGIBLE by role and kind; FAILED for unknown people', async () => {
    const full = await api.post<AssignResult>('assign', assignments(F.FULL_TOOL_ID), {
      licenseId: F.FULL_LICENSE_ID,
      assignees: [{ type: 'USER', id: F.QUICK_STUDENT_ID }],
    });
    expect(full.body.results[0]?.outcome).toBe('NO_SEATS');
    const r = await api.post<AssignResult>('assign', assignments(F.PSYKOLOGI_TOOL_ID), {
      licenseId: F.PSYKOLOGI_STUDENT_LICENSE_ID,
      assignees: [
        { type: 'USER', id: F.QUICK_STUDENT_ID },
        { type: 'USER', id: F.PSYKOLOGI_TEACHER_ID },
        { type: 'GROUP', id: F.CLASS_9B_ID },
        { type: 'USER', id: 'u-99999' },
        { type: 'USER', id: F.QUICK_STUDENT_ID },
      ],
    });
    expect(r.body.results.map((x) => x.outcome)).toEqual([
      'ASSIGNED',
      'NOT_ELIGIBLE',
      'NOT_ELIGIBLE',
      'FAILED',
      'ALREADY_ASSIGNED',
    ]);
    expect(r.body.results.map((x) => x.assignee)).toEqual([
      { type: 'USER', id: F.QUICK_STUDENT_ID },
      { type: 'USER', id: F.PSYKOLOGI_TEACHER_ID },
      { type: 'GROUP', id: F.CLASS_9B_ID },
      { type: 'USER', id: 'u-99999' },
      { type: 'USER', id: F.QUICK_STUDENT_ID },
    ]);
    const cls = await api.post<AssignResult>('assign', assignments(F.DOUBLED_TOOL_ID), {
      licenseId: F.DOUBLED_CLASS_LICENSE_ID,
      assignees: [
        { type: 'USER', id: F.QUICK_STUDENT_ID },
        { type: 'GROUP', id: 'g-9c' },
        { type: 'GROUP', id: 'g-7a' },
        { type: 'GROUP', id: F.CLASS_9B_ID },
      ],
    });
    expect(cls.body.results.map((x) => x.outcome)).toEqual([
      'NOT_ELIGIBLE',
      'ASSIGNED',
      'NO_SEATS',
      'ALREADY_ASSIGNED',
    ]);
    const ne = await api.get<ToolDetail>('getTool', tool(F.SCHOOL_LICENSE_TOOL_ID));
    const school = await api.post<AssignResult>('assign', assignments(F.SCHOOL_LICENSE_TOOL_ID), {
      licenseId: ne.body.licenses[0]?.id,
      assignees: [{ type: 'USER', id: F.QUICK_STUDENT_ID }],
    });
    expect(school.body.results[0]?.outcome).toBe('NOT_ELIGIBLE');
  });

  it('rejects bad input with the contract codes', async () => {
    const p = assignments(F.EMPTY_TOOL_ID);
    const ok = { licenseId: F.EMPTY_LICENSE_ID, assignees: [{ type: 'USER', id: F.QUICK_STUDENT_ID }] };
    const cases: [unknown, number][] = [
      ['{"licenseId":', 400],
      [[], 422],
      [{ licenseId: F.EMPTY_LICENSE_ID }, 422],
      [{ assignees: ok.assignees }, 422],
      [{ licenseId: 7, assignees: ok.assignees }, 422],
      [{ licenseId: F.EMPTY_LICENSE_ID, assignees: [] }, 422],
      [{ licenseId: F.EMPTY_LICENSE_ID, assignees: [{ type: 'ROBOT', id: 'x' }] }, 422],
      [{ licenseId: F.EMPTY_LICENSE_ID, assignees: [{ type: 'USER', id: 5 }] }, 422],
      [{ licenseId: F.EMPTY_LICENSE_ID, assignees: ['u-00020'] }, 422],
      [{ licenseId: F.EMPTY_LICENSE_ID, assignees: Array.from({ length: 101 }, () => ok.assignees[0]) }, 413],
      [{ licenseId: 'lic-nope', assignees: ok.assignees }, 404],
      [{ licenseId: F.BIG_LICENSE_ID, assignees: ok.assignees }, 404],
    ];
    for (const [body, status] of cases) {
      const r = await api.post('assign', p, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
    }
    expect((await api.post('assign', p, ok, { csrf: false })).status).toBe(403);
    expect((await api.post('assign', p, ok, { cookie: false })).status).toBe(401);
    const t = await api.get<ToolDetail>('getTool', tool(F.EMPTY_TOOL_ID));
    expect(t.body.tool.assigned).toBe(0);
  });
});

describe('searchPeople', () => {
  const search = (q: string, limit = 50) =>
    api.get<{ people: Assignee[] }>(
      'searchPeople',
      `/schools/${D}/people?q=${encodeURIComponent(q)}&limit=${limit}`,
    );

  it('finds every Åsa by "asa", case- and accent-insensitively', async () => {
    const a = await search('asa');
    const b = await search('ÅSA');
    const ids = a.body.people.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([...F.ASA_USER_IDS]));
    expect(b.body.people.map((p) => p.id)).toEqual(ids);
  });

  it('finds classes and members by class name, people by email; groups carry memberCount', async () => {
    const r = await search('9b');
    const g = r.body.people.find((p) => p.type === 'GROUP');
    expect(g).toMatchObject({ id: F.CLASS_9B_ID, name: '9B' });
    expect(g?.memberCount).toBeGreaterThan(0);
    const users = r.body.people.filter((p) => p.type === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.groups?.some((x) => x.id === F.CLASS_9B_ID))).toBe(true);
    const mail = await search('osten.quickstrom@');
    expect(mail.body.people).toEqual([
      expect.objectContaining({
        id: F.QUICK_STUDENT_ID,
        name: F.QUICK_STUDENT_NAME,
        role: 'STUDENT',
        active: true,
      }),
    ]);
  });

  it('honours limit; 422 without q or with a limit out of bounds', async () => {
    expect((await search('a', 3)).body.people.length).toBe(3);
    expect((await search('a')).body.people.length).toBeLessThanOrEqual(50);
    expect((await api.get('searchPeople', `/schools/${D}/people`)).status).toBe(422);
    expect((await api.get('searchPeople', `/schools/${D}/people?q=`)).status).toBe(422);
    expect((await api.get('searchPeople', `/schools/${D}/people?q=a&limit=51`)).status).toBe(422);
    expect((await api.get('searchPeople', `/schools/${N}/people?q=a`)).status).toBe(403);
    expect((await api.get('searchPeople', `/schools/${D}/people?q=a`, { cookie: false })).status).toBe(401);
  });
});

describe('listAssignmentsOf', () => {
  it('gives the three licenses of Östen Quickström, across tools', async () => {
    const r = await api.get<{ assignments: AssignmentWithTool[] }>(
      'listAssignmentsOf',
      `/schools/${D}/people/USER/${F.QUICK_STUDENT_ID}/assignments`,
    );
    expect(r.body.assignments.map((a) => a.toolId).sort()).toEqual([...F.QUICK_STUDENT_TOOL_IDS].sort());
    expect(r.body.assignments.every((a) => a.toolName.length > 0)).toBe(true);
  });

  it('gives a class its class licenses', async () => {
    const r = await api.get<{ assignments: AssignmentWithTool[] }>(
      'listAssignmentsOf',
      `/schools/${D}/people/GROUP/${F.CLASS_9B_ID}/assignments`,
    );
    expect(r.body.assignments.map((a) => a.licenseId)).toContain(F.DOUBLED_CLASS_LICENSE_ID);
  });

  it('404 for unknown or foreign people, 422 for a bad type, 401/403 as everywhere', async () => {
    const base = `/schools/${D}/people`;
    expect((await api.get('listAssignmentsOf', `${base}/USER/u-99999/assignments`)).status).toBe(404);
    expect((await api.get('listAssignmentsOf', `${base}/GROUP/g-nope/assignments`)).status).toBe(404);
    expect((await api.get('listAssignmentsOf', `${base}/GROUP/g-norrby-7a/assignments`)).status).toBe(404);
    expect((await api.get('listAssignmentsOf', `${base}/ROBOT/u-00020/assignments`)).status).toBe(422);
    expect((await api.get('listAssignmentsOf', `/schools/${N}/people/USER/u-00020/assignments`)).status).toBe(
      403,
    );
    expect(
      (await api.get('listAssignmentsOf', `${base}/USER/u-00020/assignments`, { cookie: false })).status,
    ).toBe(401);
  });
});

describe('unknown routes and robustness', () => {
  it('404 NOT_FOUND with the Error body for anything unknown under /api', async () => {
    const { errorValidator } = loadContract();
    for (const [method, path] of [
      ['GET', `${API}/nope`],
      ['GET', '/api/other'],
      ['DELETE', `${API}/session`],
      ['POST', `${API}/session`],
      ['PUT', `${API}/schools/${D}/tools`],
    ] as const) {
      const res = await fetch(`${h.sandbox.url}${path}`, { method, headers: { cookie: api.login.cookie } });
      expect(res.status, `${method} ${path}`).toBe(404);
      const body: unknown = await res.json();
      expect(errorValidator(body), JSON.stringify(body)).toBe(true);
      seen.errorCodes.add(code(body));
    }
  });

  it('survives hostile input on every endpoint and keeps serving', async () => {
    const bodies = [
      '',
      '{',
      'null',
      '[]',
      '"x"',
      '1e999',
      '{"__proto__":{"x":1}}',
      '\u0000',
      'x'.repeat(2_000_000),
    ];
    const posts = [assignments(F.BIG_TOOL_ID), revokePath(F.BIG_TOOL_ID)];
    for (const path of posts) {
      for (const body of bodies) {
        const op = path.endsWith('/revoke') ? 'revoke' : 'assign';
        const r = await api.post(op, path, body);
        expect([400, 413, 422], `${op} ${body.slice(0, 20)}`).toContain(r.status);
      }
    }
    const gets: [string, string][] = [
      ['listTools', `${tools()}?limit=%00&q=%FF`],
      ['listTools', `${tools()}?cursor=${'A'.repeat(5000)}`],
      ['getTool', tool('..%2F..%2Fsession')],
      ['listAssignments', `${assignments(F.BIG_TOOL_ID)}?licenseId=&limit=99999999999`],
      ['searchPeople', `/schools/${D}/people?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`],
      ['listAssignmentsOf', `/schools/${D}/people/USER/${encodeURIComponent('../../')}/assignments`],
    ];
    for (const [op, path] of gets) {
      const r = await api.get(op, path);
      expect(r.status, path.slice(0, 60)).toBeLessThan(500);
    }
    const s = await api.get<Session>('getSession', '/session');
    expect(s.status).toBe(200);
  });
});

describe('faults', () => {
  it('errorRate 1: every call is 500 INTERNAL or 503 UNAVAILABLE (with Retry-After) and nothing changes', async () => {
    const before = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    const ids = before.assignments.map((a) => a.id);
    await h.control.faults({ errorRate: 1 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const r = await api.post('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), { assignmentIds: ids });
      statuses.add(r.status);
      expect(['INTERNAL', 'UNAVAILABLE']).toContain(code(r.body));
      if (r.status === 503) expect(r.headers.get('retry-after')).toBe('1');
    }
    expect(statuses).toEqual(new Set([500, 503]));
    await h.control.faults({});
    const after = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    expect(after.assignments.map((a) => a.id)).toEqual(ids);
    const log = await h.control.log({ operation: 'revoke' });
    expect(log.length).toBe(20);
    expect(log.every((c) => c.fault === 'error' && c.outcomes === undefined)).toBe(true);
  });

  it('malformedRate 1: 200 with a body that is not JSON, and no effect', async () => {
    const before = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    await h.control.faults({ malformedRate: 1 });
    const res = await fetch(`${h.sandbox.url}${API}${revokePath(F.PSYKOLOGI_TOOL_ID)}`, {
      method: 'POST',
      headers: {
        cookie: api.login.cookie,
        'x-csrf-token': api.login.csrfToken,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ assignmentIds: before.assignments.map((a) => a.id) }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    await h.control.faults({});
    const after = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    expect(after.assignments.length).toBe(before.assignments.length);
  });

  it('rateLimitPerSecond: 429 RATE_LIMITED with Retry-After in whole seconds', async () => {
    await h.control.faults({ rateLimitPerSecond: 3 });
    const results = await Promise.all(Array.from({ length: 12 }, () => api.get('getSession', '/session')));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(code(r.body)).toBe('RATE_LIMITED');
      expect(r.headers.get('retry-after')).toBe('1');
    }
    // Another session has its own budget.
    const other = await h.as();
    expect((await other.get('getSession', '/session')).status).toBe(200);
    const tooMany = await Promise.all(Array.from({ length: 12 }, () => api.get('listTools', tools())));
    expect(tooMany.some((r) => r.status === 429)).toBe(true);
  });

  it('expireSessionAfterRequests 0 expires every session now; a fresh login works', async () => {
    await h.control.faults({ expireSessionAfterRequests: 0 });
    const r = await api.get('getSession', '/session');
    expect(r.status).toBe(401);
    expect(code(r.body)).toBe('SESSION_EXPIRED');
    const fresh = await h.as();
    expect((await fresh.get('getSession', '/session')).status).toBe(200);
  });

  it('expireSessionAfterRequests N: N more requests succeed, then 401', async () => {
    await h.control.faults({ expireSessionAfterRequests: 2 });
    expect((await api.get('getSession', '/session')).status).toBe(200);
    expect((await api.get('getSession', '/session')).status).toBe(200);
    expect((await api.get('getSession', '/session')).status).toBe(401);
  });

  it('latencyMs delays API answers; {} clears all; invalid settings are refused', async () => {
    const set = await h.control.faults({ latencyMs: 150 });
    expect(set.latencyMs).toBe(150);
    const t0 = Date.now();
    await api.get('getSession', '/session');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const cleared = await h.control.faults({});
    expect(cleared).toEqual({
      latencyMs: 0,
      errorRate: 0,
      rateLimitPerSecond: 0,
      expireSessionAfterRequests: null,
      malformedRate: 0,
      omitOutcomes: 0,
      dropAfterCommitRate: 0,
      truncateAfterCommitRate: 0,
      slowAfterCommitMs: 0,
      latencySpikeRate: 0,
      latencySpikeMs: 2_000,
      rateLimitBurstRate: 0,
    });
    for (const bad of [
      { errorRate: 2 },
      { latencyMs: -1 },
      { rateLimitPerSecond: 1.5 },
      { malformedRate: 'x' },
    ]) {
      const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify(bad),
      });
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'POST', body: '{' });
    expect(res.status).toBe(400);
  });
});

describe('test controls', () => {
  it('the log records operation, session, status, ids, outcomes, dryRun, key and origin', async () => {
    const list = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    const ids = list.assignments.map((a) => a.id);
    await api.post('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), { assignmentIds: ids, dryRun: true });
    await api.post(
      'revoke',
      revokePath(F.PSYKOLOGI_TOOL_ID),
      { assignmentIds: ids },
      { headers: { 'idempotency-key': 'k1', origin: 'chrome-extension://abc' } },
    );
    const calls = await h.control.log();
    expect(calls.map((c) => c.operation)).toEqual(['revoke', 'revoke']);
    const [dry, real] = calls;
    expect(dry).toMatchObject({ status: 200, dryRun: true, ids, sessionId: api.login.sessionId });
    expect(real).toMatchObject({
      status: 200,
      dryRun: false,
      idempotencyKey: 'k1',
      origin: 'chrome-extension://abc',
      outcomes: ids.map((id) => ({ id, outcome: 'REVOKED' })),
    });
    expect((real?.seq ?? 0) > (dry?.seq ?? 0)).toBe(true);
    expect((await h.control.log({ operation: 'revoke', since: dry?.seq })).length).toBe(1);
  });

  it('reset restores the seed, clears faults and the log, and keeps the session', async () => {
    const list = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    await api.post('revoke', revokePath(F.PSYKOLOGI_TOOL_ID), {
      assignmentIds: list.assignments.map((a) => a.id),
    });
    await h.control.faults({ latencyMs: 10 });
    await h.control.reset();
    expect(await h.control.log()).toEqual([]);
    const f = await (await fetch(`${h.sandbox.url}/__sandbox/faults`)).json();
    expect(f.faults.latencyMs).toBe(0);
    const t = await api.get<ToolDetail>('getTool', tool(F.PSYKOLOGI_TOOL_ID));
    expect(t.status).toBe(200);
    expect(t.body.tool.assigned).toBe(2);
    const again = await h.control.state<{ assignments: AssignmentWithTool[] }>('assignments', {
      toolId: F.PSYKOLOGI_TOOL_ID,
    });
    expect(again.assignments.map((a) => a.id)).toEqual(list.assignments.map((a) => a.id));
  });

  it('state/tools gives the same numbers as the API', async () => {
    const truth = await h.control.state<{ tools: (ToolDetail['tool'] & { licenses: unknown[] })[] }>('tools');
    const page = await api.get<ToolPage>('listTools', `${tools()}?limit=200`);
    expect(truth.tools.map(({ licenses: _l, pools: _p, ...t }: Record<string, unknown>) => t)).toEqual(
      page.body.tools,
    );
    const big = await h.control.state<{ assignments: unknown[] }>('assignments', { toolId: F.BIG_TOOL_ID });
    expect(big.assignments.length).toBe(page.body.tools.find((t) => t.id === F.BIG_TOOL_ID)?.assigned);
  });

  it('POST login sets an HttpOnly, SameSite=Lax cookie; bad input is refused', async () => {
    const res = await fetch(`${h.sandbox.url}/__sandbox/login`, {
      method: 'POST',
      body: JSON.stringify({ role: 'ORG_ADMIN', locale: 'en' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sandbox_sid=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const body = await res.json();
    expect(body.csrfToken).toBe(body.session.csrfToken);
    expect(body.session.locale).toBe('en');
    for (const bad of [{ role: 'ROOT' }, { locale: 'de' }]) {
      const r = await fetch(`${h.sandbox.url}/__sandbox/login`, {
        method: 'POST',
        body: JSON.stringify(bad),
      });
      expect(r.status).toBe(422);
    }
    expect((await fetch(`${h.sandbox.url}/__sandbox/login`, { method: 'POST', body: '{' })).status).toBe(400);
  });

  it('GET login sets the cookie and redirects to a same-site next only', async () => {
    const go = (q: string) => fetch(`${h.sandbox.url}/__sandbox/login?${q}`, { redirect: 'manual' });
    const a = await go(
      `role=SCHOOL_ADMIN&locale=en&next=${encodeURIComponent('/skoladmin/verktyg/t-psykologi')}`,
    );
    expect(a.status).toBe(302);
    expect(a.headers.get('location')).toBe('/skoladmin/verktyg/t-psykologi');
    const cookie = (a.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const s = await fetch(`${h.sandbox.url}${API}/session`, { headers: { cookie } });
    expect((await s.json()).locale).toBe('en');
    for (const next of ['//evil.example', 'https://evil.example/', '']) {
      const r = await go(`next=${encodeURIComponent(next)}`);
      expect(r.headers.get('location')).toBe('/skoladmin/verktyg');
    }
  });

  it('serves the page shell and script routes', async () => {
    const root = await fetch(`${h.sandbox.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/skoladmin/verktyg');
    const pageExists = existsSync(fileURLToPath(new URL('../page/serve.ts', import.meta.url)));
    for (const p of ['/skoladmin', '/skoladmin/verktyg', `/skoladmin/verktyg/${F.PSYKOLOGI_TOOL_ID}`]) {
      const r = await fetch(`${h.sandbox.url}${p}`);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(r.status).toBe(pageExists ? 200 : 503);
      await r.text();
    }
    const js = await fetch(`${h.sandbox.url}/__sandbox/page.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    await js.text();
  });
});

// Runs last (tests in a file run in order): the suite must have exercised the whole contract.
describe('coverage', () => {
  it('exercised every operation and every error code of the contract', () => {
    const contract = loadContract();
    for (const id of contract.operations.keys()) {
      expect(seen.statuses.get(id)?.has(200), `${id} 200`).toBe(true);
    }
    expect(seen.statuses.get('listTools')?.has(304)).toBe(true);
    expect(seen.statuses.get('listAssignments')?.has(304)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422, 429, 500, 503]) {
      const hit = [...seen.statuses.values()].some((s) => s.has(status));
      expect(hit, `status ${status}`).toBe(true);
    }
    expect([...seen.errorCodes].sort()).toEqual([...contract.errorCodes].sort());
  });
});

describe('test control: moving a person between classes', () => {
  it('changes their classes in every answer and the ETag, and refuses an unknown person', async () => {
    const before = await allAssignments(api, F.BIG_TOOL_ID);
    const mover = before.assignments.find(
      (a) => a.assignee.type === 'USER' && !a.assignee.groups?.some((g) => g.id === F.CLASS_9B_ID),
    );
    expect(mover).toBeDefined();
    const userId = mover?.assignee.id ?? '';
    const first = await api.get('listAssignments', assignments(F.BIG_TOOL_ID));
    const etag = first.headers.get('etag') ?? '';
    await h.control.setClasses(userId, [F.CLASS_9B_ID]);
    const after = await allAssignments(api, F.BIG_TOOL_ID);
    const moved = after.assignments.find((a) => a.assignee.id === userId);
    expect(moved?.assignee.groups).toEqual([{ id: F.CLASS_9B_ID, name: F.CLASS_9B_NAME }]);
    const again = await api.get('listAssignments', assignments(F.BIG_TOOL_ID), {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(200);
    await expect(h.control.setClasses('u-nobody', [F.CLASS_9B_ID])).rejects.toThrow(/404/);
  });
});
