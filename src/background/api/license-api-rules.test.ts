// The adapter's HTTP rules against scripted answers: Retry-After clamped and jittered, a timeout on
// every request, giving up on 429 as RATE_LIMITED, redirects never followed, any 401 or a redirect to
// a login page as SESSION_EXPIRED, and a POST of unknown outcome re-sent only with an Idempotency-Key.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  type ApiOptions,
  isOutcomeUnknown,
  isRateLimited,
  isTransient,
  LicenseApi,
  parseRetryAfter,
} from './license-api.ts';

const ORIGIN = 'https://skolon.test';
const SESSION = {
  user: { id: 'u', name: 'Admin' },
  role: 'SCHOOL_ADMIN',
  schools: [{ id: 's', name: 'Skolan' }],
  activeSchoolId: 's',
  csrfToken: 'token-1',
  locale: 'sv',
};
const REVOKED = { dryRun: false, results: [{ assignmentId: 'a1', outcome: 'REVOKED' }] };
const ASSIGNED = { results: [{ assignee: { type: 'USER', id: 'p1' }, outcome: 'ASSIGNED' }] };

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const html = (status: number, headers: Record<string, string> = {}) =>
  new Response('<!doctype html><title>proxy</title>', {
    status,
    headers: { 'content-type': 'text/html', ...headers },
  });
const errorBody = (code: string, status: number, headers: Record<string, string> = {}) =>
  json({ error: { code, message: code.toLowerCase() } }, status, headers);
/** What a browser's fetch gives for a redirect under `redirect: 'manual'`: status 0, no headers. */
const opaqueRedirect = () =>
  ({
    type: 'opaqueredirect',
    status: 0,
    ok: false,
    headers: new Headers(),
    text: async () => '',
  }) as unknown as Response;

/** A step: an answer, a thrown network error, or 'hang' (a fetch that never settles, whatever its signal). */
type Step = Response | Error | 'hang' | Promise<Response>;

interface Seen {
  url: string;
  init: RequestInit;
}

/** Answers /session with a valid session (not a step) and everything else with the next step. */
function scripted(steps: Step[], extra: Partial<ApiOptions> = {}) {
  const seen: Seen[] = [];
  const waits: number[] = [];
  const states: string[] = [];
  let clock = 1_000_000; // a virtual clock: sleeping moves it, so the client's backoff sees time pass
  const fetchFn: typeof fetch = async (input, init = {}) => {
    const url = String(input);
    seen.push({ url, init });
    if (url.endsWith('/api/admin/v1/session')) return json(SESSION);
    const step = steps.shift();
    if (step === undefined) throw new Error(`unscripted request ${url}`);
    if (step === 'hang') return new Promise<Response>(() => undefined);
    if (step instanceof Promise) return step;
    if (step instanceof Error) throw step;
    return step;
  };
  const adapter = new LicenseApi({
    origin: ORIGIN,
    concurrency: 4,
    requestsPerSecond: 1000,
    fetch: fetchFn,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
    onSessionState: (state) => states.push(state),
    rateMemory: new Map(), // nothing learned leaks from one test into the next
    ...extra,
  });
  const calls = (path: string) => seen.filter((s) => s.url.includes(path));
  return { adapter, seen, waits, states, calls };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as ApiError,
  );

describe('Retry-After (7)', () => {
  it('is clamped to 0–120 s', () => {
    expect(parseRetryAfter('86400')).toBe(120_000);
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 60_000)).toBe(0);
  });

  it('waits a clamped Retry-After plus jitter, never less than the server asked', async () => {
    const { adapter, waits } = scripted([
      errorBody('RATE_LIMITED', 429, { 'retry-after': '86400' }),
      errorBody('RATE_LIMITED', 429, { 'retry-after': '2' }),
      json({ tools: [], nextCursor: null }),
    ]);
    await adapter.listTools('s');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThan(120_000);
    expect(waits[0]).toBeLessThanOrEqual(121_000);
    expect(waits[1]).toBeGreaterThan(2_000); // random() = 0.5: half of the jitter on top
    expect(waits[1]).toBeLessThanOrEqual(3_000);
  });

  it('spreads clients: another random() gives another wait for the same Retry-After', async () => {
    const wait = async (r: number) => {
      const { adapter, waits } = scripted(
        [errorBody('RATE_LIMITED', 429, { 'retry-after': '1' }), json({ tools: [], nextCursor: null })],
        { random: () => r },
      );
      await adapter.listTools('s');
      return waits[0];
    };
    const [low, high] = [await wait(0.1), await wait(0.9)];
    expect(low).toBeGreaterThanOrEqual(1_000);
    expect(high).toBeGreaterThan(low ?? 0);
  });

  it('gives up after its waits with status 429 and code RATE_LIMITED, even from a proxy without a body', async () => {
    const { adapter, calls } = scripted(Array.from({ length: 13 }, () => html(429, { 'retry-after': '1' })));
    const error = await failure(adapter.listTools('s'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(isRateLimited(error)).toBe(true);
    expect(isTransient(error)).toBe(false);
    expect(calls('/tools')).toHaveLength(13);
  });
});

describe('a timeout on every request (7)', () => {
  it('aborts a hung GET as a transient TIMEOUT and tries again', async () => {
    const { adapter, calls } = scripted(['hang', json({ tools: [], nextCursor: null })], { timeoutMs: 20 });
    const page = await adapter.listTools('s');
    expect(page.notModified).toBe(false);
    expect(calls('/tools')).toHaveLength(2);
    const signal = calls('/tools')[0]?.init.signal;
    expect(signal?.aborted).toBe(true);
  });

  it('gives up on a GET that keeps hanging with a transient TIMEOUT', async () => {
    const { adapter, calls } = scripted(['hang', 'hang'], { timeoutMs: 20, maxAttempts: 2 });
    const error = await failure(adapter.listTools('s'));
    expect(error).toMatchObject({ status: 0, code: 'TIMEOUT' });
    expect(error.message).toMatch(/listTools: no answer within 0\.02 s/);
    expect(isTransient(error)).toBe(true);
    expect(calls('/tools')).toHaveLength(2);
  });

  it('times out a session probe too (unreachable)', async () => {
    const { adapter } = scripted([], {
      timeoutMs: 20,
      fetch: () => new Promise<Response>(() => undefined),
    });
    expect(await adapter.probeSession()).toMatchObject({ state: 'unreachable' });
  });
});

describe('the session (8)', () => {
  it("sends every request with redirect: 'manual'", async () => {
    const { adapter, seen } = scripted([json({ tools: [], nextCursor: null }), json(ASSIGNED)]);
    await adapter.listTools('s');
    await adapter.assign('s', 't', 'l', [{ type: 'USER', id: 'p1' }]);
    await adapter.probeSession();
    expect(seen.map((s) => s.init.method)).toEqual(['GET', 'GET', 'POST', 'GET']);
    for (const { init } of seen) expect(init.redirect).toBe('manual');
  });

  it.each([
    ['any 401, even a proxy page', () => html(401)],
    ["a browser's opaque redirect (its target hidden)", opaqueRedirect],
    ['a 302 to a login page', () => html(302, { location: 'https://skolon.test/login?next=/api' })],
    ['a 303 to a sign-in page', () => html(303, { location: '/auth/signin' })],
  ])('treats %s as SESSION_EXPIRED, without retrying', async (_, answer) => {
    const { adapter, states, calls } = scripted([answer()]);
    const error = await failure(adapter.listTools('s'));
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(states).toEqual(['session-expired']);
    expect(calls('/tools')).toHaveLength(1);
  });

  it('sends a request once more when its 401 answers a session replaced meanwhile (signed in again)', async () => {
    // Found by the reliability soak: after the administrator signed in again and resumed, a request
    // sent under the old session came back 401 and paused the job once more.
    const deferred = () => {
      let resolve!: (r: Response) => void;
      const promise = new Promise<Response>((r) => {
        resolve = r;
      });
      return { promise, resolve };
    };
    const first = deferred();
    const second = deferred();
    const { adapter, calls, states } = scripted([first.promise, json(REVOKED), second.promise, html(401)]);
    const revoking = adapter.revoke('s', 't', ['a1'], { idempotencyKey: 'k' });
    await expect.poll(() => calls('/revoke').length, { timeout: 2_000 }).toBe(1);
    await adapter.getSession(); // the new sign-in, seen by another caller
    first.resolve(html(401));
    expect(await revoking).toEqual(REVOKED);
    expect(calls('/revoke')).toHaveLength(2);
    expect(states).not.toContain('session-expired');
    // Once only: when the resend is refused too, the session has expired.
    const again = failure(adapter.revoke('s', 't', ['a1'], { idempotencyKey: 'k2' }));
    await expect.poll(() => calls('/revoke').length, { timeout: 2_000 }).toBe(3);
    await adapter.getSession();
    second.resolve(html(401));
    expect(await again).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(calls('/revoke')).toHaveLength(4);
    expect(states.at(-1)).toBe('session-expired');
  });

  it('does not follow a redirect elsewhere, and says where it went', async () => {
    const { adapter, calls, states } = scripted([
      html(301, { location: 'https://elsewhere.test/api/v2/tools' }),
    ]);
    const error = await failure(adapter.listTools('s'));
    expect(error).toMatchObject({ status: 301, code: 'HTTP' });
    expect(error.message).toContain('https://elsewhere.test/api/v2/tools');
    expect(calls('/tools')).toHaveLength(1);
    expect(states).toEqual([]);
  });

  it('keeps a 304 as "not modified" (a 3xx that is no redirect)', async () => {
    const { adapter } = scripted([new Response(null, { status: 304, headers: { etag: '"e1"' } })]);
    expect(await adapter.listTools('s', { etag: '"e1"' })).toEqual({ notModified: true, etag: '"e1"' });
  });
});

describe('a POST is never re-sent to a redirect target (8, real HTTP)', () => {
  let server: Server;
  let origin: string;
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/api/admin/v1/session') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(SESSION));
      } else if (req.url?.startsWith('/login')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(REVOKED));
      } else {
        // 307 keeps the method and body: a client that follows would POST the revoke to /login.
        res.writeHead(307, { location: '/login?next=%2Fapi' });
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stops at the 307 to the login page with SESSION_EXPIRED', async () => {
    requests.length = 0;
    const adapter = new LicenseApi({ origin, concurrency: 1, requestsPerSecond: 100 });
    const error = await failure(adapter.revoke('s', 't', ['a1'], { idempotencyKey: 'k' }));
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(requests).toEqual([
      'GET /api/admin/v1/session',
      'POST /api/admin/v1/schools/s/tools/t/assignments/revoke',
    ]);
  });
});

describe('a POST whose outcome is unknown (8)', () => {
  const assign = (a: LicenseApi) => a.assign('s', 't', 'l', [{ type: 'USER', id: 'p1' }]);

  it.each([
    ['a network error', () => new TypeError('Failed to fetch') as Step, 'NETWORK'],
    ['a timeout', () => 'hang' as Step, 'TIMEOUT'],
    ['a 500', () => errorBody('INTERNAL', 500) as Step, 'INTERNAL'],
    ['a gateway timeout', () => html(504) as Step, 'HTTP'],
    [
      'a 2xx it cannot read',
      () => new Response('{"results": [', { status: 200 }) as Step,
      'INVALID_RESPONSE',
    ],
  ])(
    'is not re-sent without an Idempotency-Key (assign after %s): the error surfaces',
    async (_, step, code) => {
      const { adapter, calls, waits } = scripted([step(), json(ASSIGNED)], { timeoutMs: 20 });
      const error = await failure(assign(adapter));
      expect(error).toMatchObject({ code });
      expect(isOutcomeUnknown(error)).toBe(true);
      expect(error.message).toMatch(/not re-sent/);
      expect(calls('/assignments')).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it.each([
    ['a network error', () => new TypeError('Failed to fetch') as Step],
    ['a timeout', () => 'hang' as Step],
    ['a 503', () => errorBody('UNAVAILABLE', 503) as Step],
  ])('is re-sent with its Idempotency-Key (revoke after %s)', async (_, step) => {
    const { adapter, calls } = scripted([step(), json(REVOKED)], { timeoutMs: 20 });
    expect(await adapter.revoke('s', 't', ['a1'], { idempotencyKey: 'job-1:0' })).toEqual(REVOKED);
    const sent = calls('/revoke');
    expect(sent).toHaveLength(2);
    for (const { init } of sent) {
      expect((init.headers as Record<string, string>)['Idempotency-Key']).toBe('job-1:0');
    }
  });

  it.each([
    ['a network error', () => new TypeError('Failed to fetch') as Step, 1],
    ['a cut answer', () => new Response('{"results": [', { status: 200 }) as Step, 1],
    ['a 500', () => errorBody('INTERNAL', 500) as Step, 1],
    ['a 503 (refused unprocessed)', () => errorBody('UNAVAILABLE', 503) as Step, 0],
    ['a 429 (refused unprocessed)', () => errorBody('RATE_LIMITED', 429) as Step, 0],
  ])(
    'tells the caller when it re-sends a revoke that may have taken effect (after %s)',
    async (_, step, told) => {
      const { adapter } = scripted([step(), json(REVOKED)], { timeoutMs: 20 });
      let resends = 0;
      await adapter.revoke('s', 't', ['a1'], { idempotencyKey: 'job-1:0', onResend: () => resends++ });
      expect(resends).toBe(told);
    },
  );

  it('is re-sent when the server refused it unprocessed (429, 503, CSRF_INVALID), key or not', async () => {
    const { adapter, calls } = scripted([
      errorBody('RATE_LIMITED', 429, { 'retry-after': '1' }),
      errorBody('UNAVAILABLE', 503, { 'retry-after': '1' }),
      errorBody('CSRF_INVALID', 403),
      json(ASSIGNED),
    ]);
    expect(await assign(adapter)).toEqual(ASSIGNED);
    expect(calls('/assignments')).toHaveLength(4);
  });

  it('a dry run changes nothing, so it may be re-sent without a key', async () => {
    const { adapter, calls } = scripted([
      new TypeError('Failed to fetch'),
      json({ ...REVOKED, dryRun: true }),
    ]);
    expect((await adapter.revoke('s', 't', ['a1'], { dryRun: true })).dryRun).toBe(true);
    expect(calls('/revoke')).toHaveLength(2);
  });

  it('a GET failing the same way is retried and its error is not "outcome unknown"', async () => {
    const { adapter } = scripted([new TypeError('x'), new TypeError('x')], { maxAttempts: 2 });
    const error = await failure(adapter.listTools('s'));
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(isOutcomeUnknown(error)).toBe(false);
  });
});
