// The record of API calls, for tests: GET /__sandbox/log.
// Counting effects: an entry whose `outcomes` hold REVOKED changed data unless `dryRun` is true;
// replayed Idempotency-Key responses have `replayed: true` and no `outcomes` (nothing re-executed);
// faulted requests have `fault` set and no outcomes. So "each assignment revoked exactly once" is:
// calls.filter(c => c.operation === 'revoke' && !c.dryRun).flatMap(c => c.outcomes ?? []).filter(o => o.outcome === 'REVOKED').
// That holds in every --api mode: the private API's withdrawals are logged as 'revoke' too.
export type OperationId =
  | 'getSession'
  | 'listTools'
  | 'getTool'
  | 'listAssignments'
  | 'assign'
  | 'revoke'
  | 'searchPeople'
  | 'listAssignmentsOf'
  | 'unknown';

/** Which API a call went to: the contract (/api/admin/v1) or the page's private API (/internal/app). */
export type ApiFlavour = 'contract' | 'private';

interface LogOutcome {
  id: string;
  outcome: string;
  /** assign: the assignment created or already held. */
  assignmentId?: string;
}

export interface LogEntry {
  seq: number;
  at: string;
  operation: OperationId;
  /** Private-API calls are logged like their contract equivalents (same operation, ids, outcomes). */
  api?: ApiFlavour;
  method: string;
  path: string;
  sessionId: string | null;
  status: number;
  schoolId?: string;
  toolId?: string;
  /** revoke: the assignment ids asked for; assign: the assignee ids. */
  ids?: string[];
  outcomes?: LogOutcome[];
  dryRun?: boolean;
  idempotencyKey?: string;
  replayed?: boolean;
  /**
   * 'error' | 'malformed' | 'rateLimit' | 'rateLimitBurst' | 'expired' when a fault answered instead
   * of the API (before any effect); after the change was applied: 'omitOutcomes' (answered,
   * `omitted` left out), 'dropAfterCommit' (no answer at all), 'truncateAfterCommit' (half a body,
   * then the connection closed) and 'slowAfterCommit' (the answer held `slowAfterCommitMs`): their
   * `outcomes` still list every effect.
   */
  fault?: string;
  /** Held this long before anything else (latencyMs plus a latency spike), in milliseconds. */
  delayMs?: number;
  /**
   * The client closed the connection before the whole answer was sent (e.g. a service worker that
   * was stopped with the request in flight). The request still ran: its `outcomes` are effects.
   * Never set for the faults that close the connection themselves.
   */
  clientClosed?: boolean;
  /** When the client closed it (ISO time), with clientClosed. */
  closedAt?: string;
  /** revoke with the omitOutcomes fault: the ids whose outcome the answer left out. */
  omitted?: string[];
  /** The request's Origin header (which context made the call). */
  origin?: string;
  errorCode?: string;
}

const MAX_ENTRIES = 200_000;

/** A request received and not yet answered (GET /__sandbox/log?inFlight=1). */
export type InFlightEntry = Omit<LogEntry, 'seq'> & { inFlight: true };

export class CallLog {
  private entries: LogEntry[] = [];
  private seq = 0;
  private open = new Set<Omit<LogEntry, 'seq'>>();

  /** A request has arrived: it is listed as in flight until `add` logs the same entry object. */
  begin(entry: Omit<LogEntry, 'seq'>): void {
    this.open.add(entry);
  }

  /** Requests received and not answered yet, oldest first. */
  inFlight(): InFlightEntry[] {
    return [...this.open].map((e) => ({ ...e, inFlight: true as const }));
  }

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    this.open.delete(entry);
    const e: LogEntry = { seq: ++this.seq, ...entry };
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return e;
  }

  /** Sequence numbers keep growing across clears, so `since` stays meaningful. */
  clear(): void {
    this.entries = [];
    this.open.clear();
  }

  list(filter: { operation?: string; since?: number } = {}): LogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.operation === undefined || e.operation === filter.operation) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }
}
