import { describe, expect, it } from 'vitest';
import { Faults, NO_FAULTS, parseFaults } from './faults.ts';

describe('faults', () => {
  it('parses subsets, treating omitted fields as off', () => {
    expect(parseFaults({})).toEqual(NO_FAULTS);
    expect(parseFaults({ errorRate: 0.5 })).toEqual({ ...NO_FAULTS, errorRate: 0.5 });
    expect(parseFaults({ expireSessionAfterRequests: null })).toEqual(NO_FAULTS);
    expect(typeof parseFaults({ errorRate: 1.5 })).toBe('string');
    expect(typeof parseFaults([])).toBe('string');
  });

  it('rate-limits per session in one-second windows', () => {
    const f = new Faults(1);
    f.set({ ...NO_FAULTS, rateLimitPerSecond: 2 });
    expect([f.rateLimited('a', 1000), f.rateLimited('a', 1001), f.rateLimited('a', 1002)]).toEqual([
      false,
      false,
      true,
    ]);
    expect(f.rateLimited('b', 1003)).toBe(false);
    expect(f.rateLimited('a', 2000)).toBe(false);
  });

  it('counts down session expiry; 0 means now', () => {
    const f = new Faults(1);
    expect(f.set({ ...NO_FAULTS, expireSessionAfterRequests: 0 })).toBe(true);
    f.set({ ...NO_FAULTS, expireSessionAfterRequests: 1 });
    expect([f.tickExpiry(), f.tickExpiry(), f.tickExpiry()]).toEqual([false, true, false]);
  });

  it('draws errors from a seeded stream that varies across requests', () => {
    const draw = () => {
      const f = new Faults(7);
      f.set({ ...NO_FAULTS, errorRate: 0.5 });
      return Array.from({ length: 40 }, () => f.rollError());
    };
    const a = draw();
    expect(draw()).toEqual(a);
    expect(new Set(a)).toEqual(new Set([null, 'INTERNAL', 'UNAVAILABLE']));
  });
});
