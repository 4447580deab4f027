// The page talks to the license API like the real web app: same-origin fetch with the session
// cookie, X-CSRF-Token on every POST. Responses are trusted to follow the contract (the
// sandbox's own contract tests check that); only what the page reads is typed.
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

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      credentials: 'same-origin',
      cache: 'no-cache',
      ...init,
      headers: { Accept: 'application/json', ...(init.headers ?? {}) },
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorFrom(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'UNKNOWN', 'malformed JSON');
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries 429 and 503 a few times after Retry-After (or a short backoff), as a polite client does. */
async function withRetry<T>(call: () => Promise<T>, attempts = 4): Promise<T> {
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

export class Api {
  private session: Session | undefined;

  async getSession(refresh = false): Promise<Session> {
    if (!this.session || refresh) this.session = await request<Session>('/session');
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
        request<ToolPage>(`/schools/${school}/tools${query({ q: q.trim(), limit: 200, cursor })}`),
      );
      tools.push(...page.tools);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return tools;
  }

  async getTool(toolId: string): Promise<ToolDetail> {
    const school = await this.school();
    return withRetry(() => request<ToolDetail>(`/schools/${school}/tools/${encodeURIComponent(toolId)}`));
  }

  /** Every current assignment of the given licenses, all pages (500 a page). */
  async listAssignments(toolId: string, licenseIds: readonly string[]): Promise<Assignment[]> {
    const school = await this.school();
    const all: Assignment[] = [];
    for (const licenseId of licenseIds) {
      let cursor: string | undefined;
      do {
        const page = await withRetry(() =>
          request<AssignmentPage>(
            `/schools/${school}/tools/${encodeURIComponent(toolId)}/assignments${query({ licenseId, limit: 500, cursor })}`,
          ),
        );
        all.push(...page.assignments);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return all;
  }

  /** One revoke call (at most 100 ids); a stale CSRF token is renewed once. */
  async revoke(toolId: string, assignmentIds: readonly string[]): Promise<RevokeResult> {
    const school = await this.school();
    const send = async () => {
      const { csrfToken } = await this.getSession();
      return request<RevokeResult>(
        `/schools/${school}/tools/${encodeURIComponent(toolId)}/assignments/revoke`,
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
