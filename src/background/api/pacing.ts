// Request pacing that learns a server's limit (AIMD), for the license API adapter.
//
// The contract's server answers 429 above a limit nobody tells us (Retry-After in whole seconds).
// Servers of this kind count requests per calendar second, so the pacer never starts more than
// `cap` requests within any sliding window of WINDOW_MS (a little over a second, so that a few ms
// of network jitter cannot put cap + 1 of them into one server second). The cap follows a learned
// rate:
// - it starts at the configured rate, which is also its ceiling: the pacer never goes faster than
//   the administrator allowed (a raised setting is taken up at once unless a 429 is still
//   remembered). Reads and writes have ceilings of their own (license-api.ts: the settings'
//   requestsPerSecond for writes, READS_PER_WRITE times that for reads) in one shared window;
// - multiplicative decrease on a 429: the rate halves, and is never above what the server just
//   refused (the refused request was the n-th in our window: at most n − 1 fit in its second);
// - additive increase on every success (1/rate a success: about one request per second more for
//   each second of sending at full rate), back up to the ceiling;
// - what a 429 taught is remembered per origin (RateMemory, kept by the worker across adapter
//   instances, with the window's start times, since the server counts every request of the
//   origin): the rate that was refused is not tried again for REMEMBER_MS, so the next job starts
//   at the learned rate instead of learning it again with a 429; the refusals are also kept in
//   storage.session (platform/learned-limits.ts), for the worker that starts after this one stops.

/** Any two requests this far apart or more count in different server seconds. */
export const WINDOW_MS = 1_100;
/** The server's counting unit. */
const SERVER_SECOND_MS = 1_000;
/** Never slower than this. */
export const MIN_RATE = 1;
/** The multiplicative decrease on a 429. */
const DECREASE = 0.5;
/** How long a refused rate is not tried again. */
export const REMEMBER_MS = 10 * 60_000;

/** What the pacing learned about one origin, and its requests of the current window. */
export interface LearnedRate {
  /** Requests per second, real-valued; the cap per window is its whole part. */
  rate: number;
  /** A count per window the server refused (a 429), and until when it is not tried again. */
  refused: { count: number; until: number } | null;
  /**
   * Start times within the current window, oldest first: shared by every adapter of the origin
   * (the worker may hold more than one), since the server counts them all.
   */
  starts: number[];
  /** The last decrease: 429s for requests started before it were part of what it answered. */
  decreasedAt: number;
}

/** Learned rates per origin: the worker keeps one for its lifetime (see api.ts). */
export type RateMemory = Map<string, LearnedRate>;

/** A place in the window: when the request started and how many the window held with it. */
export interface PaceTicket {
  at: number;
  inWindow: number;
}

export class AdaptivePacer {
  private readonly learned: LearnedRate;

  constructor(
    /** The configured rate: where it starts and the most it ever allows (to reads). */
    private readonly max: number,
    memory: RateMemory,
    origin: string,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    /** The most it allows to requests that change something (their own ceiling within the window). */
    private readonly writeMax: number = max,
  ) {
    const known = memory.get(origin);
    this.learned = known ?? { rate: max, refused: null, starts: [], decreasedAt: Number.NEGATIVE_INFINITY };
    // A changed setting lowers what was learned to the new maximum. It raises it only when no 429
    // is remembered: a rate below the new setting then came from the old setting, not the server
    // (it grew back by one a second, and a sync of 24 pages after raising 5 to 50 still took 2.6 s).
    const refused = this.learned.refused;
    const taught = refused !== null && refused.until > now();
    this.learned.rate = Math.max(MIN_RATE, taught ? Math.min(this.learned.rate, max) : max);
    memory.set(origin, this.learned);
  }

  /** Requests allowed per window now. */
  get cap(): number {
    let cap = Math.max(MIN_RATE, Math.floor(this.learned.rate));
    const refused = this.learned.refused;
    if (refused && refused.until > this.now()) cap = Math.min(cap, Math.max(MIN_RATE, refused.count - 1));
    return cap;
  }

  get rate(): number {
    return this.learned.rate;
  }

  /** Writes allowed per window now: the window's cap, within the writes' own ceiling. */
  private get writeCap(): number {
    return Math.min(this.cap, Math.max(MIN_RATE, Math.floor(this.writeMax)));
  }

  /** Our starts still in the window at `now` (older ones are dropped from the record). */
  private startsInWindow(now: number): number[] {
    const starts = this.learned.starts;
    while (starts.length > 0 && (starts[0] ?? 0) <= now - WINDOW_MS) starts.shift();
    return starts;
  }

  /**
   * Waits for a free place in the window and takes it (pass the ticket to `limited` on a 429). A
   * write takes one only while the window holds fewer than `writeMax` (reads and writes alike).
   */
  async acquire(kind: 'read' | 'write' = 'write'): Promise<PaceTicket> {
    for (;;) {
      const now = this.now();
      const starts = this.startsInWindow(now);
      if (starts.length < (kind === 'read' ? this.cap : this.writeCap)) {
        starts.push(now);
        // What a 429 for this request can teach: the server's second that refused it holds at most
        // our starts of the last second (the pacing window is longer, to absorb jitter; counting
        // its extra 100 ms here learned 6 from a server that allows 5, and met a 429 again).
        let inSecond = 0;
        for (const at of starts) if (at > now - SERVER_SECOND_MS) inSecond++;
        return { at: now, inWindow: inSecond };
      }
      await this.sleep((starts[0] ?? now) + WINDOW_MS - now);
    }
  }

  /**
   * How long until one more request fits the window at the writes' ceiling (0: now), taking no
   * place: for a request we do not send ourselves, such as the page's own refetch after a job.
   */
  msUntilRoom(): number {
    const now = this.now();
    const starts = this.startsInWindow(now);
    const cap = this.writeCap;
    if (starts.length < cap) return 0;
    // The oldest starts leave the window until fewer than `cap` remain.
    return Math.max(0, (starts[starts.length - cap] ?? now) + WINDOW_MS - now);
  }

  /** An answer that was not a 429: additive increase, up to the configured rate. */
  succeeded(): void {
    this.learned.rate = Math.min(this.max, this.learned.rate + 1 / Math.max(MIN_RATE, this.learned.rate));
  }

  /**
   * A 429 for the request of `ticket`: multiplicative decrease, once for the requests that were
   * already under way when the last decrease happened (one burst is one signal, as in TCP).
   */
  limited(ticket: PaceTicket): void {
    const now = this.now();
    const before = this.learned.refused;
    const count = before && before.until > now ? Math.min(ticket.inWindow, before.count) : ticket.inWindow;
    this.learned.refused = { count, until: now + REMEMBER_MS };
    if (ticket.at <= this.learned.decreasedAt) return;
    this.learned.decreasedAt = now;
    const fits = Math.max(MIN_RATE, ticket.inWindow - 1);
    this.learned.rate = Math.max(MIN_RATE, Math.min(this.learned.rate * DECREASE, fits));
  }
}

/** What 429s taught, per origin (the refused count and until when), as kept across worker restarts. */
export type TaughtLimits = Record<string, { count: number; until: number }>;

/** The refusals still remembered in `memory`. */
export function taughtLimits(memory: RateMemory, now: number): TaughtLimits {
  const taught: TaughtLimits = {};
  for (const [origin, learned] of memory) {
    const refused = learned.refused;
    if (refused && refused.until > now) taught[origin] = { count: refused.count, until: refused.until };
  }
  return taught;
}

/**
 * Puts refusals kept by an earlier worker back into `memory`: the next adapter of that origin starts
 * below the refused count, as the earlier worker's would have. What this worker learned itself wins
 * where it is lower. Anything malformed or expired is ignored.
 */
export function restoreTaught(memory: RateMemory, taught: unknown, now: number): void {
  if (typeof taught !== 'object' || taught === null) return;
  for (const [origin, value] of Object.entries(taught)) {
    const { count, until } = (value ?? {}) as { count?: unknown; until?: unknown };
    if (typeof count !== 'number' || typeof until !== 'number' || !(count >= 1) || until <= now) continue;
    const known = memory.get(origin);
    const mine = known?.refused && known.refused.until > now ? known.refused : null;
    if (mine && mine.count <= count) continue;
    const rate = Math.max(MIN_RATE, count - 1);
    if (known) {
      known.refused = { count, until };
      known.rate = Math.min(known.rate, rate);
    } else {
      memory.set(origin, {
        rate,
        refused: { count, until },
        starts: [],
        decreasedAt: Number.NEGATIVE_INFINITY,
      });
    }
  }
}
