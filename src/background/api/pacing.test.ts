import { describe, expect, it } from 'vitest';
import {
  AdaptivePacer,
  MIN_RATE,
  type RateMemory,
  REMEMBER_MS,
  restoreTaught,
  taughtLimits,
  WINDOW_MS,
} from './pacing.ts';

/** A pacer on a fake clock: sleeping moves the clock. */
function pacer(
  max: number,
  memory: RateMemory = new Map(),
  origin = 'https://skolon.example',
  writeMax = max,
) {
  const clock = { now: 0 };
  const p = new AdaptivePacer(
    max,
    memory,
    origin,
    () => clock.now,
    async (ms) => {
      clock.now += ms;
    },
    writeMax,
  );
  return { p, clock, memory };
}

/** Start times of `n` requests taken one after another. */
async function starts(
  p: AdaptivePacer,
  n: number,
  clock: { now: number },
  kind: 'read' | 'write' = 'write',
): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    await p.acquire(kind);
    at.push(clock.now);
  }
  return at;
}

/** The most starts any calendar second (a server's fixed window) holds. */
function perSecondMax(at: number[]): number {
  const counts = new Map<number, number>();
  for (const t of at) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(...counts.values());
}

describe('AdaptivePacer', () => {
  it('starts at the configured rate and never puts more than that into one server second', async () => {
    const { p, clock } = pacer(5);
    clock.now = 700; // mid-second: a fixed window would let 5 + 5 through around the boundary
    const at = await starts(p, 20, clock);
    expect(at.slice(0, 5)).toEqual([700, 700, 700, 700, 700]);
    expect(at[5]).toBe(700 + WINDOW_MS);
    expect(perSecondMax(at)).toBeLessThanOrEqual(5);
  });

  it('halves on a 429, never above what the server refused, and counts one burst once', async () => {
    const { p, clock } = pacer(5);
    const tickets = [await p.acquire(), await p.acquire(), await p.acquire(), await p.acquire()];
    // The server allows 2 a second: the 3rd and 4th of the burst are refused.
    p.limited(tickets[2] as never);
    expect(p.rate).toBe(2);
    expect(p.cap).toBe(2);
    clock.now += 10;
    p.limited(tickets[3] as never); // same burst: no second decrease
    expect(p.rate).toBe(2);
  });

  it('increases additively on success up to the configured rate, not past a refused count while remembered', async () => {
    const { p, clock } = pacer(8);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await p.acquire());
    p.limited(tickets[5] as never); // 6 in a window were too many: at most 5 fit
    expect(p.rate).toBe(4);
    for (let i = 0; i < 50; i++) p.succeeded();
    expect(p.rate).toBe(8);
    expect(p.cap).toBe(5);
    clock.now += REMEMBER_MS + 1;
    expect(p.cap).toBe(8);
  });

  it('remembers what it learned per origin across pacers (adapters rebuilt), never above a new setting', async () => {
    const memory: RateMemory = new Map();
    const first = pacer(5, memory);
    const t = [await first.p.acquire(), await first.p.acquire(), await first.p.acquire()];
    first.p.limited(t[2] as never);
    const again = pacer(5, memory);
    expect(again.p.cap).toBe(2);
    const other = pacer(5, memory, 'https://other.example');
    expect(other.p.cap).toBe(5);
    const lowered = pacer(1, memory);
    expect(lowered.p.rate).toBe(MIN_RATE);
  });

  it('takes up a raised setting at once when no 429 is remembered, not while one is', async () => {
    const memory: RateMemory = new Map();
    pacer(5, memory);
    expect(pacer(50, memory).p.cap).toBe(50);
    const { p, clock } = pacer(5, memory);
    const t = [await p.acquire(), await p.acquire(), await p.acquire()];
    p.limited(t[2] as never);
    // Each helper's clock starts at 0: the 429 is remembered until REMEMBER_MS after it.
    expect(pacer(50, memory).p.cap).toBe(2);
    const after = new AdaptivePacer(
      50,
      memory,
      'https://skolon.example',
      () => clock.now + REMEMBER_MS + 1,
      async () => undefined,
    );
    expect(after.cap).toBe(50);
  });

  it('at a learned 2 per second, ten calls take five server seconds and none is over', async () => {
    const { p, clock } = pacer(5);
    const t = [await p.acquire(), await p.acquire(), await p.acquire()];
    p.limited(t[2] as never);
    clock.now += 5_000;
    const at = await starts(p, 10, clock);
    expect(perSecondMax(at)).toBeLessThanOrEqual(2);
    expect((at[9] ?? 0) - (at[0] ?? 0)).toBeLessThan(4 * WINDOW_MS + 1);
  });
});

describe('AdaptivePacer, two adapters of one origin', () => {
  it('share one window: together they never exceed the cap', async () => {
    const memory: RateMemory = new Map();
    const a = pacer(2, memory);
    const clock = a.clock;
    const b = new AdaptivePacer(
      2,
      memory,
      'https://skolon.example',
      () => clock.now,
      async (ms) => {
        clock.now += ms;
      },
    );
    await a.p.acquire();
    await a.p.acquire();
    await b.acquire();
    expect(clock.now).toBe(WINDOW_MS);
  });
});

describe('AdaptivePacer, learning from a refusal', () => {
  it('learns from the starts in the second before the refused request, not in its longer window', async () => {
    const { p, clock } = pacer(25);
    let ticket = await p.acquire();
    for (const at of [100, 300, 500, 700, 900, 1050]) {
      clock.now = at;
      ticket = await p.acquire();
    }
    // 7 starts within 1.1 s, 6 within the second before the refused one: at most 5 fit.
    expect(ticket.inWindow).toBe(6);
    p.limited(ticket);
    expect(p.cap).toBe(5);
  });
});

describe('AdaptivePacer, reads and writes', () => {
  it('lets reads go up to their own ceiling while writes keep theirs, in one window', async () => {
    const { p, clock } = pacer(25, new Map(), 'https://skolon.example', 5);
    const reads = await starts(p, 24, clock, 'read');
    expect(reads.every((t) => t === 0)).toBe(true);
    // The window holds 24 starts: a write waits for it to empty below 5, and writes alone keep to 5.
    const writes = await starts(p, 10, clock, 'write');
    expect(writes[0]).toBe(WINDOW_MS);
    expect(perSecondMax(writes)).toBeLessThanOrEqual(5);
    // A 429 on a read teaches both.
    p.limited({ at: clock.now, inWindow: 4 });
    expect(p.cap).toBe(3);
    const after = await starts(p, 9, clock, 'read');
    expect(perSecondMax(after)).toBeLessThanOrEqual(3);
  });
});

describe('taughtLimits and restoreTaught (a worker that starts again)', () => {
  it('a new worker starts below what the last one was refused, until the refusal expires', async () => {
    const { p, clock, memory } = pacer(25);
    await starts(p, 6, clock);
    p.limited({ at: clock.now, inWindow: 6 });
    const kept = JSON.parse(JSON.stringify(taughtLimits(memory, clock.now)));
    expect(kept['https://skolon.example']).toEqual({ count: 6, until: clock.now + REMEMBER_MS });

    // The next worker: an empty memory, then what the last one kept.
    const fresh: RateMemory = new Map();
    restoreTaught(fresh, kept, clock.now + 1_000);
    const next = pacer(25, fresh);
    next.clock.now = clock.now + 1_000;
    expect(next.p.cap).toBe(5);
    const at = await starts(next.p, 15, next.clock);
    expect(perSecondMax(at)).toBeLessThanOrEqual(5);

    // Expired, malformed or higher than what this worker learned itself: ignored.
    const later: RateMemory = new Map();
    restoreTaught(later, kept, clock.now + REMEMBER_MS + 1);
    restoreTaught(later, { 'https://a.example': { count: 'x', until: 1e15 }, b: null }, 0);
    restoreTaught(later, 'nonsense', 0);
    expect(later.size).toBe(0);
    const mine = pacer(25, new Map());
    await starts(mine.p, 3, mine.clock);
    mine.p.limited({ at: mine.clock.now, inWindow: 3 });
    restoreTaught(
      mine.memory,
      { 'https://skolon.example': { count: 6, until: mine.clock.now + 5_000 } },
      mine.clock.now,
    );
    expect(mine.p.cap).toBe(2);
  });
});

describe('room for a request we do not send (the page’s own refetch after a job)', () => {
  it('is now while the window holds fewer than the writes’ ceiling, else when its oldest start leaves', async () => {
    const { p, clock } = pacer(25, new Map(), 'https://skolon.example', 5);
    expect(p.msUntilRoom()).toBe(0);
    // Five writes at once fill the writes' ceiling: the sixth request fits when the first leaves.
    await starts(p, 5, clock);
    expect(p.msUntilRoom()).toBe(WINDOW_MS);
    clock.now += 400;
    expect(p.msUntilRoom()).toBe(WINDOW_MS - 400);
    clock.now += WINDOW_MS;
    expect(p.msUntilRoom()).toBe(0);
    // Asking takes no place: a write still goes at once.
    expect((await starts(p, 1, clock))[0]).toBe(clock.now);
  });
});
