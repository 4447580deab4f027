import { describe, expect, it } from 'vitest';
import { AdaptivePacer, MIN_RATE, type RateMemory, REMEMBER_MS, WINDOW_MS } from './pacing.ts';

/** A pacer on a fake clock: sleeping moves the clock. */
function pacer(max: number, memory: RateMemory = new Map(), origin = 'https://skolon.example') {
  const clock = { now: 0 };
  const p = new AdaptivePacer(
    max,
    memory,
    origin,
    () => clock.now,
    async (ms) => {
      clock.now += ms;
    },
  );
  return { p, clock, memory };
}

/** Start times of `n` requests taken one after another. */
async function starts(p: AdaptivePacer, n: number, clock: { now: number }): Promise<number[]> {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    await p.acquire();
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
