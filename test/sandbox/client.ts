// A small client for the sandbox's test controls, for unit, contract and e2e tests in Node.
import type { Locale, Session } from '../../src/shared/model.ts';
import type { FaultSettings } from './faults.ts';
import type { InFlightEntry, LogEntry } from './log.ts';
import type { SandboxModes } from './modes.ts';
import type { AdminRole } from './sessions.ts';

export interface Login {
  cookie: string;
  csrfToken: string;
  sessionId: string;
  session: Session;
}

export class SandboxClient {
  constructor(readonly url: string) {}

  private async post<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`);
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }

  login(role: AdminRole = 'SCHOOL_ADMIN', locale: Locale = 'sv'): Promise<Login> {
    return this.post('/__sandbox/login', { role, locale });
  }
  async reset(): Promise<void> {
    await this.post('/__sandbox/reset');
  }
  /** Moves a person into these classes (as the school's own administration would). */
  async setClasses(userId: string, groupIds: string[]): Promise<void> {
    await this.post('/__sandbox/classes', { userId, groupIds });
  }
  async faults(settings: Partial<FaultSettings>): Promise<FaultSettings> {
    return (await this.post<{ faults: FaultSettings }>('/__sandbox/faults', settings)).faults;
  }
  async log(filter: { operation?: string; since?: number } = {}): Promise<LogEntry[]> {
    const q = new URLSearchParams();
    if (filter.operation) q.set('operation', filter.operation);
    if (filter.since !== undefined) q.set('since', String(filter.since));
    return (await this.get<{ calls: LogEntry[] }>(`/__sandbox/log?${q}`)).calls;
  }
  /** Requests the sandbox has received and not answered yet (oldest first). */
  async inFlight(): Promise<InFlightEntry[]> {
    return (await this.get<{ calls: InFlightEntry[] }>('/__sandbox/log?inFlight=1')).calls;
  }
  /** GET /__sandbox/state/info: the data's seed, size and date, and the modes the site runs in. */
  info(): Promise<{ seed: number; students: number; today: string; modes: SandboxModes; landing: string }> {
    return this.get('/__sandbox/state/info');
  }
  state<T = unknown>(what: 'tools' | 'assignments' | 'info', query: Record<string, string> = {}): Promise<T> {
    return this.get<T>(`/__sandbox/state/${what}?${new URLSearchParams(query)}`);
  }
}

/** How many times each assignment id was actually revoked (dry runs and replays excluded). */
export function revokedCounts(calls: readonly LogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of calls) {
    if (c.operation !== 'revoke' || c.dryRun || c.replayed) continue;
    for (const o of c.outcomes ?? []) {
      if (o.outcome === 'REVOKED') counts.set(o.id, (counts.get(o.id) ?? 0) + 1);
    }
  }
  return counts;
}
