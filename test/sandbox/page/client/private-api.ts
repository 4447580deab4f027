// The page's private API (--api private), translated into the model the views use. Other paths
// and names than the contract, its own CSRF header (X-App-Xsrf, token from the bootstrap call),
// and its error body ({problem: {type, detail}}).
import type {
  Assignment,
  ErrorCode,
  License,
  RevokeResult,
  Role,
  Session,
  Tool,
  ToolDetail,
} from '../../../../src/shared/model.ts';
import {
  type PAudience,
  type PBootstrap,
  type PCatalogEntry,
  type PCatalogPage,
  type PHolder,
  type PHolderPage,
  type PProblem,
  type PProblemType,
  type PProduct,
  type PReleaseResult,
  PRIVATE_BASE,
  PRIVATE_XSRF_HEADER,
} from '../../api/private-shapes.ts';
import {
  ApiError,
  type HolderPager,
  type LicenseCount,
  type PageApi,
  query,
  request,
  withRetry,
} from './api.ts';

const CODE: Record<PProblemType, ErrorCode> = {
  auth: 'SESSION_EXPIRED',
  xsrf: 'CSRF_INVALID',
  forbidden: 'NOT_ADMIN',
  missing: 'NOT_FOUND',
  'bad-input': 'INVALID',
  'too-many': 'BATCH_TOO_LARGE',
  throttled: 'RATE_LIMITED',
  server: 'INTERNAL',
  unavailable: 'UNAVAILABLE',
};

async function problemFrom(response: Response): Promise<ApiError> {
  let code: ApiError['code'] = 'UNKNOWN';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as Partial<PProblem>;
    if (body.problem?.type) code = CODE[body.problem.type] ?? 'UNKNOWN';
    if (body.problem?.detail) message = body.problem.detail;
  } catch {
    // not a problem body; keep the status
  }
  const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, code, message, Number.isFinite(retry) ? retry : null);
}

const get = <T>(path: string) => request<T>(`${PRIVATE_BASE}${path}`, {}, problemFrom);

const ROLE: Record<PAudience, Role> = { pupil: 'STUDENT', teacher: 'TEACHER', staff: 'ADMIN' };
const KIND: Record<string, License['kind']> = { single: 'SINGLE', class: 'CLASS', site: 'SCHOOL' };
const OUTCOME = {
  'already-released': 'ALREADY_REVOKED',
  unknown: 'NOT_FOUND',
  denied: 'FORBIDDEN',
  failed: 'FAILED',
} as const;

function tool(e: PCatalogEntry): Tool {
  const out: Tool = {
    id: e.ref,
    name: e.label,
    toolType: e.kind.toUpperCase() as Tool['toolType'],
    seats: e.seatsTotal,
    assigned: e.seatsTaken,
    nextExpiry: e.nextExpiry,
    grades: e.levels,
  };
  if (e.vendor !== null) out.supplier = e.vendor;
  if (e.category !== null) out.category = e.category;
  return out;
}

function assignment(h: PHolder): Assignment {
  const p = h.holder;
  const assignee: Assignment['assignee'] = {
    type: p.kind === 'person' ? 'USER' : 'GROUP',
    id: p.ref,
    name: p.label,
  };
  if (p.mail !== undefined) assignee.email = p.mail;
  if (p.audience !== undefined) assignee.role = ROLE[p.audience];
  if (p.groups !== undefined) assignee.groups = p.groups.map((g) => ({ id: g.ref, name: g.label }));
  if (p.enabled !== undefined) assignee.active = p.enabled;
  if (p.size !== undefined) assignee.memberCount = p.size;
  return { id: h.ref, licenseId: h.entitlement, poolId: h.pool, assignee, assignedAt: h.since };
}

export class PrivateApi implements PageApi {
  private boot: PBootstrap | undefined;

  private async bootstrap(refresh = false): Promise<PBootstrap> {
    if (!this.boot || refresh) this.boot = await get<PBootstrap>('/bootstrap');
    return this.boot;
  }

  async getSession(refresh = false): Promise<Session> {
    const b = await this.bootstrap(refresh);
    return {
      user: { id: b.viewer.uid, name: b.viewer.fullName, email: b.viewer.mail },
      role: b.access === 'org-admin' ? 'ORG_ADMIN' : 'SCHOOL_ADMIN',
      organization: { id: b.owner.ref, name: b.owner.label },
      schools: b.units.map((u) => ({ id: u.ref, name: u.label })),
      activeSchoolId: b.unit,
      csrfToken: b.xsrf,
      locale: b.language,
    };
  }

  private async product(toolId?: string): Promise<string> {
    const unit = `/units/${encodeURIComponent((await this.bootstrap()).unit)}/catalog`;
    return toolId === undefined ? unit : `${unit}/${encodeURIComponent(toolId)}`;
  }

  async listTools(q: string): Promise<Tool[]> {
    const base = await this.product();
    const tools: Tool[] = [];
    let from: string | undefined;
    do {
      const page = await withRetry(() =>
        get<PCatalogPage>(`${base}${query({ term: q.trim(), take: 200, from })}`),
      );
      tools.push(...page.entries.map(tool));
      from = page.more ?? undefined;
    } while (from);
    return tools;
  }

  async getTool(toolId: string): Promise<ToolDetail> {
    const p = await withRetry(async () => get<PProduct>(await this.product(toolId)));
    return {
      tool: tool(p.entry),
      licenses: p.entitlements.map((e) => ({
        id: e.ref,
        kind: KIND[e.type] ?? 'SINGLE',
        seats: e.capacity,
        assigned: e.taken,
        validUntil: e.expires,
        availableTo: e.audience.map((a) => ROLE[a]),
        poolId: e.poolRef,
      })),
      pools: p.pools.map((pool) => ({
        id: pool.ref,
        name: pool.label,
        licenseIds: pool.entitlements,
        seats: pool.capacity,
        assigned: pool.taken,
        autoAddNewLicenses: pool.autoAdd,
      })),
    };
  }

  private async holderPage(
    toolId: string,
    licenseIds: readonly string[],
    take: number,
    from: string | undefined,
  ): Promise<PHolderPage> {
    const base = `${await this.product(toolId)}/holders`;
    return withRetry(() =>
      get<PHolderPage>(`${base}${query({ entitlements: licenseIds.join(','), take, from })}`),
    );
  }

  async listAssignments(toolId: string, licenseIds: readonly string[]): Promise<Assignment[]> {
    if (licenseIds.length === 0) return [];
    const all: Assignment[] = [];
    let from: string | undefined;
    do {
      const page = await this.holderPage(toolId, licenseIds, 500, from);
      all.push(...page.holders.map(assignment));
      from = page.more ?? undefined;
    } while (from);
    return all;
  }

  /** One stream over all the licenses, by name, with a keyset cursor and a live count. */
  holders(toolId: string, licenses: readonly LicenseCount[]): HolderPager {
    const ids = licenses.map((l) => l.id);
    let from: string | undefined;
    let finished = ids.length === 0;
    let total = licenses.reduce((sum, l) => sum + l.assigned, 0);
    return {
      get done() {
        return finished;
      },
      get total() {
        return total;
      },
      more: async (count) => {
        if (finished) return [];
        const page = await this.holderPage(toolId, ids, count, from);
        total = page.count;
        from = page.more ?? undefined;
        finished = page.more === null;
        return page.holders.map(assignment);
      },
      withdrawn(rows) {
        total = Math.max(0, total - rows.length);
      },
    };
  }

  async revoke(toolId: string, assignmentIds: readonly string[]): Promise<RevokeResult> {
    const send = async () => {
      const { xsrf } = await this.bootstrap();
      return request<PReleaseResult>(
        `${PRIVATE_BASE}${await this.product(toolId)}/holders/release`,
        {
          method: 'POST',
          cache: 'no-store',
          headers: { 'Content-Type': 'application/json', [PRIVATE_XSRF_HEADER]: xsrf },
          body: JSON.stringify({ refs: assignmentIds }),
        },
        problemFrom,
      );
    };
    const result = await withRetry(async () => {
      try {
        return await send();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CSRF_INVALID') {
          await this.bootstrap(true);
          return send();
        }
        throw error;
      }
    });
    const released = new Set(result.released);
    const kept = new Map(result.kept.map((k) => [k.ref, OUTCOME[k.why] ?? 'FAILED']));
    return {
      dryRun: false,
      results: assignmentIds.map((id) => ({
        assignmentId: id,
        outcome: released.has(id) ? 'REVOKED' : (kept.get(id) ?? 'FAILED'),
      })),
    };
  }
}
