// The license API adapter: the ONLY module that knows the contract's URLs, headers and HTTP rules
// (../shared/license-api.yaml). Everything it returns has been validated; everything that goes
// wrong is an ApiError. A site whose endpoints differ changes this file and nothing else.
import PQueue from 'p-queue';
import * as v from 'valibot';
import {
  type Assignee,
  type AssigneeRef,
  type AssignmentPage,
  AssignmentPageSchema,
  AssignmentsOfSchema,
  type AssignmentWithTool,
  type AssignResult,
  AssignResultSchema,
  ErrorBodySchema,
  type ErrorCode,
  PeopleSchema,
  type RevokeResult,
  RevokeResultSchema,
  type Session,
  SessionSchema,
  type ToolDetail,
  ToolDetailSchema,
  type ToolPage,
  ToolPageSchema,
} from './model.ts';

export const API_BASE = '/api/admin/v1';

/** The contract's error codes plus what only a client can observe. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'INVALID_RESPONSE' | 'HTTP';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isSessionExpired = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === 'SESSION_EXPIRED';

/** Worth another try later: the server or the network failed, not our request. */
export const isTransient = (e: unknown): e is ApiError =>
  e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'INVALID_RESPONSE' || e.status >= 500);

/** What the contract's session endpoint says about an origin (see background/discovery.ts). */
export type ProbeResult =
  | { state: 'present'; session: Session }
  | { state: 'absent' | 'session-expired' | 'unreachable'; detail: string };

export interface ApiOptions {
  origin: string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per second (the server answers 429 above its own limit). */
  requestsPerSecond: number;
  /** Attempts per request for 5xx, network and unreadable answers (429 waits are counted apart). */
  maxAttempts?: number;
  /** Injected for Node tests (no cookie jar there) and for recording. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onSessionState?: (state: 'signed-in' | 'session-expired', session?: Session) => void;
}

export type Conditional<T> =
  | { notModified: true; etag: string | null }
  | { notModified: false; etag: string | null; data: T };

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
const MAX_RATE_LIMIT_WAITS = 12;

interface Call<T> {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  schema: v.GenericSchema<T>;
  body?: unknown;
  headers?: Record<string, string>;
  etag?: string | null;
}

export class LicenseApi {
  private readonly queue: PQueue;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private csrfToken: string | null = null;
  /** Set by a 429: every request waits until then (the whole client backs off, not just one call). */
  private backoffUntil = 0;

  constructor(readonly options: ApiOptions) {
    this.queue = new PQueue({
      concurrency: options.concurrency,
      intervalCap: Math.max(1, options.requestsPerSecond),
      interval: 1000,
    });
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  get origin(): string {
    return this.options.origin;
  }

  async getSession(): Promise<Session> {
    const session = await this.call({
      operation: 'getSession',
      method: 'GET',
      path: '/session',
      schema: SessionSchema,
    });
    this.csrfToken = session.csrfToken;
    this.options.onSessionState?.('signed-in', session);
    return session;
  }

  /**
   * Asks the session endpoint once, without retries or redirects, and classifies the answer: the
   * contract is there (a valid Session), absent (404, HTML, a body that is not the contract), the
   * session expired (401, or a redirect to a login page), or unreachable (network, CORS, 5xx).
   */
  async probeSession(): Promise<ProbeResult> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.options.origin}${API_BASE}/session`, {
        method: 'GET',
        headers: { accept: 'application/json' },
        credentials: 'include',
        redirect: 'manual',
      });
    } catch (error) {
      return { state: 'unreachable', detail: describe(error) };
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { state: 'session-expired', detail: 'redirected (to a login page)' };
    }
    if (response.status === 401) return { state: 'session-expired', detail: 'HTTP 401' };
    if (response.status >= 500 || response.status === 429 || response.status === 0) {
      return { state: 'unreachable', detail: `HTTP ${response.status}` };
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) return { state: 'absent', detail: `HTTP ${response.status}` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { state: 'absent', detail: 'the answer is not JSON' };
    }
    const parsed = v.safeParse(SessionSchema, json);
    if (!parsed.success) return { state: 'absent', detail: 'the answer is not the contract' };
    this.csrfToken = parsed.output.csrfToken;
    return { state: 'present', session: parsed.output };
  }

  listTools(
    schoolId: string,
    page: { cursor?: string | null; limit?: number; q?: string; etag?: string | null } = {},
  ): Promise<Conditional<ToolPage>> {
    const query = params({ cursor: page.cursor, limit: page.limit ?? 200, q: page.q });
    return this.conditional({
      operation: 'listTools',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/tools${query}`,
      schema: ToolPageSchema,
      etag: page.etag ?? null,
    });
  }

  getTool(schoolId: string, toolId: string): Promise<ToolDetail> {
    return this.call({
      operation: 'getTool',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}`,
      schema: ToolDetailSchema,
    });
  }

  listAssignments(
    schoolId: string,
    toolId: string,
    page: { cursor?: string | null; limit?: number; licenseId?: string; etag?: string | null } = {},
  ): Promise<Conditional<AssignmentPage>> {
    const query = params({ cursor: page.cursor, limit: page.limit ?? 500, licenseId: page.licenseId });
    return this.conditional({
      operation: 'listAssignments',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}/assignments${query}`,
      schema: AssignmentPageSchema,
      etag: page.etag ?? null,
    });
  }

  assign(
    schoolId: string,
    toolId: string,
    licenseId: string,
    assignees: AssigneeRef[],
  ): Promise<AssignResult> {
    return this.call({
      operation: 'assign',
      method: 'POST',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}/assignments`,
      schema: AssignResultSchema,
      body: { licenseId, assignees: assignees.map(({ type, id }) => ({ type, id })) },
    });
  }

  revoke(
    schoolId: string,
    toolId: string,
    assignmentIds: string[],
    opts: { dryRun?: boolean; idempotencyKey?: string } = {},
  ): Promise<RevokeResult> {
    return this.call({
      operation: 'revoke',
      method: 'POST',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}/assignments/revoke`,
      schema: RevokeResultSchema,
      body: { assignmentIds, dryRun: opts.dryRun === true },
      headers: opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {},
    });
  }

  async searchPeople(schoolId: string, q: string, limit = 20): Promise<Assignee[]> {
    const result = await this.call({
      operation: 'searchPeople',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/people${params({ q, limit })}`,
      schema: PeopleSchema,
    });
    return result.people;
  }

  async listAssignmentsOf(schoolId: string, assignee: AssigneeRef): Promise<AssignmentWithTool[]> {
    const result = await this.call({
      operation: 'listAssignmentsOf',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/people/${enc(assignee.type)}/${enc(assignee.id)}/assignments`,
      schema: AssignmentsOfSchema,
    });
    return result.assignments;
  }

  private async call<T>(call: Call<T>): Promise<T> {
    const result = await this.conditional(call);
    if (result.notModified) throw new ApiError(304, 'HTTP', `${call.operation}: unexpected 304`);
    return result.data;
  }

  /** One operation: CSRF, retries and backoff around single HTTP attempts that go through the queue. */
  private async conditional<T>(call: Call<T>): Promise<Conditional<T>> {
    let failures = 0;
    let rateLimitWaits = 0;
    let csrfRefreshed = false;
    for (;;) {
      if (call.method === 'POST' && this.csrfToken === null) await this.getSession();
      try {
        return await this.queue.add(() => this.attempt(call), { throwOnTimeout: true });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'SESSION_EXPIRED') {
          this.csrfToken = null;
          this.options.onSessionState?.('session-expired');
          throw error;
        }
        if (error.code === 'CSRF_INVALID' && !csrfRefreshed) {
          csrfRefreshed = true;
          this.csrfToken = null;
          continue;
        }
        if (error.status === 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
          rateLimitWaits++;
          const wait = error.retryAfterMs ?? 1000;
          this.backoffUntil = Math.max(this.backoffUntil, this.now() + wait);
          await this.sleep(wait);
          continue;
        }
        if (isTransient(error) && ++failures < this.maxAttempts) {
          // Full jitter (AWS): spreads retries of many clients; Retry-After, when sent, is a floor.
          const jitter = Math.floor(
            this.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** failures),
          );
          await this.sleep(Math.max(jitter, error.retryAfterMs ?? 0));
          continue;
        }
        throw error;
      }
    }
  }

  private async attempt<T>(call: Call<T>): Promise<Conditional<T>> {
    const hold = this.backoffUntil - this.now();
    if (hold > 0) await this.sleep(hold);
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = this.csrfToken ?? '';
    }
    if (call.etag) headers['if-none-match'] = call.etag;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.options.origin}${API_BASE}${call.path}`, {
        method: call.method,
        headers,
        credentials: 'include',
        body: call.body === undefined ? null : JSON.stringify(call.body),
      });
    } catch (error) {
      throw new ApiError(
        0,
        'NETWORK',
        `${call.operation}: the license API could not be reached (${describe(error)})`,
      );
    }
    const etag = response.headers.get('etag');
    if (response.status === 304) return { notModified: true, etag: etag ?? call.etag ?? null };
    const text = await response.text().catch(() => '');
    if (!response.ok) throw errorFrom(call.operation, response, text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(response.status, 'INVALID_RESPONSE', `${call.operation}: the answer is not JSON`);
    }
    const parsed = v.safeParse(call.schema, json);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const at = issue ? (v.getDotPath(issue) ?? '(root)') : '(root)';
      throw new ApiError(
        response.status,
        'INVALID_RESPONSE',
        `${call.operation}: the answer does not match the contract at ${at}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return { notModified: false, etag, data: parsed.output };
  }
}

function errorFrom(operation: string, response: Response, text: string): ApiError {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // A proxy's HTML error page: keep the status, say what it was.
  }
  const parsed = v.safeParse(ErrorBodySchema, body);
  if (parsed.success) {
    const { code, message } = parsed.output.error;
    return new ApiError(response.status, code, `${operation}: ${message}`, retryAfterMs);
  }
  return new ApiError(response.status, 'HTTP', `${operation}: HTTP ${response.status}`, retryAfterMs);
}

/** Retry-After in whole seconds (the contract) or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const enc = encodeURIComponent;

function params(values: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
