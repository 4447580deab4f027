// A 429's lesson outlives the worker: kept in storage.session, put back by the next worker's first
// adapter (a worker is a fresh module instance: vi.resetModules).
import { describe, expect, it, vi } from 'vitest';

const area = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (key: string) => (area.has(key) ? { [key]: area.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) area.set(k, structuredClone(v));
        },
      },
    },
  },
}));

const ORIGIN = 'https://skolon.example';

describe('learned limits across worker restarts', () => {
  it('keeps what a 429 taught and gives it to the next worker', async () => {
    const first = await import('./learned-limits.ts');
    const { workerRateMemory } = await import('../api/license-api.ts');
    const { AdaptivePacer } = await import('../api/pacing.ts');
    const pacer = new AdaptivePacer(25, workerRateMemory, ORIGIN, Date.now, async () => undefined);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await pacer.acquire());
    pacer.limited(tickets[5] as never);
    first.keepLearnedLimits();
    await vi.waitFor(() => expect(area.size).toBe(1));

    vi.resetModules();
    const next = await import('./learned-limits.ts');
    const fresh = await import('../api/license-api.ts');
    expect(fresh.workerRateMemory).not.toBe(workerRateMemory);
    expect(fresh.workerRateMemory.size).toBe(0);
    await next.restoreLearnedLimits();
    const { AdaptivePacer: Pacer } = await import('../api/pacing.ts');
    expect(new Pacer(25, fresh.workerRateMemory, ORIGIN, Date.now, async () => undefined).cap).toBe(5);
  });
});
