// The contract (../shared/license-api.yaml) under /api/admin/v1. Every request goes through one
// pipeline: latency → session expiry countdown → session (401) → CSRF on POST (403) → rate limit
// (429) → error fault (500/503) → malformed fault (200, truncated) → the operation. Faults answer
// before the operation runs, so a faulted request never has an effect. Nothing thrown escapes:
// an unexpected exception is a 500 INTERNAL with the Error body.
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { MAX_BATCH } from '../../../src/shared/model.ts';
import type { SandboxContext } from '../context.ts';
import type { AssigneeType } from '../data/generate.ts';
import { fold } from '../data/text.ts';
import type { LogEntry, OperationId } from '../log.ts';
import { SESSION_COOKIE, type SessionRec } from '../sessions.ts';
import { ApiError, decodeCursor, errorResponse, etagMatches, hash, json, page, parseLimit } from './http.ts';

export const API_BASE = '/api/admin/v1';
const MAX_BODY_CHARS = 1_000_000;
const MALFORMED_BODY = '{"data":[{"id":"a-0000","name":"Trunc';

interface Call {
  session: SessionRec;
  entry: Omit<LogEntry, 'seq'>;
}
type Handler = (c: Context, call: Call) => Response | Promise<Response>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) throw new ApiError(413, 'BATCH_TOO_LARGE', 'request body too large');
  if (text.trim() === '') throw new ApiError(400, 'BAD_REQUEST', 'a JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'the body is not valid JSON');
  }
}

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(422, 'INVALID', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function apiRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  const finish = (entry: Omit<LogEntry, 'seq'>, res: Response) => {
    entry.status = res.status;
    ctx.log.add(entry);
    return res;
  };

  const op =
    (operation: OperationId, handler: Handler) =>
    async (c: Context): Promise<Response> => {
      const url = new URL(c.req.url);
      const entry: Omit<LogEntry, 'seq'> = {
        at: new Date().toISOString(),
        operation,
        method: c.req.method,
        path: url.pathname + url.search,
        sessionId: null,
        status: 0,
      };
      const origin = c.req.header('origin');
      if (origin) entry.origin = origin;
      try {
        const f = ctx.faults.settings;
        if (f.latencyMs > 0) await sleep(f.latencyMs);
        if (ctx.faults.tickExpiry()) {
          ctx.sessions.expireAll();
          entry.fault = 'expired';
        }
        const session = ctx.sessions.get(getCookie(c, SESSION_COOKIE));
        if (!session) throw new ApiError(401, 'SESSION_EXPIRED', 'no valid session: sign in again');
        entry.sessionId = session.id;
        if (c.req.method === 'POST' && c.req.header('x-csrf-token') !== session.csrfToken) {
          throw new ApiError(403, 'CSRF_INVALID', 'missing or wrong X-CSRF-Token');
        }
        if (ctx.faults.rateLimited(session.id)) {
          entry.fault = 'rateLimit';
          throw new ApiError(429, 'RATE_LIMITED', 'too many requests', { 'retry-after': '1' });
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
            new Response(MALFORMED_BODY, {
              status: 200,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            }),
          );
        }
        return finish(entry, await handler(c, { session, entry }));
      } catch (e) {
        if (e instanceof ApiError) {
          entry.errorCode = e.code;
          return finish(entry, errorResponse(e.status, e.code, e.message, e.headers));
        }
        entry.errorCode = 'INTERNAL';
        console.error('[sandbox] unexpected error', e);
        return finish(entry, errorResponse(500, 'INTERNAL', 'internal error'));
      }
    };

  const schoolOf = (c: Context, call: Call): string => {
    const schoolId = c.req.param('schoolId') ?? '';
    call.entry.schoolId = schoolId;
    if (!ctx.store.school(schoolId)) throw new ApiError(404, 'NOT_FOUND', 'no such school');
    if (!call.session.schoolIds.includes(schoolId)) {
      throw new ApiError(403, 'NOT_ADMIN', 'you are not an administrator of this school');
    }
    return schoolId;
  };
  const toolOf = (c: Context, call: Call, schoolId: string): string => {
    const toolId = c.req.param('toolId') ?? '';
    call.entry.toolId = toolId;
    if (!ctx.store.hasTool(schoolId, toolId))
      throw new ApiError(404, 'NOT_FOUND', 'no such tool in this school');
    return toolId;
  };
  const notModified = (etag: string) =>
    new Response(null, { status: 304, headers: { etag, 'cache-control': 'no-cache' } });

  // --- getSession ---------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/session`,
    op('getSession', (_c, call) => json(200, ctx.sessions.view(call.session, ctx.store))),
  );

  // --- listTools ------------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/schools/:schoolId/tools`,
    op('listTools', (c, call) => {
      const schoolId = schoolOf(c, call);
      const q = c.req.query('q') ?? '';
      const limit = parseLimit(c.req.query('limit'), 50, 1, 200);
      const queryKey = `tools|${schoolId}|${q}`;
      const offset = decodeCursor(c.req.query('cursor'), queryKey);
      const etag = `"t${ctx.store.version(schoolId)}-${hash(call.entry.path)}"`;
      if (etagMatches(c.req.header('if-none-match'), etag)) return notModified(etag);
      const store = ctx.store;
      let tools = store.toolRecs(schoolId);
      if (q.trim()) {
        const needle = fold(q.trim());
        tools = tools.filter((t) => fold(t.name).includes(needle));
      }
      const { slice, nextCursor } = page(tools, offset, limit, queryKey);
      return json(
        200,
        { tools: slice.map((t) => store.toolView(schoolId, t)), nextCursor },
        { etag, 'cache-control': 'no-cache' },
      );
    }),
  );

  // --- getTool ----------------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/schools/:schoolId/tools/:toolId`,
    op('getTool', (c, call) => {
      const schoolId = schoolOf(c, call);
      const toolId = toolOf(c, call, schoolId);
      const detail = ctx.store.toolDetail(schoolId, toolId);
      if (!detail) throw new ApiError(404, 'NOT_FOUND', 'no such tool in this school');
      return json(200, detail);
    }),
  );

  // --- listAssignments ----------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/schools/:schoolId/tools/:toolId/assignments`,
    op('listAssignments', (c, call) => {
      const schoolId = schoolOf(c, call);
      const toolId = toolOf(c, call, schoolId);
      const licenseId = c.req.query('licenseId');
      const limit = parseLimit(c.req.query('limit'), 200, 1, 500);
      const queryKey = `assignments|${schoolId}|${toolId}|${licenseId ?? ''}`;
      const offset = decodeCursor(c.req.query('cursor'), queryKey);
      const store = ctx.store;
      if (licenseId !== undefined) {
        const l = store.license(licenseId);
        if (!l || l.schoolId !== schoolId || l.toolId !== toolId) {
          throw new ApiError(404, 'NOT_FOUND', 'no such license on this tool');
        }
      }
      const etag = `"a${store.version(schoolId)}-${hash(call.entry.path)}"`;
      if (etagMatches(c.req.header('if-none-match'), etag)) return notModified(etag);
      const all = store.activeForTool(schoolId, toolId, licenseId);
      const { slice, nextCursor } = page(all, offset, limit, queryKey);
      return json(
        200,
        { assignments: slice.map((a) => store.assignmentView(a)), nextCursor, total: all.length },
        { etag, 'cache-control': 'no-cache' },
      );
    }),
  );

  // --- assign ----------------------------------------------------------------------------------------------
  app.post(
    `${API_BASE}/schools/:schoolId/tools/:toolId/assignments`,
    op('assign', async (c, call) => {
      const schoolId = schoolOf(c, call);
      const toolId = toolOf(c, call, schoolId);
      const body = asObject(await readJson(c));
      const { licenseId, assignees } = body;
      if (Array.isArray(assignees) && assignees.length > MAX_BATCH) {
        throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${MAX_BATCH} assignees a call`);
      }
      if (typeof licenseId !== 'string') throw new ApiError(422, 'INVALID', 'licenseId must be a string');
      if (!Array.isArray(assignees) || assignees.length === 0) {
        throw new ApiError(422, 'INVALID', 'assignees must be a non-empty array');
      }
      const refs = assignees.map((a, i) => {
        const r = a as { type?: unknown; id?: unknown } | null;
        if (
          typeof r !== 'object' ||
          r === null ||
          Array.isArray(r) ||
          (r.type !== 'USER' && r.type !== 'GROUP')
        ) {
          throw new ApiError(422, 'INVALID', `assignees[${i}].type must be USER or GROUP`);
        }
        if (typeof r.id !== 'string')
          throw new ApiError(422, 'INVALID', `assignees[${i}].id must be a string`);
        return { type: r.type as AssigneeType, id: r.id };
      });
      call.entry.ids = refs.map((r) => r.id);
      const license = ctx.store.license(licenseId);
      if (!license || license.schoolId !== schoolId || license.toolId !== toolId) {
        throw new ApiError(404, 'NOT_FOUND', 'no such license on this tool');
      }
      const results = ctx.store.assign(license, refs);
      call.entry.outcomes = results.map((r) => ({
        id: r.assignee.id,
        outcome: r.outcome,
        ...(r.assignmentId ? { assignmentId: r.assignmentId } : {}),
      }));
      return json(200, { results });
    }),
  );

  // --- revoke ------------------------------------------------------------------------------------------------
  app.post(
    `${API_BASE}/schools/:schoolId/tools/:toolId/assignments/revoke`,
    op('revoke', async (c, call) => {
      const schoolId = schoolOf(c, call);
      const toolId = toolOf(c, call, schoolId);
      const key = c.req.header('idempotency-key');
      if (key !== undefined) {
        call.entry.idempotencyKey = key;
        if (key.length === 0 || key.length > 100) {
          throw new ApiError(422, 'INVALID', 'Idempotency-Key must be 1 to 100 characters');
        }
      }
      const body = asObject(await readJson(c));
      const { assignmentIds, dryRun } = body;
      if (Array.isArray(assignmentIds) && assignmentIds.length > MAX_BATCH) {
        throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${MAX_BATCH} assignment ids a call`);
      }
      if (!Array.isArray(assignmentIds) || assignmentIds.length === 0) {
        throw new ApiError(422, 'INVALID', 'assignmentIds must be a non-empty array');
      }
      if (!assignmentIds.every((id): id is string => typeof id === 'string')) {
        throw new ApiError(422, 'INVALID', 'assignmentIds must hold strings');
      }
      if (dryRun !== undefined && typeof dryRun !== 'boolean') {
        throw new ApiError(422, 'INVALID', 'dryRun must be a boolean');
      }
      const isDry = dryRun === true;
      call.entry.ids = assignmentIds;
      call.entry.dryRun = isDry;
      const fingerprint = `${schoolId}|${toolId}|${isDry}|${JSON.stringify(assignmentIds)}`;
      if (key !== undefined) {
        const stored = call.session.idempotency.get(key);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new ApiError(422, 'INVALID', 'Idempotency-Key was used with a different request');
          }
          call.entry.replayed = true;
          return new Response(stored.body, {
            status: stored.status,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'cache-control': 'no-store',
              'idempotent-replayed': 'true',
            },
          });
        }
      }
      const accessible = new Set(call.session.schoolIds);
      const results = ctx.store.revoke(schoolId, toolId, assignmentIds, isDry, accessible);
      call.entry.outcomes = results.map((r) => ({ id: r.assignmentId, outcome: r.outcome }));
      const text = JSON.stringify({ dryRun: isDry, results });
      if (key !== undefined) call.session.idempotency.set(key, { fingerprint, status: 200, body: text });
      return new Response(text, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    }),
  );

  // --- searchPeople ------------------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/schools/:schoolId/people`,
    op('searchPeople', (c, call) => {
      const schoolId = schoolOf(c, call);
      const q = c.req.query('q');
      if (q === undefined || q.length === 0) throw new ApiError(422, 'INVALID', 'q is required');
      const limit = parseLimit(c.req.query('limit'), 20, 1, 50);
      return json(200, { people: ctx.store.searchPeople(schoolId, q, limit) });
    }),
  );

  // --- listAssignmentsOf -----------------------------------------------------------------------------------------
  app.get(
    `${API_BASE}/schools/:schoolId/people/:assigneeType/:assigneeId/assignments`,
    op('listAssignmentsOf', (c, call) => {
      const schoolId = schoolOf(c, call);
      const type = c.req.param('assigneeType');
      const id = c.req.param('assigneeId') ?? '';
      if (type !== 'USER' && type !== 'GROUP')
        throw new ApiError(422, 'INVALID', 'assigneeType must be USER or GROUP');
      const member = type === 'USER' ? ctx.store.user(id) : ctx.store.group(id);
      if (!member || member.schoolId !== schoolId) {
        throw new ApiError(404, 'NOT_FOUND', `no such ${type === 'USER' ? 'user' : 'group'} in this school`);
      }
      call.entry.ids = [id];
      return json(200, { assignments: ctx.store.assignmentsOf(schoolId, type, id) });
    }),
  );

  // Anything else under /api: 404 with the Error body (no session needed to learn a route is unknown).
  app.all('/api/*', (c) => {
    const url = new URL(c.req.url);
    const entry: Omit<LogEntry, 'seq'> = {
      at: new Date().toISOString(),
      operation: 'unknown',
      method: c.req.method,
      path: url.pathname + url.search,
      sessionId: ctx.sessions.get(getCookie(c, SESSION_COOKIE))?.id ?? null,
      status: 404,
      errorCode: 'NOT_FOUND',
    };
    return finish(entry, errorResponse(404, 'NOT_FOUND', 'no such API route'));
  });

  return app;
}
