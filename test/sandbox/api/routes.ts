// The contract (test/sandbox/contract/license-api.yaml) under /api/admin/v1, through the request pipeline of
// ./pipeline.ts (faults, session, X-CSRF-Token, logging). With --api private the whole contract
// answers 404 with an HTML page instead (see server.ts): the page then uses ./private-routes.ts.
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { MAX_BATCH } from '../../../src/shared/model.ts';
import type { SandboxContext } from '../context.ts';
import type { AssigneeType } from '../data/generate.ts';
import { fold } from '../data/text.ts';
import type { LogEntry } from '../log.ts';
import { SESSION_COOKIE } from '../sessions.ts';
import {
  ApiError,
  decodeAfterCursor,
  decodeCursor,
  encodeAfterCursor,
  errorResponse,
  etagMatches,
  hash,
  json,
  page,
  parseLimit,
} from './http.ts';
import {
  asObject,
  type Call,
  type Flavour,
  pipeline,
  readJson,
  schoolOf as schoolParam,
  toolOf as toolParam,
} from './pipeline.ts';

const API_BASE = '/api/admin/v1';
const MALFORMED_BODY = '{"data":[{"id":"a-0000","name":"Trunc';

const CONTRACT_FLAVOUR: Flavour = {
  api: 'contract',
  csrfHeader: 'x-csrf-token',
  csrfToken: (session) => session.csrfToken,
  error: (e) => errorResponse(e.status, e.code, e.message, e.headers),
  malformedBody: MALFORMED_BODY,
};

/** Destroys the request's TCP connection (Node server): the client sees a network error, no answer. */
function dropConnection(c: Context): void {
  const env = c.env as { incoming?: { socket?: { destroy(): void } } } | undefined;
  env?.incoming?.socket?.destroy();
}

/**
 * Sends the status line, the headers (Content-Length of the whole body) and the first half of the
 * body, then closes the connection: the client has an answer it cannot read to the end. Outside
 * the Node server (no raw response), a 200 with half the body.
 */
function truncatedAnswer(c: Context, text: string): Response {
  const body = Buffer.from(text, 'utf8');
  const half = body.subarray(0, Math.floor(body.length / 2));
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (typeof outgoing?.writeHead !== 'function') return new Response(half, { status: 200, headers });
  outgoing.writeHead(200, { ...headers, 'content-length': String(body.length) });
  outgoing.write(half, () => outgoing.socket?.destroy());
  return RESPONSE_ALREADY_SENT;
}

export function apiRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const op = pipeline(ctx, CONTRACT_FLAVOUR);
  const finish = (entry: Omit<LogEntry, 'seq'>, res: Response) => {
    entry.status = res.status;
    ctx.log.add(entry);
    return res;
  };
  const schoolOf = (c: Context, call: Call) => schoolParam(ctx, c, call);
  const toolOf = (c: Context, call: Call, schoolId: string) => toolParam(ctx, c, call, schoolId);
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
      const after = decodeAfterCursor(c.req.query('cursor'), queryKey);
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
      // Keyset paging: the cursor names the last assignment of the previous page, so rows revoked
      // between two pages shift nothing (no row skipped, none repeated).
      const offset = after === undefined ? 0 : store.indexAfterAssignment(schoolId, toolId, licenseId, after);
      if (offset === undefined) throw new ApiError(400, 'BAD_REQUEST', 'invalid cursor');
      const slice = all.slice(offset, offset + limit);
      const last = slice[slice.length - 1];
      const nextCursor = last && offset + limit < all.length ? encodeAfterCursor(last.id, queryKey) : null;
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
      // Faults after the effect (never for dry runs): the answer leaves outcomes out, or never comes.
      const omit = isDry ? 0 : ctx.faults.takeOmissions(results.length);
      const left = new Set(omit > 0 ? ctx.faults.omittedIndexes(results.length, omit) : []);
      if (left.size > 0) {
        call.entry.fault = 'omitOutcomes';
        call.entry.omitted = results.filter((_, i) => left.has(i)).map((r) => r.assignmentId);
      }
      const answered = results.filter((_, i) => !left.has(i));
      const text = JSON.stringify({ dryRun: isDry, results: answered });
      if (key !== undefined) call.session.idempotency.set(key, { fingerprint, status: 200, body: text });
      if (!isDry && ctx.faults.rollDropAfterCommit()) {
        call.entry.fault = 'dropAfterCommit';
        dropConnection(c);
      } else if (!isDry && ctx.faults.rollTruncateAfterCommit()) {
        call.entry.fault = 'truncateAfterCommit';
        return truncatedAnswer(c, text);
      } else if (!isDry && ctx.faults.settings.slowAfterCommitMs > 0) {
        call.entry.fault = 'slowAfterCommit';
        await new Promise((resolve) => setTimeout(resolve, ctx.faults.settings.slowAfterCommitMs));
      }
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
      api: 'contract',
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
