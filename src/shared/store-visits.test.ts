// Visits are capped: the newest MAX_VISITS stay.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_VISITS, openStore, recentVisits, recordVisit } from './store.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('recordVisit', () => {
  it('keeps the last 200 visits', async () => {
    const store = await openStore();
    expect(MAX_VISITS).toBe(200);
    for (let i = 0; i < 230; i++)
      await recordVisit(store, { url: `https://x/${i}`, page: 'other', at: 1_000 + i });
    expect(await store.count('visits')).toBe(200);
    const newest = await recentVisits(store, 1000);
    expect(newest).toHaveLength(200);
    expect(newest[0]?.url).toBe('https://x/229');
    expect(newest.at(-1)?.url).toBe('https://x/30');
  });
});
