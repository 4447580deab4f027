// Shared set-up of the contract tests: an in-process sandbox and a validating API client.
import type { Locale } from '../../../src/shared/model.ts';
import { type Login, SandboxClient } from '../client.ts';
import { type Sandbox, startSandbox } from '../server.ts';
import type { AdminRole } from '../sessions.ts';
import { type ContractResponse, contractFetch } from './contract.ts';

export const API = '/api/admin/v1';

export interface CallOptions {
  /** false: send no session cookie. A string: send this cookie instead. */
  cookie?: boolean | string;
  /** false: send no X-CSRF-Token. A string: send this token instead. */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

export class ApiClient {
  constructor(
    readonly base: string,
    readonly login: Login,
  ) {}

  private headers(opts: CallOptions, post: boolean): Record<string, string> {
    const h: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie !== false) h.cookie = typeof opts.cookie === 'string' ? opts.cookie : this.login.cookie;
    if (post) {
      h['content-type'] = 'application/json';
      if (opts.csrf !== false)
        h['x-csrf-token'] = typeof opts.csrf === 'string' ? opts.csrf : this.login.csrfToken;
    }
    return h;
  }

  get<T = unknown>(operationId: string, path: string, opts: CallOptions = {}): Promise<ContractResponse<T>> {
    return contractFetch<T>(operationId, `${this.base}${API}${path}`, { headers: this.headers(opts, false) });
  }

  /** body: a value to JSON-encode, or a string sent as it is (for malformed JSON). */
  post<T = unknown>(
    operationId: string,
    path: string,
    body: unknown,
    opts: CallOptions = {},
  ): Promise<ContractResponse<T>> {
    return contractFetch<T>(operationId, `${this.base}${API}${path}`, {
      method: 'POST',
      headers: this.headers(opts, true),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

export interface Harness {
  sandbox: Sandbox;
  control: SandboxClient;
  as(role?: AdminRole, locale?: Locale): Promise<ApiClient>;
}

export async function startHarness(students = 2000): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, seed: 1, students });
  const control = new SandboxClient(sandbox.url);
  return {
    sandbox,
    control,
    async as(role = 'SCHOOL_ADMIN', locale = 'sv') {
      return new ApiClient(sandbox.url, await control.login(role, locale));
    },
  };
}
