// The request pipeline shared by the contract API (./routes.ts) and the page's private API
// (./private-routes.ts): latency (and spikes) → session expiry countdown → session (401) → CSRF on
// POST (403) → rate limit (429) → 429 burst → error fault (500/503) → malformed fault (200,
// truncated) → the operation. These faults answer before the operation runs, so such a faulted
// request never has an effect (the faults after the effect live in the revoke route). Nothing
// thrown escapes: an unexpected exception is a 500 INTERNAL. Every request is logged, listed as
// in flight until it is answered, and marked `clientClosed` when the client hangs up first.
import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { SandboxContext } from '../context.ts';
import type { ApiFlavour, LogEntry, OperationId } from '../log.ts';
import { SESSION_COOKIE, type SessionRec } from '../sessions.ts';
import { ApiError } from './http.ts';

export interface Call {
  session: SessionRec;
  entry: Omit<LogEntry, 'seq'>;
}
export type Handler = (c: Context, call: Call) => Response | Promise<Response>;

export interface Flavour {
  api: ApiFlavour;
  /** The request header that must carry the session's token on every POST. */
  csrfHeader: string;
  csrfToken(session: SessionRec): string;
  /** The error body of this API for an ApiError (status and headers come from it). */
  error(e: ApiError): Response;
  /** A 200 body cut short, for the malformed fault. */
  malformedBody: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function newEntry(c: Context, operation: OperationId, api: ApiFlavour): Omit<LogEntry, 'seq'> {
  const url = new URL(c.req.url);
  const entry: Omit<LogEntry, 'seq'> = {
    at: new Date().toISOString(),
    operation,
    api,
    method: c.req.method,
    path: url.pathname + url.search,
    sessionId: null,
    status: 0,
  };
  const origin = c.req.header('origin');
  if (origin) entry.origin = origin;
  return entry;
}

/** The faults that close the connection themselves (not the client hanging up). */
const SERVER_CLOSES = new Set(['dropAfterCommit', 'truncateAfterCommit']);

/**
 * Marks the entry (or, once logged, its log record) `clientClosed` when the connection closes
 * before the whole answer was written and the sandbox did not close it itself. Node server only.
 */
function watchClientClose(c: Context, entry: Omit<LogEntry, 'seq'>, logged: () => LogEntry | null): void {
  const env = c.env as { outgoing?: ServerResponse } | undefined;
  const outgoing = env?.outgoing;
  if (typeof outgoing?.once !== 'function') return;
  outgoing.once('close', () => {
    if (outgoing.writableFinished || SERVER_CLOSES.has(entry.fault ?? '')) return;
    const target = logged() ?? entry;
    target.clientClosed = true;
    target.closedAt = new Date().toISOString();
  });
}

/** Wraps a handler of one operation in the pipeline. */
export function pipeline(ctx: SandboxContext, flavour: Flavour) {
  return (operation: OperationId, handler: Handler) =>
    async (c: Context): Promise<Response> => {
      const entry = newEntry(c, operation, flavour.api);
      let logged: LogEntry | null = null;
      const finish = (e: Omit<LogEntry, 'seq'>, res: Response) => {
        e.status = res.status;
        logged = ctx.log.add(e);
        return res;
      };
      ctx.log.begin(entry);
      watchClientClose(c, entry, () => logged);
      try {
        // The request is received whole before anything else (hono keeps the text for readJson), as
        // a real server reads it: a client that hangs up during the latency no longer cancels it.
        if (c.req.method === 'POST') await c.req.text().catch(() => '');
        const f = ctx.faults.settings;
        const delay = f.latencyMs + ctx.faults.rollLatencySpike();
        if (delay > 0) {
          entry.delayMs = delay;
          await sleep(delay);
        }
        if (ctx.faults.tickExpiry()) {
          ctx.sessions.expireAll();
          entry.fault = 'expired';
        }
        const session = ctx.sessions.get(getCookie(c, SESSION_COOKIE));
        if (!session) throw new ApiError(401, 'SESSION_EXPIRED', 'no valid session: sign in again');
        entry.sessionId = session.id;
        if (c.req.method === 'POST' && c.req.header(flavour.csrfHeader) !== flavour.csrfToken(session)) {
          throw new ApiError(403, 'CSRF_INVALID', `missing or wrong ${flavour.csrfHeader}`);
        }
        if (ctx.faults.rateLimited(session.id)) {
          entry.fault = 'rateLimit';
          throw new ApiError(429, 'RATE_LIMITED', 'too many requests', { 'retry-after': '1' });
        }
        const burst = ctx.faults.rateLimitBurst();
        if (burst !== null) {
          entry.fault = 'rateLimitBurst';
          throw new ApiError(429, 'RATE_LIMITED', 'injected fault: the server is busy', {
            'retry-after': String(burst),
          });
        }
        const err = ctx.faults.rollError();
        if (err === 'INTERNAL') {
          entry.fault = 'error';
          throw new ApiError(500, 'INTERNAL', 'injected fault: internal error');
        }
        if (err === 'UNAVAILABLE') {
          entry.fault = 'error';
          throw new ApiError(503, 'UNAVAILABLE', 'injected fault: service unavailable', {
            'retry-after': '1',
          });
        }
        if (ctx.faults.rollMalformed()) {
          entry.fault = 'malformed';
          return finish(
            entry,
            new Response(flavour.malformedBody, {
              status: 200,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            }),
          );
        }
        return finish(entry, await handler(c, { session, entry }));
      } catch (e) {
        if (e instanceof ApiError) {
          entry.errorCode = e.code;
          return finish(entry, flavour.error(e));
        }
        entry.errorCode = 'INTERNAL';
        console.error('[sandbox] unexpected error', e);
        return finish(entry, flavour.error(new ApiError(500, 'INTERNAL', 'internal error')));
      }
    };
}

const MAX_BODY_CHARS = 1_000_000;

export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) throw new ApiError(413, 'BATCH_TOO_LARGE', 'request body too large');
  if (text.trim() === '') throw new ApiError(400, 'BAD_REQUEST', 'a JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'the body is not valid JSON');
  }
}

export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(422, 'INVALID', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** The school of the route (`:schoolId` or another param name), checked against the session. */
export function schoolOf(ctx: SandboxContext, c: Context, call: Call, param = 'schoolId'): string {
  const schoolId = c.req.param(param) ?? '';
  call.entry.schoolId = schoolId;
  if (!ctx.store.school(schoolId)) throw new ApiError(404, 'NOT_FOUND', 'no such school');
  if (!call.session.schoolIds.includes(schoolId)) {
    throw new ApiError(403, 'NOT_ADMIN', 'you are not an administrator of this school');
  }
  return schoolId;
}

export function toolOf(
  ctx: SandboxContext,
  c: Context,
  call: Call,
  schoolId: string,
  param = 'toolId',
): string {
  const toolId = c.req.param(param) ?? '';
  call.entry.toolId = toolId;
  if (!ctx.store.hasTool(schoolId, toolId))
    throw new ApiError(404, 'NOT_FOUND', 'no such tool in this school');
  return toolId;
}
