// The adapter against the REAL sandbox server (in-process), plus a tiny server that lies about shapes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SandboxClient } from '../../../test/sandbox/client.ts';
import { BIG_TOOL_ID, DEMO_SCHOOL_ID } from '../../../test/sandbox/data/fixtures.ts';
import { type Sandbox, startSandbox } from '../../../test/sandbox/server.ts';
import { ApiError, type ApiOptions, LicenseApi, parseRetryAfter } from './license-api.ts';

let sandbox: Sandbox;
let client: SandboxClient;
let cookie: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, students: 300 });
  client = new SandboxClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await client.reset();
  cookie = (await client.login()).cookie;
});

/** Node's fetch has no cookie jar: this one carries the admin's session cookie, as a browser would. */
const withCookie =
  (jar: () => string): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: jar() } });

function api(extra: Partial<ApiOptions> = {}) {
  const waits: number[] = [];
  const states: string[] = [];
  const adapter = new LicenseApi({
    origin: sandbox.url,
    concurrency: 2,
    requestsPerSecond: 50,
    fetch: withCookie(() => cookie),
    sleep: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
    random: () => 0.5,
    onSessionState: (state) => states.push(state),
    rateMemory: new Map(), // nothing learned leaks from one test into the next
    ...extra,
  });
  return { adapter, waits, states };
}

describe('the license API adapter against the sandbox', () => {
  it('reads the session, tools, a tool and its assignments, all validated', async () => {
    const { adapter } = api();
    const session = await adapter.getSession();
    expect(session.activeSchoolId).toBe(DEMO_SCHOOL_ID);
    const tools = await adapter.listTools(DEMO_SCHOOL_ID);
    expect(tools.notModified).toBe(false);
    if (tools.notModified) return;
    expect(tools.data.tools.some((t) => t.id === BIG_TOOL_ID)).toBe(true);
    const detail = await adapter.getTool(DEMO_SCHOOL_ID, BIG_TOOL_ID);
    expect(detail.licenses.length).toBeGreaterThan(0);
    const page = await adapter.listAssignments(DEMO_SCHOOL_ID, BIG_TOOL_ID, { limit: 500 });
    if (page.notModified) throw new Error('expected data');
    expect(page.data.assignments.length).toBeGreaterThan(0);
    // ETag: the same request with If-None-Match is a 304 and keeps the cache.
    const again = await adapter.listAssignments(DEMO_SCHOOL_ID, BIG_TOOL_ID, { limit: 500, etag: page.etag });
    expect(again).toEqual({ notModified: true, etag: page.etag });
  });

  it('revokes with an Idempotency-Key and re-assigns, with outcomes per item', async () => {
    const { adapter } = api();
    const page = await adapter.listAssignments(DEMO_SCHOOL_ID, BIG_TOOL_ID, { limit: 3 });
    if (page.notModified) throw new Error('expected data');
    const ids = page.data.assignments.map((a) => a.id);
    const dry = await adapter.revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, ids, { dryRun: true });
    expect(dry.results.map((r) => r.outcome)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);
    const first = await adapter.revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, ids, { idempotencyKey: 'k1' });
    const replay = await adapter.revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, ids, { idempotencyKey: 'k1' });
    expect(replay).toEqual(first);
    const revoked = (await client.log({ operation: 'revoke' })).filter((c) => !c.dryRun && !c.replayed);
    expect(revoked).toHaveLength(1);
    const a = page.data.assignments[0];
    if (!a) throw new Error('no assignment');
    const assigned = await adapter.assign(DEMO_SCHOOL_ID, BIG_TOOL_ID, a.licenseId, [a.assignee]);
    expect(assigned.results[0]?.outcome).toBe('ASSIGNED');
  });

  it('refreshes the CSRF token once when the server says CSRF_INVALID', async () => {
    const { adapter } = api();
    await adapter.getSession();
    // A new login replaces the cookie: the adapter's cached token now belongs to the old session.
    cookie = (await client.login()).cookie;
    const page = await adapter.listAssignments(DEMO_SCHOOL_ID, BIG_TOOL_ID, { limit: 1 });
    if (page.notModified) throw new Error('expected data');
    const ids = page.data.assignments.map((a) => a.id);
    const result = await adapter.revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, ids, { dryRun: true });
    expect(result.dryRun).toBe(true);
    const calls = await client.log();
    expect(calls.map((c) => `${c.operation} ${c.status}`)).toEqual([
      'getSession 200',
      'listAssignments 200',
      'revoke 403',
      'getSession 200',
      'revoke 200',
    ]);
  });

  it('waits for Retry-After on 429, plus jitter, before trying again', async () => {
    await client.faults({ rateLimitPerSecond: 1 });
    // Both requests must fall into the same one-second window of the server: start each try at the
    // beginning of a second, and try again when a stalled machine let the second one cross into the
    // next window (then no 429 came and there was nothing to wait for).
    let statuses: number[] = [];
    let waits: number[] = [];
    for (let attempt = 0; attempt < 3 && !statuses.includes(429); attempt++) {
      const since = Math.max(0, ...(await client.log()).map((c) => c.seq));
      const made = api({ concurrency: 1 });
      waits = made.waits;
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
      await made.adapter.getSession();
      await made.adapter.getSession();
      statuses = (await client.log({ operation: 'getSession', since })).map((c) => c.status);
    }
    // Retry-After: 1 and random() = 0.5: the second asked for, plus half of the 1 s jitter.
    expect(statuses).toEqual([200, 429, 200]);
    expect(waits).toContain(1500);
  });

  it('retries 5xx with exponential backoff and full jitter, honouring Retry-After, and gives up when bounded', async () => {
    await client.faults({ errorRate: 1 });
    const { adapter, waits } = api({ maxAttempts: 4 });
    const error = await adapter.getSession().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBeGreaterThanOrEqual(500);
    expect(await client.log({ operation: 'getSession' })).toHaveLength(4);
    // random() = 0.5: half of 250·2^n (500, 1000, 2000), and never under a 503's Retry-After of 1 s.
    expect(waits).toHaveLength(3);
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(Math.floor(0.5 * 250 * 2 ** (i + 1)));
      expect(wait).toBeLessThanOrEqual(Math.max(1000, 0.5 * 250 * 2 ** (i + 1)));
    });
  });

  it('reports an expired session as SESSION_EXPIRED and a session-expired state', async () => {
    await client.faults({ expireSessionAfterRequests: 0 });
    const { adapter, states } = api();
    const error = await adapter.getSession().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
    expect(states).toEqual(['session-expired']);
  });

  it('treats a truncated body as an error with a clear message, after bounded retries', async () => {
    await client.faults({ malformedRate: 1 });
    const { adapter } = api({ maxAttempts: 2 });
    await expect(adapter.getSession()).rejects.toThrow(/getSession: the answer is not JSON/);
  });
});

describe('calls that carry an abort signal', () => {
  it('does not send a call aborted while it waited in the queue, nor one aborted before', async () => {
    const sent: string[] = [];
    const fetchWithCookie = withCookie(() => cookie);
    const { adapter } = api({
      concurrency: 1,
      fetch: (input, init) => {
        sent.push(new URL(String(input)).pathname);
        return fetchWithCookie(input, init);
      },
    });
    const stop = new AbortController();
    const first = adapter.getTool(DEMO_SCHOOL_ID, BIG_TOOL_ID);
    const queued = [
      adapter.getTool(DEMO_SCHOOL_ID, BIG_TOOL_ID, { signal: stop.signal }),
      adapter.listAssignments(DEMO_SCHOOL_ID, BIG_TOOL_ID, { signal: stop.signal }),
    ].map((call) =>
      call.then(
        () => 'sent',
        (e: unknown) => e,
      ),
    );
    const reason = new Error('the run failed elsewhere');
    stop.abort(reason);
    expect((await first).licenses.length).toBeGreaterThan(0);
    expect(await Promise.all(queued)).toEqual([reason, reason]);
    await expect(adapter.getTool(DEMO_SCHOOL_ID, BIG_TOOL_ID, { signal: stop.signal })).rejects.toBe(reason);
    expect(sent).toHaveLength(1);
  });
});

describe('answers that do not match the contract', () => {
  let server: Server;
  let origin: string;
  const bodies: Record<string, unknown> = {
    '/api/admin/v1/session': { user: { id: 'u', name: 'N' }, role: 'SCHOOL_ADMIN', schools: [] },
    '/api/admin/v1/schools/s/tools?limit=200': {
      tools: [{ id: 't', name: 'T', toolType: 'INTEGRATED', seats: -1, assigned: 0 }],
      nextCursor: null,
    },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(bodies[req.url ?? ''] ?? { nothing: true }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    [
      'a session without its csrfToken',
      (a: LicenseApi) => a.getSession(),
      /getSession: the answer does not match the contract at (activeSchoolId|csrfToken|locale)/,
    ],
    [
      'a tool with negative seats',
      (a: LicenseApi) => a.listTools('s'),
      /listTools: the answer does not match the contract at tools\.0\.seats/,
    ],
    [
      'a people answer of another shape',
      (a: LicenseApi) => a.searchPeople('s', 'x'),
      /searchPeople: the answer does not match the contract at people/,
    ],
  ])('refuses %s', async (_, call, message) => {
    const adapter = new LicenseApi({ origin, concurrency: 1, requestsPerSecond: 50, maxAttempts: 1 });
    const error = await call(adapter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_RESPONSE');
    expect((error as Error).message).toMatch(message);
  });
});

describe('parseRetryAfter', () => {
  it('reads whole seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
  });
});
