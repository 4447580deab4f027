// Test controls under /__sandbox/ (sandbox only; no session or CSRF needed):
//   POST /__sandbox/login {role, locale}           → 200 {csrfToken, sessionId, cookie, session} + Set-Cookie
//   GET  /__sandbox/login?role=&locale=&next=       → Set-Cookie + 302 to next (default: the tool list of the
//        routing, /skoladmin/verktyg or /app/#/tools; next may hold a fragment: next=/app/%23/tools/ID)
//   POST /__sandbox/logout                          → ends the cookie's session
//   POST /__sandbox/reset                           → seed data back, faults and log cleared; sessions stay valid
//   POST /__sandbox/faults {latencyMs, errorRate, rateLimitPerSecond, expireSessionAfterRequests, malformedRate,
//        omitOutcomes, dropAfterCommitRate, truncateAfterCommitRate, slowAfterCommitMs, latencySpikeRate,
//        latencySpikeMs, rateLimitBurstRate} (see faults.ts)
//        (the body replaces all settings: omitted = off, {} clears all)   GET /__sandbox/faults → current
//   GET  /__sandbox/log[?operation=revoke&since=seq] → {calls: LogEntry[]}   POST /__sandbox/log/clear
//   GET  /__sandbox/log?inFlight=1                  → {calls: (LogEntry & {inFlight: true})[]}: received, not
//        yet answered (no seq yet)
//   GET  /__sandbox/state/tools[?schoolId=]         → {schoolId, today, tools: (Tool & {licenses, pools})[]}
//   GET  /__sandbox/state/assignments[?schoolId=&toolId=&licenseId=] → {assignments: AssignmentWithTool[]}
//   GET  /__sandbox/state/info                      → {seed, students, today, modes, landing}
//   POST /__sandbox/classes {userId, groupIds}       → moves a person into these classes (404 when unknown)
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Locale } from '../../src/shared/model.ts';
import { errorResponse, json } from './api/http.ts';
import type { SandboxContext } from './context.ts';
import { DEMO_SCHOOL_ID } from './data/fixtures.ts';
import { parseFaults } from './faults.ts';
import { landingPath, type Routing } from './modes.ts';
import { type AdminRole, SESSION_COOKIE } from './sessions.ts';

const ROLES: readonly AdminRole[] = ['SCHOOL_ADMIN', 'ORG_ADMIN'];
const LOCALES: readonly Locale[] = ['sv', 'nb', 'en'];

function parseLogin(role: unknown, locale: unknown): { role: AdminRole; locale: Locale } | string {
  const r = role ?? 'SCHOOL_ADMIN';
  const l = locale ?? 'sv';
  if (!ROLES.includes(r as AdminRole)) return 'role must be SCHOOL_ADMIN or ORG_ADMIN';
  if (!LOCALES.includes(l as Locale)) return 'locale must be sv, nb or en';
  return { role: r as AdminRole, locale: l as Locale };
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  return JSON.parse(text);
}

/** Only same-site paths ("/skoladmin/…", "/app/#/tools/…"), never "//evil" or "https://…". */
function safeNext(next: string | undefined, routing: Routing): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return landingPath(routing);
  return next;
}

export function controlRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  const login = (c: Context, role: AdminRole, locale: Locale) => {
    const s = ctx.sessions.create(role, locale);
    setCookie(c, SESSION_COOKIE, s.id, { path: '/', httpOnly: true, sameSite: 'Lax' });
    return s;
  };

  app.post('/__sandbox/login', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c);
    } catch {
      return errorResponse(400, 'BAD_REQUEST', 'the body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return errorResponse(422, 'INVALID', 'the body must be a JSON object');
    }
    const b = body as { role?: unknown; locale?: unknown };
    const parsed = parseLogin(b.role, b.locale);
    if (typeof parsed === 'string') return errorResponse(422, 'INVALID', parsed);
    const s = login(c, parsed.role, parsed.locale);
    return c.json({
      csrfToken: s.csrfToken,
      sessionId: s.id,
      cookie: `${SESSION_COOKIE}=${s.id}`,
      session: ctx.sessions.view(s, ctx.store),
    });
  });

  app.get('/__sandbox/login', (c) => {
    const parsed = parseLogin(c.req.query('role'), c.req.query('locale'));
    if (typeof parsed === 'string') return errorResponse(422, 'INVALID', parsed);
    login(c, parsed.role, parsed.locale);
    return c.redirect(safeNext(c.req.query('next'), ctx.modes.routing), 302);
  });

  app.post('/__sandbox/logout', (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) ctx.sessions.delete(id);
    setCookie(c, SESSION_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 0 });
    return c.json({ ok: true });
  });

  app.post('/__sandbox/reset', (c) => {
    ctx.reset();
    return c.json({ ok: true });
  });

  app.post('/__sandbox/classes', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c);
    } catch {
      return errorResponse(400, 'BAD_REQUEST', 'expected a JSON body');
    }
    const b = body as { userId?: unknown; groupIds?: unknown };
    const groupIds =
      Array.isArray(b.groupIds) && b.groupIds.every((g) => typeof g === 'string') ? b.groupIds : null;
    if (typeof b.userId !== 'string' || !groupIds)
      return errorResponse(400, 'BAD_REQUEST', 'expected {userId: string, groupIds: string[]}');
    if (!ctx.store.setClasses(b.userId, groupIds))
      return errorResponse(404, 'NOT_FOUND', 'no such user, or a class of another school');
    return c.json({ ok: true });
  });

  app.get('/__sandbox/faults', (c) => c.json({ faults: ctx.faults.settings }));
  app.post('/__sandbox/faults', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c);
    } catch {
      return errorResponse(400, 'BAD_REQUEST', 'the body is not valid JSON');
    }
    const parsed = parseFaults(body);
    if (typeof parsed === 'string') return errorResponse(422, 'INVALID', parsed);
    if (ctx.faults.set(parsed)) ctx.sessions.expireAll();
    return c.json({ faults: ctx.faults.settings });
  });

  app.get('/__sandbox/log', (c) => {
    if (c.req.query('inFlight') === '1') return c.json({ calls: ctx.log.inFlight() });
    const since = c.req.query('since');
    const calls = ctx.log.list({
      operation: c.req.query('operation'),
      since: since !== undefined && /^\d+$/.test(since) ? Number(since) : undefined,
    });
    return c.json({ calls });
  });
  app.post('/__sandbox/log/clear', (c) => {
    ctx.log.clear();
    return c.json({ ok: true });
  });

  const schoolFor = (c: Context) =>
    c.req.query('schoolId') ??
    ctx.sessions.get(getCookie(c, SESSION_COOKIE))?.activeSchoolId ??
    DEMO_SCHOOL_ID;

  app.get('/__sandbox/state/info', (c) =>
    c.json({
      seed: ctx.options.seed,
      students: ctx.options.students,
      today: ctx.today,
      modes: ctx.modes,
      landing: landingPath(ctx.modes.routing),
    }),
  );

  app.get('/__sandbox/state/tools', (c) => {
    const schoolId = schoolFor(c);
    const store = ctx.store;
    if (!store.school(schoolId)) return errorResponse(404, 'NOT_FOUND', 'no such school');
    const tools = store.toolRecs(schoolId).map((t) => {
      const d = store.toolDetail(schoolId, t.id);
      return { ...store.toolView(schoolId, t), licenses: d?.licenses ?? [], pools: d?.pools ?? [] };
    });
    return c.json({ schoolId, today: ctx.today, tools });
  });

  app.get('/__sandbox/state/assignments', (c) => {
    const schoolId = schoolFor(c);
    const store = ctx.store;
    if (!store.school(schoolId)) return errorResponse(404, 'NOT_FOUND', 'no such school');
    const toolId = c.req.query('toolId');
    const licenseId = c.req.query('licenseId');
    const toolIds = toolId !== undefined ? [toolId] : store.toolRecs(schoolId).map((t) => t.id);
    const assignments = toolIds.flatMap((tid) =>
      store.activeForTool(schoolId, tid, licenseId).map((a) => ({
        ...store.assignmentView(a),
        toolId: tid,
        toolName: store.toolRecs(schoolId).find((t) => t.id === tid)?.name ?? tid,
      })),
    );
    return json(200, { assignments });
  });

  app.all('/__sandbox/*', () => errorResponse(404, 'NOT_FOUND', 'no such sandbox control'));
  return app;
}
