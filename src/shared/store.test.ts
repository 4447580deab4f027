import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, recentVisits, recordVisit } from './store.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the store', () => {
  it('records visits and reads the newest first', async () => {
    const store = await openStore();
    await recordVisit(store, { url: 'https://app.skolon.com/a', page: 'admin-page', at: 1 });
    await recordVisit(store, { url: 'https://app.skolon.com/b', page: 'license-page', at: 2 });
    const visits = await recentVisits(store, 10);
    expect(visits.map((v) => v.url)).toEqual(['https://app.skolon.com/b', 'https://app.skolon.com/a']);
    expect(await recentVisits(store, 1)).toHaveLength(1);
  });
});
