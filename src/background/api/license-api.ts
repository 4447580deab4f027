// The license API adapter: the ONLY module that knows the contract's URLs, headers and HTTP rules
// (test/sandbox/contract/license-api.yaml). Everything it returns has been validated; everything that goes
// wrong is an ApiError. A site whose endpoints differ changes this file and nothing else.
//
// Its HTTP rules:
// - Every request has a timeout (ApiOptions.timeoutMs, 30 s): a hung request never holds a caller
//   (or the job runner); a timed-out request is a transient TIMEOUT, like a NETWORK error.
// - 429: wait Retry-After, clamped to 0–120 s, plus up to 1 s of jitter (never less than asked);
//   after MAX_RATE_LIMIT_WAITS waits give up with status 429 and code RATE_LIMITED ("server busy":
//   the job runner pauses instead of failing items). 5xx, network errors, timeouts and unreadable
//   answers are retried with exponential backoff and full jitter, bounded by maxAttempts.
// - Redirects are never followed (`redirect: 'manual'` on every request), so a POST is never
//   re-sent to a redirect target. Any 401, and a redirect to a login page (a browser's
//   `opaqueredirect` hides the target, so it counts as one), is SESSION_EXPIRED; a redirect that
//   visibly goes elsewhere is an HTTP error naming where. Except once per call: a 401 to a
//   request sent before the adapter read a newer valid session (signed in again meanwhile) is
//   stale, and the request goes out again under the new session.
// - A POST whose outcome is unknown (a network error or timeout after it may have been sent, a 500,
//   502 or 504, a 2xx whose body cannot be read) is re-sent ONLY when it carries an Idempotency-Key
//   (revoke with a key: the server answers a repeat with the first answer) or changes nothing (a dry
//   run). Any other POST (assign has no key) is not re-sent: the error surfaces with
//   `outcomeUnknown` set, and the caller decides (e.g. re-reads what is assigned). A POST the
//   server refused unprocessed (429, 503 "unavailable", CSRF_INVALID) is re-sent, key or not.
// - Pacing: at most `concurrency` requests in flight (p-queue) and a start rate that begins at
//   `requestsPerSecond` for writes (READS_PER_WRITE times that for reads), never exceeds it, and
//   learns a lower server limit from 429s (AIMD, per origin: ./pacing.ts; kept across worker
//   restarts by platform/learned-limits.ts).
// - The CSRF token lives in this object's memory only; without one, a POST first reads the session.
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
} from '../../shared/model.ts';
import { clip, stripBidi } from '../../shared/ui/text.ts';
import { AdaptivePacer, type RateMemory } from './pacing.ts';

const API_BASE = '/api/admin/v1';

/** The contract's error codes plus what only a client can observe. */
// RATE_LIMITED (the contract's code) is also what the adapter throws when it gives up on 429s.
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'INVALID_RESPONSE' | 'HTTP';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterMs: number | null = null,
    /** A POST that may or may not have taken effect, and was not re-sent (see the header). */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isSessionExpired = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.code === 'SESSION_EXPIRED';

/** The server kept answering 429 after every wait: busy, pause and try later (not the items' fault). */
export const isRateLimited = (e: unknown): e is ApiError =>
  e instanceof ApiError && e.status === 429 && e.code === 'RATE_LIMITED';

/** A POST without an Idempotency-Key that may have taken effect: it was not re-sent. */
export const isOutcomeUnknown = (e: unknown): e is ApiError => e instanceof ApiError && e.outcomeUnknown;

/** Worth another try later: the server or the network failed, not our request. */
export const isTransient = (e: unknown): e is ApiError =>
  e instanceof ApiError &&
  (e.code === 'NETWORK' || e.code === 'TIMEOUT' || e.code === 'INVALID_RESPONSE' || e.status >= 500);

/** What the contract's session endpoint says about an origin (see background/platform/discovery.ts). */
export type ProbeResult =
  | { state: 'present'; session: Session }
  | { state: 'absent' | 'session-expired' | 'unreachable'; detail: string };

export interface ApiOptions {
  origin: string;
  /** Requests in flight at once. */
  concurrency: number;
  /**
   * Writes started per second, at most (reads: READS_PER_WRITE times that): the pacing starts
   * here and learns the server's own limit below it from 429s (./pacing.ts).
   */
  requestsPerSecond: number;
  /** What the pacing learned, per origin; default: one memory for the worker's lifetime. */
  rateMemory?: RateMemory;
  /** After a 429 taught the pacing a lower limit (the worker keeps it across restarts). */
  onLimitLearned?: () => void;
  /** Attempts per request for 5xx, network and unreadable answers (429 waits are counted apart). */
  maxAttempts?: number;
  /** Per HTTP attempt, answer and body included (default 30 s). */
  timeoutMs?: number;
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
/** Retry-After beyond this is a misconfigured proxy, not a reason to stall a job for hours. */
const RETRY_AFTER_MAX_MS = 120_000;
/** Added to every 429 wait, so that many clients told "1 s" do not all come back at once. */
const RATE_LIMIT_JITTER_MS = 1_000;
/**
 * Reads (GETs and dry runs) may start this many times as often as writes: they change nothing, so
 * a 429 on one costs only its wait, and paging 10,000 assignments (24 calls) at the write rate of
 * 5 a second idled 5.3 s against a server that answered them all in 0.8 s. Their first 429 teaches
 * the server's limit, which then holds for writes too (./pacing.ts).
 */
const READS_PER_WRITE = 5;
/** The most reads a second READS_PER_WRITE may ask for (reads never go slower than writes). */
const MAX_READS_PER_SECOND = 50;
/** A 429 without Retry-After. */
const RATE_LIMIT_DEFAULT_MS = 1_000;
/** How long one HTTP attempt may take, answer and body included, unless ApiOptions.timeoutMs says otherwise. */
export const API_TIMEOUT_MS = 30_000;
/**
 * The worker's memory of learned rates (adapters are rebuilt when settings change; it stays, and
 * platform/learned-limits.ts keeps its refusals across worker restarts).
 */
export const workerRateMemory: RateMemory = new Map();

interface Call<T> {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  schema: v.GenericSchema<T>;
  body?: unknown;
  headers?: Record<string, string>;
  etag?: string | null;
  /** Changes nothing on the server (a dry run): safe to re-send whatever happened. */
  sideEffectFree?: boolean;
  /** Called before a POST goes out again after an attempt whose outcome is unknown (see revoke). */
  onResend?: () => void;
  /** Once aborted, the call is not sent (nor sent again): it rejects with the abort's reason. */
  signal?: AbortSignal | undefined;
}

export class LicenseApi {
  /** Bounds the requests in flight; the pacer bounds how many start per second. */
  private readonly queue: PQueue;
  private readonly pacer: AdaptivePacer;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private csrfToken: string | null = null;
  /**
   * Counts the sessions this adapter has seen confirmed (a valid session read). A 401 to a request
   * sent under an earlier count answers a session that has since been replaced (the administrator
   * signed in again meanwhile): stale, so the request goes out once more instead of pausing work.
   */
  private sessionGeneration = 0;
  /** Set by a 429: every request waits until then (the whole client backs off, not just one call). */
  private backoffUntil = 0;

  /**
   * How long another request to this origin should wait to fit the server's limit with ours: the
   * pacing window's next free place, or a 429's back-off (0: now). Nothing is taken.
   */
  roomForOthers(): number {
    return Math.max(0, this.backoffUntil - this.now(), this.pacer.msUntilRoom());
  }

  constructor(readonly options: ApiOptions) {
    this.queue = new PQueue({ concurrency: options.concurrency });
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const writes = Math.max(1, options.requestsPerSecond);
    this.pacer = new AdaptivePacer(
      Math.max(writes, Math.min(MAX_READS_PER_SECOND, writes * READS_PER_WRITE)),
      options.rateMemory ?? workerRateMemory,
      options.origin,
      this.now,
      this.sleep,
      writes,
    );
    this.maxAttempts = options.maxAttempts ?? 5;
    this.timeoutMs = options.timeoutMs ?? API_TIMEOUT_MS;
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
    this.sessionGeneration++;
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
    let text: string;
    try {
      ({ response, text } = await this.send('getSession', `${this.options.origin}${API_BASE}/session`, {
        method: 'GET',
        headers: { accept: 'application/json' },
      }));
    } catch (error) {
      return { state: 'unreachable', detail: describe(error) };
    }
    if (isRedirect(response)) {
      return { state: 'session-expired', detail: 'redirected (to a login page)' };
    }
    if (response.status === 401) return { state: 'session-expired', detail: 'HTTP 401' };
    if (response.status >= 500 || response.status === 429 || response.status === 0) {
      return { state: 'unreachable', detail: `HTTP ${response.status}` };
    }
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
    this.sessionGeneration++;
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

  getTool(
    schoolId: string,
    toolId: string,
    opts: { signal?: AbortSignal | undefined } = {},
  ): Promise<ToolDetail> {
    return this.call({
      operation: 'getTool',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}`,
      schema: ToolDetailSchema,
      signal: opts.signal,
    });
  }

  listAssignments(
    schoolId: string,
    toolId: string,
    page: {
      cursor?: string | null;
      limit?: number;
      licenseId?: string;
      etag?: string | null;
      signal?: AbortSignal | undefined;
    } = {},
  ): Promise<Conditional<AssignmentPage>> {
    const query = params({ cursor: page.cursor, limit: page.limit ?? 500, licenseId: page.licenseId });
    return this.conditional({
      operation: 'listAssignments',
      method: 'GET',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}/assignments${query}`,
      schema: AssignmentPageSchema,
      etag: page.etag ?? null,
      signal: page.signal,
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
    opts: {
      dryRun?: boolean;
      idempotencyKey?: string;
      /**
       * Called when the request is sent again after an attempt that may have taken effect (no
       * answer, a cut or unreadable one, a 500/502/504). The server replays the first answer only
       * while it still knows the key (not after a new sign-in, or once keys expire): an
       * ALREADY_REVOKED in the final answer may then be this call's own earlier attempt.
       */
      onResend?: () => void;
    } = {},
  ): Promise<RevokeResult> {
    return this.call({
      operation: 'revoke',
      method: 'POST',
      path: `/schools/${enc(schoolId)}/tools/${enc(toolId)}/assignments/revoke`,
      schema: RevokeResultSchema,
      body: { assignmentIds, dryRun: opts.dryRun === true },
      headers: opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {},
      sideEffectFree: opts.dryRun === true,
      ...(opts.onResend ? { onResend: opts.onResend } : {}),
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
    let staleResent = false;
    for (;;) {
      if (call.method === 'POST' && this.csrfToken === null) await this.getSession();
      const sent = { generation: this.sessionGeneration };
      try {
        return await this.queue.add(() => this.attempt(call, sent), { throwOnTimeout: true });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === 'SESSION_EXPIRED' && sent.generation !== this.sessionGeneration && !staleResent) {
          // Sent under a session that has since been replaced: a 401 refuses unprocessed, send again.
          staleResent = true;
          continue;
        }
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
        if (error.status === 429) {
          if (rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
            throw new ApiError(
              429,
              'RATE_LIMITED',
              `${call.operation}: the server is busy (still 429 after ${MAX_RATE_LIMIT_WAITS} waits)`,
              error.retryAfterMs,
            );
          }
          rateLimitWaits++;
          // Never earlier than asked; the jitter only spreads clients told the same time.
          const wait =
            (error.retryAfterMs ?? RATE_LIMIT_DEFAULT_MS) + Math.floor(this.random() * RATE_LIMIT_JITTER_MS);
          this.backoffUntil = Math.max(this.backoffUntil, this.now() + wait);
          await this.sleep(wait);
          continue;
        }
        if (isTransient(error) && error.status !== 503 && !resendable(call)) {
          // It may have taken effect: re-sending could do it twice (see the header).
          throw new ApiError(
            error.status,
            error.code,
            `${error.message} (the outcome is unknown: not re-sent, it has no Idempotency-Key)`,
            error.retryAfterMs,
            true,
          );
        }
        if (isTransient(error) && ++failures < this.maxAttempts) {
          // Full jitter (AWS): spreads retries of many clients; Retry-After, when sent, is a floor.
          const jitter = Math.floor(
            this.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** failures),
          );
          await this.sleep(Math.max(jitter, error.retryAfterMs ?? 0));
          // A 503 was refused unprocessed; anything else may have taken effect.
          if (call.method === 'POST' && !call.sideEffectFree && error.status !== 503) call.onResend?.();
          continue;
        }
        throw error;
      }
    }
  }

  private async attempt<T>(call: Call<T>, sent?: { generation: number }): Promise<Conditional<T>> {
    // Aborted (its sync failed elsewhere): a call whose turn comes, first or again after a retry's
    // wait, is dropped before it takes a start from the pacer; one already out finishes in its slot.
    call.signal?.throwIfAborted();
    const hold = this.backoffUntil - this.now();
    if (hold > 0) await this.sleep(hold);
    const ticket = await this.pacer.acquire(call.method === 'GET' || call.sideEffectFree ? 'read' : 'write');
    // Aborted while it waited for its start: it does not go out.
    call.signal?.throwIfAborted();
    // The session this attempt goes out under (a 401 to an older one is stale; see call()).
    if (sent) sent.generation = this.sessionGeneration;
    try {
      const result = await this.exchange(call);
      this.pacer.succeeded();
      return result;
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        this.pacer.limited(ticket);
        this.options.onLimitLearned?.();
      }
      throw error;
    }
  }

  /** One HTTP attempt of `call`, its answer validated. */
  private async exchange<T>(call: Call<T>): Promise<Conditional<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.method === 'POST') {
      headers['content-type'] = 'application/json';
      headers['x-csrf-token'] = this.csrfToken ?? '';
    }
    if (call.etag) headers['if-none-match'] = call.etag;
    const { response, text } = await this.send(
      call.operation,
      `${this.options.origin}${API_BASE}${call.path}`,
      {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
      },
    );
    if (isRedirect(response)) throw redirectError(call.operation, response);
    const etag = response.headers.get('etag');
    if (response.status === 304) return { notModified: true, etag: etag ?? call.etag ?? null };
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
        `${call.operation}: the answer does not match the contract at ${at}: ${untrusted(issue?.message ?? 'invalid')}`,
      );
    }
    return { notModified: false, etag, data: parsed.output };
  }

  /**
   * One HTTP exchange, its body read, within the timeout; redirects are never followed. Throws a
   * NETWORK or TIMEOUT ApiError; any answer (whatever its status) is returned.
   */
  private async send(
    operation: string,
    url: string,
    init: Pick<RequestInit, 'method' | 'headers' | 'body'>,
  ): Promise<{ response: Response; text: string }> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new ApiError(
            0,
            'TIMEOUT',
            `${operation}: no answer within ${this.timeoutMs / 1000} s from the license API`,
          ),
        );
        controller.abort();
      }, this.timeoutMs);
    });
    timedOut.catch(() => undefined);
    try {
      const exchange = async () => {
        const response = await this.fetchFn(url, {
          ...init,
          credentials: 'include',
          redirect: 'manual',
          signal: controller.signal,
        });
        // An opaque redirect has no body to read; any other body is read within the same timeout.
        const text = response.type === 'opaqueredirect' ? '' : await response.text().catch(() => '');
        return { response, text };
      };
      return await Promise.race([exchange(), timedOut]);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (controller.signal.aborted) return await timedOut;
      throw new ApiError(
        0,
        'NETWORK',
        `${operation}: the license API could not be reached (${describe(error)})`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** GETs, keyed POSTs and dry runs may be re-sent when their outcome is unknown; nothing else. */
function resendable(call: Call<unknown>): boolean {
  return call.method === 'GET' || call.sideEffectFree === true || Boolean(call.headers?.['Idempotency-Key']);
}

/** A browser's `opaqueredirect` (status 0) or a visible 3xx; 304 is "not modified", not a redirect. */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/** Where sign-in lives on the sites we know of (sv, nb, en) and on the usual identity providers. */
const LOGIN_PATH = /log-?in|logga-?in|innlogging|sign-?in|auth|sso|saml|oauth|openid|idp|session/i;

function redirectError(operation: string, response: Response): ApiError {
  const location = response.type === 'opaqueredirect' ? null : response.headers.get('location');
  if (location === null || location === '' || LOGIN_PATH.test(location)) {
    return new ApiError(
      response.status,
      'SESSION_EXPIRED',
      `${operation}: redirected to a login page (the Skolon session has ended)`,
    );
  }
  return new ApiError(
    response.status,
    'HTTP',
    `${operation}: HTTP ${response.status}, redirected to ${location} (not followed)`,
  );
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
  if (response.status === 401) {
    // Any 401 (a proxy's or single sign-on's too) means signed out, whatever its body says.
    const said = parsed.success
      ? untrusted(parsed.output.error.message)
      : 'HTTP 401 (the Skolon session has ended)';
    return new ApiError(401, 'SESSION_EXPIRED', `${operation}: ${said}`);
  }
  if (parsed.success) {
    const { code, message } = parsed.output.error;
    return new ApiError(response.status, code, `${operation}: ${untrusted(message)}`, retryAfterMs);
  }
  return new ApiError(response.status, 'HTTP', `${operation}: HTTP ${response.status}`, retryAfterMs);
}

/** Retry-After in whole seconds (the contract) or an HTTP date, clamped to 0–120 s. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const clamp = (ms: number) => Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms));
  if (/^\d+$/.test(value.trim())) return clamp(Number(value.trim()) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : clamp(at - now);
}

const enc = encodeURIComponent;

/** What the server said (or what a schema quotes of its answer) as a short plain line: an error
 * message is shown and broadcast, and must not carry 10 MB or bidi controls of an answer. */
const UNTRUSTED_MAX = 160;
function untrusted(text: string): string {
  return clip(stripBidi(text), UNTRUSTED_MAX, { ellipsis: true });
}

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
