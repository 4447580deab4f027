// The page's private API (--api private; shapes in ./private-shapes.ts). Same data, same session
// cookie, same faults and the same call log as the contract: a withdrawal is logged as operation
// 'revoke' with per-item outcomes exactly like a contract revoke, and reads as getSession,
// listTools, getTool and listAssignments (with api: 'private').
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../../../src/shared/model.ts';
import type { SandboxContext } from '../context.ts';
import type { AssigneeType, AssignmentRec } from '../data/generate.ts';
import { fold } from '../data/text.ts';
import { SESSION_COOKIE } from '../sessions.ts';
import {
  ApiError,
  decodeAfterCursor,
  decodeCursor,
  encodeAfterCursor,
  indexAfter,
  json,
  page,
  parseLimit,
} from './http.ts';
import {
  asObject,
  type Call,
  type Flavour,
  newEntry,
  pipeline,
  readJson,
  schoolOf,
  toolOf,
} from './pipeline.ts';
import {
  type PAudience,
  type PBootstrap,
  type PCatalogEntry,
  type PGrantResult,
  type PHolder,
  type PHolderPage,
  type PKeptReason,
  type PProblem,
  type PProblemType,
  type PProduct,
  type PReleaseResult,
  PRIVATE_BASE,
  PRIVATE_MAX_BATCH,
  PRIVATE_XSRF_HEADER,
} from './private-shapes.ts';

const PROBLEM_OF: Record<string, PProblemType> = {
  SESSION_EXPIRED: 'auth',
  CSRF_INVALID: 'xsrf',
  NOT_ADMIN: 'forbidden',
  NOT_FOUND: 'missing',
  BAD_REQUEST: 'bad-input',
  INVALID: 'bad-input',
  BATCH_TOO_LARGE: 'too-many',
  RATE_LIMITED: 'throttled',
  INTERNAL: 'server',
  UNAVAILABLE: 'unavailable',
};

function problem(e: ApiError): Response {
  const body: PProblem = { problem: { type: PROBLEM_OF[e.code] ?? 'server', detail: e.message } };
  return json(e.status, body, e.headers);
}

const PRIVATE_FLAVOUR: Flavour = {
  api: 'private',
  csrfHeader: PRIVATE_XSRF_HEADER.toLowerCase(),
  csrfToken: (session) => session.appXsrf,
  error: problem,
  malformedBody: '{"holders":[{"ref":"a-0000","holder":{"label":"Trunc',
};

const AUDIENCE: Record<Role, PAudience> = { STUDENT: 'pupil', TEACHER: 'teacher', ADMIN: 'staff' };
const KIND = { SINGLE: 'single', CLASS: 'class', SCHOOL: 'site' } as const;
const TOOL_KIND = { INTEGRATED: 'integrated', FREE: 'free', LOCAL: 'local', EXTERNAL: 'external' } as const;
const KEPT: Record<string, PKeptReason> = {
  ALREADY_REVOKED: 'already-released',
  NOT_FOUND: 'unknown',
  FORBIDDEN: 'denied',
  FAILED: 'failed',
};

export function privateRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const op = pipeline(ctx, PRIVATE_FLAVOUR);
  const B = PRIVATE_BASE;
  const unitOf = (c: Context, call: Call) => schoolOf(ctx, c, call, 'unit');
  const productOf = (c: Context, call: Call, unit: string) => toolOf(ctx, c, call, unit, 'ref');

  const entry = (unit: string, toolId: string): PCatalogEntry => {
    const rec = ctx.store.toolRecs(unit).find((t) => t.id === toolId);
    if (!rec) throw new ApiError(404, 'NOT_FOUND', 'no such product');
    const t = ctx.store.toolView(unit, rec);
    return {
      ref: t.id,
      label: t.name,
      vendor: t.supplier ?? null,
      kind: TOOL_KIND[t.toolType],
      seatsTotal: t.seats,
      seatsTaken: t.assigned,
      nextExpiry: t.nextExpiry ?? null,
      category: t.category ?? null,
      levels: t.grades ?? [],
    };
  };

  const holderOf = (a: AssignmentRec): PHolder => {
    const v = ctx.store.assigneeView(a.assigneeType, a.assigneeId);
    const holder: PHolder['holder'] = {
      kind: v.type === 'USER' ? 'person' : 'group',
      ref: v.id,
      label: v.name,
    };
    if (v.email !== undefined) holder.mail = v.email;
    if (v.role !== undefined) holder.audience = AUDIENCE[v.role];
    if (v.groups !== undefined) holder.groups = v.groups.map((g) => ({ ref: g.id, label: g.name }));
    if (v.active !== undefined) holder.enabled = v.active;
    if (v.memberCount !== undefined) holder.size = v.memberCount;
    return { ref: a.id, entitlement: a.licenseId, pool: a.poolId, since: a.assignedAt, holder };
  };

  app.get(
    `${B}/bootstrap`,
    op('getSession', (_c, call) => {
      const s = ctx.sessions.view(call.session, ctx.store);
      const body: PBootstrap = {
        viewer: { uid: s.user.id, fullName: s.user.name, mail: s.user.email ?? '' },
        access: s.role === 'ORG_ADMIN' ? 'org-admin' : 'school-admin',
        owner: { ref: s.organization?.id ?? '', label: s.organization?.name ?? '' },
        units: s.schools.map((u) => ({ ref: u.id, label: u.name })),
        unit: s.activeSchoolId,
        language: s.locale,
        xsrf: call.session.appXsrf,
      };
      return json(200, body);
    }),
  );

  app.get(
    `${B}/units/:unit/catalog`,
    op('listTools', (c, call) => {
      const unit = unitOf(c, call);
      const term = c.req.query('term') ?? '';
      const take = parseLimit(c.req.query('take'), 50, 1, 200);
      const queryKey = `catalog|${unit}|${term}`;
      const offset = decodeCursor(c.req.query('from'), queryKey);
      let tools = ctx.store.toolRecs(unit);
      if (term.trim()) {
        const needle = fold(term.trim());
        tools = tools.filter((t) => fold(t.name).includes(needle));
      }
      const { slice, nextCursor } = page(tools, offset, take, queryKey);
      return json(200, { entries: slice.map((t) => entry(unit, t.id)), more: nextCursor });
    }),
  );

  app.get(
    `${B}/units/:unit/catalog/:ref`,
    op('getTool', (c, call) => {
      const unit = unitOf(c, call);
      const toolId = productOf(c, call, unit);
      const detail = ctx.store.toolDetail(unit, toolId);
      if (!detail) throw new ApiError(404, 'NOT_FOUND', 'no such product');
      const body: PProduct = {
        entry: entry(unit, toolId),
        entitlements: detail.licenses.map((l) => ({
          ref: l.id,
          type: KIND[l.kind],
          capacity: l.seats,
          taken: l.assigned,
          expires: l.validUntil,
          audience: l.availableTo.map((r) => AUDIENCE[r]),
          poolRef: l.poolId ?? null,
        })),
        pools: detail.pools.map((p) => ({
          ref: p.id,
          label: p.name,
          entitlements: p.licenseIds,
          capacity: p.seats,
          taken: p.assigned,
          autoAdd: p.autoAddNewLicenses ?? false,
        })),
      };
      return json(200, body);
    }),
  );

  app.get(
    `${B}/units/:unit/catalog/:ref/holders`,
    op('listAssignments', (c, call) => {
      const unit = unitOf(c, call);
      const toolId = productOf(c, call, unit);
      const store = ctx.store;
      const all = store.licensesOf(unit, toolId).map((l) => l.id);
      const asked = c.req.query('entitlements');
      const licenseIds = asked === undefined || asked === '' ? all : [...new Set(asked.split(','))].sort();
      for (const id of licenseIds) {
        if (!all.includes(id)) throw new ApiError(404, 'NOT_FOUND', 'no such entitlement on this product');
      }
      const take = parseLimit(c.req.query('take'), 100, 1, 500);
      const queryKey = `holders|${unit}|${toolId}|${licenseIds.join(',')}`;
      const from = decodeAfterCursor(c.req.query('from'), queryKey);
      const list = store.holdersByName(unit, toolId, licenseIds);
      let offset = 0;
      if (from !== undefined) {
        const last = store.assignment(from);
        if (
          !last ||
          last.schoolId !== unit ||
          last.toolId !== toolId ||
          !licenseIds.includes(last.licenseId)
        ) {
          throw new ApiError(400, 'BAD_REQUEST', 'invalid cursor');
        }
        // Keyset: the rows after the last one shown, even if that one (or others) was withdrawn since.
        const key = store.holderSortKey(last);
        offset = indexAfter(list, key, (a, k) => {
          const ak = store.holderSortKey(a);
          return ak < k ? -1 : ak > k ? 1 : 0;
        });
      }
      const slice = list.slice(offset, offset + take);
      const lastRow = slice[slice.length - 1];
      const body: PHolderPage = {
        holders: slice.map(holderOf),
        more: lastRow && offset + take < list.length ? encodeAfterCursor(lastRow.id, queryKey) : null,
        count: list.length,
      };
      return json(200, body);
    }),
  );

  app.post(
    `${B}/units/:unit/catalog/:ref/holders/release`,
    op('revoke', async (c, call) => {
      const unit = unitOf(c, call);
      const toolId = productOf(c, call, unit);
      const { refs } = asObject(await readJson(c));
      if (Array.isArray(refs) && refs.length > PRIVATE_MAX_BATCH) {
        throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${PRIVATE_MAX_BATCH} refs a call`);
      }
      if (
        !Array.isArray(refs) ||
        refs.length === 0 ||
        !refs.every((r): r is string => typeof r === 'string')
      ) {
        throw new ApiError(422, 'INVALID', 'refs must be a non-empty array of strings');
      }
      call.entry.ids = refs;
      call.entry.dryRun = false;
      const results = ctx.store.revoke(unit, toolId, refs, false, new Set(call.session.schoolIds));
      call.entry.outcomes = results.map((r) => ({ id: r.assignmentId, outcome: r.outcome }));
      const body: PReleaseResult = {
        released: results.filter((r) => r.outcome === 'REVOKED').map((r) => r.assignmentId),
        kept: results
          .filter((r) => r.outcome !== 'REVOKED')
          .map((r) => ({ ref: r.assignmentId, why: KEPT[r.outcome] ?? 'failed' })),
      };
      return json(200, body);
    }),
  );

  app.post(
    `${B}/units/:unit/catalog/:ref/holders/grant`,
    op('assign', async (c, call) => {
      const unit = unitOf(c, call);
      const toolId = productOf(c, call, unit);
      const { entitlement, holders } = asObject(await readJson(c));
      if (Array.isArray(holders) && holders.length > PRIVATE_MAX_BATCH) {
        throw new ApiError(413, 'BATCH_TOO_LARGE', `at most ${PRIVATE_MAX_BATCH} holders a call`);
      }
      if (typeof entitlement !== 'string') throw new ApiError(422, 'INVALID', 'entitlement must be a string');
      if (!Array.isArray(holders) || holders.length === 0) {
        throw new ApiError(422, 'INVALID', 'holders must be a non-empty array');
      }
      const refs = holders.map((h, i) => {
        const r = h as { kind?: unknown; ref?: unknown } | null;
        if (typeof r !== 'object' || r === null || (r.kind !== 'person' && r.kind !== 'group')) {
          throw new ApiError(422, 'INVALID', `holders[${i}].kind must be person or group`);
        }
        if (typeof r.ref !== 'string')
          throw new ApiError(422, 'INVALID', `holders[${i}].ref must be a string`);
        return { type: (r.kind === 'person' ? 'USER' : 'GROUP') as AssigneeType, id: r.ref };
      });
      call.entry.ids = refs.map((r) => r.id);
      const license = ctx.store.license(entitlement);
      if (!license || license.schoolId !== unit || license.toolId !== toolId) {
        throw new ApiError(404, 'NOT_FOUND', 'no such entitlement on this product');
      }
      const results = ctx.store.assign(license, refs);
      call.entry.outcomes = results.map((r) => ({
        id: r.assignee.id,
        outcome: r.outcome,
        ...(r.assignmentId ? { assignmentId: r.assignmentId } : {}),
      }));
      const kind = (t: AssigneeType) => (t === 'USER' ? 'person' : 'group') as 'person' | 'group';
      const body: PGrantResult = { granted: [], refused: [] };
      for (const r of results) {
        if ((r.outcome === 'ASSIGNED' || r.outcome === 'ALREADY_ASSIGNED') && r.assignmentId) {
          body.granted.push({
            kind: kind(r.assignee.type),
            ref: r.assignee.id,
            holding: r.assignmentId,
            already: r.outcome === 'ALREADY_ASSIGNED',
          });
        } else {
          body.refused.push({
            kind: kind(r.assignee.type),
            ref: r.assignee.id,
            why:
              r.outcome === 'NO_SEATS'
                ? 'no-seats'
                : r.outcome === 'NOT_ELIGIBLE'
                  ? 'not-eligible'
                  : 'failed',
          });
        }
      }
      return json(200, body);
    }),
  );

  app.all(`${B}/*`, (c) => {
    const e = newEntry(c, 'unknown', 'private');
    e.sessionId = ctx.sessions.get(getCookie(c, SESSION_COOKIE))?.id ?? null;
    e.status = 404;
    e.errorCode = 'NOT_FOUND';
    ctx.log.add(e);
    return problem(new ApiError(404, 'NOT_FOUND', 'no such route'));
  });

  return app;
}
