// The page talks to its API like the real web app: same-origin fetch with the session cookie, a
// CSRF header on every POST. `PageApi` is what the views use; ContractApi speaks the license API
// contract (X-CSRF-Token), ./private-api.ts the private API of --api private. Responses are
// trusted to follow their shapes (the sandbox's own tests check that); only what the page reads is typed.
import type {
  Assignment,
  AssignmentPage,
  ErrorCode,
  RevokeResult,
  Session,
  Tool,
  ToolDetail,
  ToolPage,
} from '../../../../src/shared/model.ts';

const BASE = '/api/admin/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK' | 'UNKNOWN',
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let code: ApiError['code'] = 'UNKNOWN';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: ErrorCode; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // not the Error body; keep the status
  }
  const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, code, message, Number.isFinite(retry) ? retry : null);
}

/** The status and what the body says (contract Error body by default; ./private-api.ts has its own). */
export type ErrorReader = (response: Response) => Promise<ApiError>;

export async function request<T>(
  url: string,
  init: RequestInit = {},
  readError: ErrorReader = errorFrom,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-cache',
      ...init,
      headers: { Accept: 'application/json', ...(init.headers ?? {}) },
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await readError(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'UNKNOWN', 'malformed JSON');
  }
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries 429 and 503 a few times after Retry-After (or a short backoff), as a polite client does. */
export async function withRetry<T>(call: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retriable = error instanceof ApiError && (error.status === 429 || error.status === 503);
      if (!retriable || attempt >= attempts) throw error;
      await sleep(error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 250 * attempt);
    }
  }
}

/** Holders of a dialog, page by page, in the order of the page's API. */
export interface HolderPager {
  /** Up to `count` more rows; fewer (or none) at the end. */
  more(count: number): Promise<Assignment[]>;
  /** True once every holder has been fetched. */
  readonly done: boolean;
  /** Holders in total right now (from the latest page, less what the page withdrew since). */
  readonly total: number;
  /** The page withdrew these rows: they no longer count. */
  withdrawn(rows: readonly Assignment[]): void;
}

/** A license of a dialog and how many hold it according to the tool's detail. */
export interface LicenseCount {
  id: string;
  assigned: number;
}

/** What the views need from an API. */
export interface PageApi {
  getSession(refresh?: boolean): Promise<Session>;
  listTools(q: string): Promise<Tool[]>;
  getTool(toolId: string): Promise<ToolDetail>;
  /** Every current assignment of the given licenses, all pages. */
  listAssignments(toolId: string, licenseIds: readonly string[]): Promise<Assignment[]>;
  /** The same holders, a page at a time (cursor paging). */
  holders(toolId: string, licenses: readonly LicenseCount[]): HolderPager;
  /** One withdrawal call (at most 100 ids); a stale CSRF token is renewed once. */
  revoke(toolId: string, assignmentIds: readonly string[]): Promise<RevokeResult>;
}

export class ContractApi implements PageApi {
  private session: Session | undefined;

  async getSession(refresh = false): Promise<Session> {
    if (!this.session || refresh) this.session = await request<Session>(`${BASE}/session`);
    return this.session;
  }

  private async school(): Promise<string> {
    return encodeURIComponent((await this.getSession()).activeSchoolId);
  }

  async listTools(q: string): Promise<Tool[]> {
    const school = await this.school();
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await withRetry(() =>
        request<ToolPage>(`${BASE}/schools/${school}/tools${query({ q: q.trim(), limit: 200, cursor })}`),
      );
      tools.push(...page.tools);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return tools;
  }

  async getTool(toolId: string): Promise<ToolDetail> {
    const school = await this.school();
    return withRetry(() =>
      request<ToolDetail>(`${BASE}/schools/${school}/tools/${encodeURIComponent(toolId)}`),
    );
  }

  private async assignmentPage(
    toolId: string,
    licenseId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<AssignmentPage> {
    const school = await this.school();
    return withRetry(() =>
      request<AssignmentPage>(
        `${BASE}/schools/${school}/tools/${encodeURIComponent(toolId)}/assignments${query({ licenseId, limit, cursor })}`,
      ),
    );
  }

  /** Every current assignment of the given licenses, all pages (500 a page). */
  async listAssignments(toolId: string, licenseIds: readonly string[]): Promise<Assignment[]> {
    const all: Assignment[] = [];
    for (const licenseId of licenseIds) {
      let cursor: string | undefined;
      do {
        const page = await this.assignmentPage(toolId, licenseId, 500, cursor);
        all.push(...page.assignments);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return all;
  }

  /** One license after the other, each through its own cursor; totals per license from each page. */
  holders(toolId: string, licenses: readonly LicenseCount[]): HolderPager {
    const state = licenses.map((l) => ({
      id: l.id,
      total: l.assigned,
      cursor: undefined as string | undefined,
      finished: false,
    }));
    const pager: HolderPager = {
      get done() {
        return state.every((s) => s.finished);
      },
      get total() {
        return state.reduce((sum, s) => sum + s.total, 0);
      },
      more: async (count) => {
        const rows: Assignment[] = [];
        for (const s of state) {
          while (!s.finished && rows.length < count) {
            const page = await this.assignmentPage(toolId, s.id, count - rows.length, s.cursor);
            rows.push(...page.assignments);
            if (page.total !== undefined) s.total = page.total;
            s.cursor = page.nextCursor ?? undefined;
            s.finished = page.nextCursor === null;
          }
          if (rows.length >= count) break;
        }
        return rows;
      },
      withdrawn(rows) {
        for (const row of rows) {
          const s = state.find((x) => x.id === row.licenseId);
          if (s) s.total = Math.max(0, s.total - 1);
        }
      },
    };
    return pager;
  }

  /** One revoke call (at most 100 ids); a stale CSRF token is renewed once. */
  async revoke(toolId: string, assignmentIds: readonly string[]): Promise<RevokeResult> {
    const school = await this.school();
    const send = async () => {
      const { csrfToken } = await this.getSession();
      return request<RevokeResult>(
        `${BASE}/schools/${school}/tools/${encodeURIComponent(toolId)}/assignments/revoke`,
        {
          method: 'POST',
          cache: 'no-store',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
          body: JSON.stringify({ assignmentIds }),
        },
      );
    };
    return withRetry(async () => {
      try {
        return await send();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CSRF_INVALID') {
          await this.getSession(true);
          return send();
        }
        throw error;
      }
    });
  }
}
