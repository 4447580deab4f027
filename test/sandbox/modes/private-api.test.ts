// --api private: the contract is gone (every /api/admin/v1 path is an HTML 404) and the page's
// private API works with the session cookie and its own CSRF header, logs its reads and logs
// its withdrawals exactly like contract revokes, and suffers the same faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  PBootstrap,
  PCatalogPage,
  PGrantResult,
  PHolderPage,
  PProblem,
  PProduct,
  PReleaseResult,
} from '../api/private-shapes.ts';
import { type Login, revokedCounts, SandboxClient } from '../client.ts';
import * as F from '../data/fixtures.ts';
import { fold } from '../data/text.ts';
import { type Sandbox, startSandbox } from '../server.ts';

const D = F.DEMO_SCHOOL_ID;
const P = '/internal/app';
const catalog = (tool?: string) => `${P}/units/${D}/catalog${tool ? `/${tool}` : ''}`;

let sb: Sandbox;
let control: SandboxClient;
let login: Login;

async function call<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string | false; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: T; text: string }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.cookie !== false) headers.cookie = init.cookie ?? login.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sb.url}${path}`, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or truncated
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: body as T, text };
}

async function xsrf(): Promise<string> {
  return (await call<PBootstrap>(`${P}/bootstrap`)).body.xsrf;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, students: 300, api: 'private' });
  control = new SandboxClient(sb.url);
});
afterAll(() => sb.close());
beforeEach(async () => {
  await control.reset();
  login = await control.login('SCHOOL_ADMIN', 'sv');
});

describe('the contract under --api private', () => {
  it('answers every /api/admin/v1 path with a 404 HTML page, signed in or not, and logs the knock', async () => {
    const csrf = { 'x-csrf-token': login.csrfToken };
    const attempts: [string, Parameters<typeof call>[1]][] = [
      ['/api/admin/v1/session', {}],
      ['/api/admin/v1/session', { cookie: false }],
      [`/api/admin/v1/schools/${D}/tools`, {}],
      [`/api/admin/v1/schools/${D}/tools/${F.PSYKOLOGI_TOOL_ID}`, {}],
      [`/api/admin/v1/schools/${D}/tools/${F.BIG_TOOL_ID}/assignments?limit=5`, {}],
      [
        `/api/admin/v1/schools/${D}/tools/${F.BIG_TOOL_ID}/assignments/revoke`,
        { body: { assignmentIds: ['a-000001'] }, headers: csrf },
      ],
      [
        `/api/admin/v1/schools/${D}/tools/${F.BIG_TOOL_ID}/assignments`,
        { body: { licenseId: F.BIG_LICENSE_ID, assignees: [] }, headers: csrf },
      ],
      [`/api/admin/v1/schools/${D}/people?q=asa`, {}],
      ['/api/admin/v1/no-such-thing', {}],
      ['/api/admin/v2/session', {}],
    ];
    for (const [path, init] of attempts) {
      const r = await call(path, init);
      expect(r.status, path).toBe(404);
      expect(r.type, path).toMatch(/^text\/html/);
      expect(r.text, path).toMatch(/^<!doctype html>/i);
      expect(r.body, path).toBeNull();
    }
    const log = await control.log();
    expect(log.filter((e) => e.api === 'contract')).toHaveLength(attempts.length);
    expect(log.every((e) => e.operation === 'unknown' && e.status === 404)).toBe(true);
    expect(revokedCounts(log).size).toBe(0);
    const truth = await control.state<{ assignments: unknown[] }>('assignments', { toolId: F.BIG_TOOL_ID });
    expect(truth.assignments.length).toBeGreaterThan(0);
  });

  it('leaves the /__sandbox controls as they are', async () => {
    const info = await control.state<{ modes: { api: string } }>('info');
    expect(info.modes.api).toBe('private');
    expect(login.csrfToken).toEqual(expect.any(String));
    const tools = await control.state<{ tools: { id: string }[] }>('tools');
    expect(tools.tools.map((t) => t.id)).toContain(F.PSYKOLOGI_TOOL_ID);
  });
});

describe('the private API', () => {
  it('needs the session cookie and has names of its own', async () => {
    const anon = await call<PProblem>(`${P}/bootstrap`, { cookie: false });
    expect(anon.status).toBe(401);
    expect(anon.body.problem.type).toBe('auth');
    const boot = await call<PBootstrap>(`${P}/bootstrap`);
    expect(boot.status).toBe(200);
    expect(boot.body).toMatchObject({
      viewer: { uid: F.SCHOOL_ADMIN_USER_ID, fullName: F.SCHOOL_ADMIN_USER_NAME },
      access: 'school-admin',
      unit: D,
      units: [{ ref: D, label: F.DEMO_SCHOOL_NAME }],
      language: 'sv',
    });
    expect(boot.body.xsrf).toEqual(expect.any(String));
    expect(boot.body.xsrf).not.toBe(login.csrfToken);
    // Nothing a contract client would recognise.
    for (const name of ['csrfToken', 'activeSchoolId', 'schools', 'user', 'role', 'locale']) {
      expect(boot.body).not.toHaveProperty(name);
    }
  });

  it('lists the catalog and a product with its entitlements (the seed tool at 2/22)', async () => {
    const list = await call<PCatalogPage>(`${catalog()}?term=psykologi`);
    expect(list.status).toBe(200);
    expect(list.body.entries.map((e) => e.ref)).toEqual([F.PSYKOLOGI_TOOL_ID]);
    expect(list.body.entries[0]).toMatchObject({
      label: F.PSYKOLOGI_TOOL_NAME,
      seatsTotal: 22,
      seatsTaken: 2,
    });
    expect(list.body).not.toHaveProperty('tools');
    const paged = await call<PCatalogPage>(`${catalog()}?take=5`);
    expect(paged.body.entries).toHaveLength(5);
    expect(paged.body.more).toEqual(expect.any(String));
    const product = await call<PProduct>(catalog(F.PSYKOLOGI_TOOL_ID));
    expect(product.status).toBe(200);
    expect(product.body.entitlements.map((e) => [e.ref, e.type, e.capacity, e.taken, e.expires])).toEqual(
      expect.arrayContaining([
        [F.PSYKOLOGI_STUDENT_LICENSE_ID, 'single', 20, 0, F.PSYKOLOGI_VALID_UNTIL],
        [F.PSYKOLOGI_STAFF_LICENSE_ID, 'single', 2, 2, F.PSYKOLOGI_VALID_UNTIL],
      ]),
    );
    expect((await call<PProblem>(catalog('t-nope'))).status).toBe(404);
    const pool = await call<PProduct>(catalog(F.POOL_TOOL_ID));
    expect(pool.body.pools.map((p) => p.ref)).toEqual([F.POOL_ID]);
  });

  it('lists holders by name with a count, and logs its reads', async () => {
    const first = await call<PHolderPage>(
      `${catalog(F.BIG_TOOL_ID)}/holders?entitlements=${F.BIG_LICENSE_ID}&take=20`,
    );
    expect(first.status).toBe(200);
    expect(first.body.holders).toHaveLength(20);
    const truth = await control.state<{ assignments: { id: string }[] }>('assignments', {
      toolId: F.BIG_TOOL_ID,
      licenseId: F.BIG_LICENSE_ID,
    });
    expect(first.body.count).toBe(truth.assignments.length);
    const h = first.body.holders[0];
    expect(h).toMatchObject({ entitlement: F.BIG_LICENSE_ID, holder: { kind: 'person' } });
    expect(h?.holder.mail).toContain('@');
    const keys = first.body.holders.map((x) => `${fold(x.holder.label)}\u0000${x.ref}`);
    expect(keys).toEqual([...keys].sort());
    const log = await control.log();
    expect(log.map((e) => [e.operation, e.api])).toEqual([['listAssignments', 'private']]);
    const listCall = log.find((e) => e.operation === 'listAssignments');
    expect(listCall).toMatchObject({ status: 200, toolId: F.BIG_TOOL_ID, schoolId: D });
    expect(listCall?.path).toContain('/internal/app/');
  });

  it('withdraws with X-App-Xsrf only, and logs it as a revoke with per-item outcomes', async () => {
    const holders = (
      await call<PHolderPage>(`${catalog(F.BIG_TOOL_ID)}/holders?entitlements=${F.BIG_LICENSE_ID}&take=3`)
    ).body.holders.map((x) => x.ref);
    const release = `${catalog(F.BIG_TOOL_ID)}/holders/release`;
    const none = await call<PProblem>(release, { body: { refs: holders } });
    expect(none.status).toBe(403);
    expect(none.body.problem.type).toBe('xsrf');
    const contractToken = await call<PProblem>(release, {
      body: { refs: holders },
      headers: { 'x-csrf-token': login.csrfToken, 'x-app-xsrf': login.csrfToken },
    });
    expect(contractToken.status).toBe(403);
    expect(revokedCounts(await control.log()).size).toBe(0);

    const token = await xsrf();
    const ok = await call<PReleaseResult>(release, {
      body: { refs: [...holders, 'a-999999'] },
      headers: { 'X-App-Xsrf': token },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.released).toEqual(holders);
    expect(ok.body.kept).toEqual([{ ref: 'a-999999', why: 'unknown' }]);
    const again = await call<PReleaseResult>(release, {
      body: { refs: holders.slice(0, 1) },
      headers: { 'X-App-Xsrf': token },
    });
    expect(again.body).toEqual({ released: [], kept: [{ ref: holders[0], why: 'already-released' }] });

    const revokes = await control.log({ operation: 'revoke' });
    expect(revokes.filter((e) => e.status === 200)).toHaveLength(2);
    const okEntry = revokes.find((e) => e.status === 200);
    expect(okEntry).toMatchObject({
      operation: 'revoke',
      api: 'private',
      dryRun: false,
      toolId: F.BIG_TOOL_ID,
      ids: [...holders, 'a-999999'],
      outcomes: [
        ...holders.map((id) => ({ id, outcome: 'REVOKED' })),
        { id: 'a-999999', outcome: 'NOT_FOUND' },
      ],
    });
    const counts = revokedCounts(revokes);
    expect([...counts.keys()].sort()).toEqual([...holders].sort());
    expect([...counts.values()]).toEqual([1, 1, 1]);
    const truth = await control.state<{ assignments: { id: string }[] }>('assignments', {
      toolId: F.BIG_TOOL_ID,
    });
    for (const id of holders) expect(truth.assignments.some((a) => a.id === id)).toBe(false);
  });

  it('refuses bad releases: too many, not strings, another tool, another school', async () => {
    const token = await xsrf();
    const release = `${catalog(F.BIG_TOOL_ID)}/holders/release`;
    const headers = { 'X-App-Xsrf': token };
    const many = Array.from({ length: 101 }, (_, i) => `a-${i}`);
    expect((await call<PProblem>(release, { body: { refs: many }, headers })).body.problem.type).toBe(
      'too-many',
    );
    expect((await call(release, { body: { refs: many }, headers })).status).toBe(413);
    expect((await call(release, { body: { refs: [] }, headers })).status).toBe(422);
    expect((await call(release, { body: { refs: [1] }, headers })).status).toBe(422);
    expect((await call(release, { body: 'x', headers })).status).toBe(422);
    const bad = await fetch(`${sb.url}${release}`, {
      method: 'POST',
      headers: { ...headers, cookie: login.cookie, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    const other = `${P}/units/${F.OTHER_SCHOOL_ID}/catalog/${F.BIG_TOOL_ID}/holders/release`;
    expect((await call<PProblem>(other, { body: { refs: ['a-1'] }, headers })).body.problem.type).toBe(
      'forbidden',
    );
    expect(revokedCounts(await control.log()).size).toBe(0);
  });

  it('grants (for undo) with its own shape, logged as assign', async () => {
    const token = await xsrf();
    const r = await call<PGrantResult>(`${catalog(F.EMPTY_TOOL_ID)}/holders/grant`, {
      body: { entitlement: F.EMPTY_LICENSE_ID, holders: [{ kind: 'person', ref: F.QUICK_STUDENT_ID }] },
      headers: { 'X-App-Xsrf': token },
    });
    expect(r.status).toBe(200);
    expect(r.body.granted).toEqual([
      { kind: 'person', ref: F.QUICK_STUDENT_ID, holding: expect.any(String), already: false },
    ]);
    const assigns = await control.log({ operation: 'assign' });
    expect(assigns).toHaveLength(1);
    expect(assigns[0]).toMatchObject({
      api: 'private',
      outcomes: [{ id: F.QUICK_STUDENT_ID, outcome: 'ASSIGNED' }],
    });
  });

  it('suffers the faults: errors, malformed bodies, rate limits and session expiry', async () => {
    try {
      await control.faults({ errorRate: 1 });
      const err = await call<PProblem>(`${P}/bootstrap`);
      expect([500, 503]).toContain(err.status);
      expect(['server', 'unavailable']).toContain(err.body.problem.type);
      await control.faults({ malformedRate: 1 });
      const bad = await call(`${catalog()}`);
      expect(bad.status).toBe(200);
      expect(() => JSON.parse(bad.text)).toThrow();
      await control.faults({ rateLimitPerSecond: 1 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(`${P}/bootstrap`)).status);
      expect(statuses).toContain(429);
      await control.faults({ expireSessionAfterRequests: 0 });
      const expired = await call<PProblem>(`${P}/bootstrap`);
      expect(expired.status).toBe(401);
      expect(expired.body.problem.type).toBe('auth');
      const faulted = (await control.log()).filter((e) => e.fault);
      expect(faulted.every((e) => e.api === 'private')).toBe(true);
      expect(new Set(faulted.map((e) => e.fault))).toEqual(new Set(['error', 'malformed', 'rateLimit']));
    } finally {
      await control.faults({});
    }
  });

  it('is absent in the default mode', async () => {
    const plain = await startSandbox({ port: 0, students: 50 });
    try {
      const r = await fetch(`${plain.url}${P}/bootstrap`);
      expect(r.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
