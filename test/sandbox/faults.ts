// Injected faults for the API routes (never for /__sandbox or the page). Random draws come from
// a seeded PRNG that advances on every request: deterministic per run, varying across requests.
import { mulberry32, type Rng } from './data/prng.ts';

export interface FaultSettings {
  /** Added to every API response, in milliseconds. */
  latencyMs: number;
  /** 0..1: share of API requests answered 500 INTERNAL or 503 UNAVAILABLE before any effect. */
  errorRate: number;
  /** Requests per second per session (fixed one-second window); above → 429 RATE_LIMITED, Retry-After: 1. 0 = off. */
  rateLimitPerSecond: number;
  /** After N more API requests every session expires (401 SESSION_EXPIRED until a fresh login); 0 = now; null = off. */
  expireSessionAfterRequests: number | null;
  /** 0..1: share of API requests answered 200 with a truncated JSON body, before any effect. */
  malformedRate: number;
  /**
   * Outcomes that revoke answers leave out, in all (counts down as answers omit them; 0 = off).
   * The revocations still happen and the log still lists every outcome (`omitted` names those left
   * out); the answer stored under the request's Idempotency-Key is the one sent, so a replay leaves
   * them out too. Dry runs and replays do not count.
   */
  omitOutcomes: number;
  /**
   * 0..1: share of executed revoke calls (not dry runs, not replays) whose change is applied and
   * stored under their Idempotency-Key, and whose connection is then destroyed without an answer.
   * Logged with `fault: 'dropAfterCommit'` and every outcome.
   */
  dropAfterCommitRate: number;
  /**
   * 0..1: share of executed revoke calls (not dry runs, not replays) whose change is applied and
   * stored under their Idempotency-Key, and whose answer is then cut off: the status line, headers
   * (Content-Length of the whole body) and the first half of the body are sent, then the connection
   * is closed. Logged with `fault: 'truncateAfterCommit'` and every outcome.
   */
  truncateAfterCommitRate: number;
  /**
   * Milliseconds: every executed revoke call (not dry runs, not replays) has its change applied and
   * stored under its Idempotency-Key at once, and its answer sent only this long afterwards. Set it
   * above the client's timeout (API_TIMEOUT_MS in the API adapter, 30 s) and the client gives up on
   * a request that did take effect. 0 = off. Logged with `fault: 'slowAfterCommit'` and every outcome.
   */
  slowAfterCommitMs: number;
  /** 0..1: share of API requests held `latencySpikeMs` longer (on top of latencyMs), before any effect. */
  latencySpikeRate: number;
  /** How long a latency spike holds a request, in milliseconds (default 2 s). */
  latencySpikeMs: number;
  /**
   * 0..1: share of API requests that set off a burst of 429s: the request and every API request
   * in the next 1–3 s (drawn) are answered 429 RATE_LIMITED with Retry-After: the burst's remaining
   * whole seconds (1–3). Before any effect. Logged with `fault: 'rateLimitBurst'`.
   */
  rateLimitBurstRate: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  rateLimitPerSecond: 0,
  expireSessionAfterRequests: null,
  malformedRate: 0,
  omitOutcomes: 0,
  dropAfterCommitRate: 0,
  truncateAfterCommitRate: 0,
  slowAfterCommitMs: 0,
  latencySpikeRate: 0,
  latencySpikeMs: 2_000,
  rateLimitBurstRate: 0,
};

/** Validate a POST /__sandbox/faults body. The body replaces the settings: fields left out are off. */
export function parseFaults(body: unknown): FaultSettings | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'expected a JSON object';
  const b = body as Record<string, unknown>;
  const out: FaultSettings = { ...NO_FAULTS };
  const num = (name: keyof FaultSettings, min: number, max: number, integer: boolean): string | null => {
    const v = b[name];
    if (v === undefined || v === null) return null;
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      return `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
    }
    (out as unknown as Record<string, number>)[name] = v;
    return null;
  };
  const err =
    num('latencyMs', 0, 60_000, false) ??
    num('errorRate', 0, 1, false) ??
    num('rateLimitPerSecond', 0, 1_000_000, true) ??
    num('expireSessionAfterRequests', 0, 1_000_000_000, true) ??
    num('malformedRate', 0, 1, false) ??
    num('omitOutcomes', 0, 1_000_000, true) ??
    num('dropAfterCommitRate', 0, 1, false) ??
    num('truncateAfterCommitRate', 0, 1, false) ??
    num('slowAfterCommitMs', 0, 600_000, false) ??
    num('latencySpikeRate', 0, 1, false) ??
    num('latencySpikeMs', 0, 60_000, false) ??
    num('rateLimitBurstRate', 0, 1, false);
  if (err) return err;
  return out;
}

export type ErrorFault = 'INTERNAL' | 'UNAVAILABLE';

export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  private rng: Rng;
  private windows = new Map<string, { second: number; count: number }>();
  private countdown: number | null = null;
  /** The end (ms since the epoch) of the 429 burst under way, or 0. */
  private burstUntil = 0;

  constructor(private readonly seed: number) {
    this.rng = mulberry32(seed ^ 0x5eed_fa17);
  }

  /** Replace the settings. Returns true when sessions must expire right now (expireSessionAfterRequests 0). */
  set(settings: FaultSettings): boolean {
    this.settings = settings;
    this.windows.clear();
    this.burstUntil = 0;
    this.countdown = settings.expireSessionAfterRequests;
    if (this.countdown === 0) {
      this.countdown = null;
      this.settings = { ...this.settings, expireSessionAfterRequests: null };
      return true;
    }
    return false;
  }

  clear(): void {
    this.set({ ...NO_FAULTS });
    this.rng = mulberry32(this.seed ^ 0x5eed_fa17);
  }

  /** Count one API request toward session expiry. True: expire every session now (this request included). */
  tickExpiry(): boolean {
    if (this.countdown === null) return false;
    if (this.countdown <= 0) {
      this.countdown = null;
      this.settings = { ...this.settings, expireSessionAfterRequests: null };
      return true;
    }
    this.countdown--;
    this.settings = { ...this.settings, expireSessionAfterRequests: this.countdown };
    return false;
  }

  rateLimited(sessionId: string, now = Date.now()): boolean {
    const limit = this.settings.rateLimitPerSecond;
    if (!limit) return false;
    const second = Math.floor(now / 1000);
    const w = this.windows.get(sessionId);
    if (!w || w.second !== second) {
      this.windows.set(sessionId, { second, count: 1 });
      return false;
    }
    w.count++;
    return w.count > limit;
  }

  rollError(): ErrorFault | null {
    if (!this.settings.errorRate) return null;
    if (this.rng() >= this.settings.errorRate) return null;
    return this.rng() < 0.5 ? 'INTERNAL' : 'UNAVAILABLE';
  }

  /**
   * How many outcomes of an answer with `count` of them to leave out now, drawn from the
   * omitOutcomes budget (which counts down). Which ones: see `omittedIndexes`.
   */
  takeOmissions(count: number): number {
    const n = Math.min(count, this.settings.omitOutcomes);
    if (n <= 0) return 0;
    this.settings = { ...this.settings, omitOutcomes: this.settings.omitOutcomes - n };
    return n;
  }

  /** Positions (0-based, ascending) of `n` outcomes to leave out of `count`, spread by the seeded stream. */
  omittedIndexes(count: number, n: number): number[] {
    const picked = new Set<number>();
    while (picked.size < Math.min(n, count)) picked.add(Math.floor(this.rng() * count));
    return [...picked].sort((a, b) => a - b);
  }

  rollDropAfterCommit(): boolean {
    if (!this.settings.dropAfterCommitRate) return false;
    return this.rng() < this.settings.dropAfterCommitRate;
  }

  rollTruncateAfterCommit(): boolean {
    if (!this.settings.truncateAfterCommitRate) return false;
    return this.rng() < this.settings.truncateAfterCommitRate;
  }

  /** The extra hold of this request: `latencySpikeMs` for a share `latencySpikeRate`, else 0. */
  rollLatencySpike(): number {
    if (!this.settings.latencySpikeRate || !this.settings.latencySpikeMs) return 0;
    return this.rng() < this.settings.latencySpikeRate ? this.settings.latencySpikeMs : 0;
  }

  /**
   * Within a 429 burst (one under way, or one this request sets off): the Retry-After to send, in
   * whole seconds (1–3: the burst's remaining time, rounded up). null: no burst, go on.
   */
  rateLimitBurst(now = Date.now()): number | null {
    if (now >= this.burstUntil) {
      if (!this.settings.rateLimitBurstRate || this.rng() >= this.settings.rateLimitBurstRate) return null;
      this.burstUntil = now + 1_000 + Math.floor(this.rng() * 2_001);
    }
    return Math.min(3, Math.max(1, Math.ceil((this.burstUntil - now) / 1000)));
  }

  rollMalformed(): boolean {
    if (!this.settings.malformedRate) return false;
    return this.rng() < this.settings.malformedRate;
  }
}
