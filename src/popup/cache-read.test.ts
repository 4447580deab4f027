// The popup's first paint reads the background's database directly: in page mode that includes the
// active origin's probe and the figures its pages showed, so they paint without the worker.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { openStore, type PageFigure } from '../shared/store.ts';
import { readCachedPicture } from './cache-read.ts';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const SANDBOX = 'http://127.0.0.1:4310';
const figure = (origin: string, toolName: string, seenAt: number): PageFigure => ({
  origin,
  school: 'Demoskolan',
  toolKey: `name:${toolName.toLowerCase()}`,
  toolId: null,
  toolName,
  assigned: 2,
  total: 22,
  seenAt,
  source: 'tool-list',
});

describe('the first paint from IndexedDB', () => {
  it('reads the active origin’s probe and page figures (newest first), and no other origin’s', async () => {
    const store = await openStore();
    await store.put(
      'settings',
      { ...DEFAULT_SETTINGS, origins: [DEFAULT_SETTINGS.origins[0] ?? '', SANDBOX], activeOrigin: SANDBOX },
      'settings',
    );
    await store.put('apiProbes', {
      origin: SANDBOX,
      state: 'absent',
      checkedAt: 1,
      failures: 1,
      retryAt: 2,
      detail: '404',
    });
    await store.put('apiProbes', {
      origin: 'https://app.skolon.com',
      state: 'present',
      checkedAt: 1,
      failures: 0,
      retryAt: 2,
      detail: '',
    });
    await store.put('pageFigures', figure(SANDBOX, 'Äldre', 10));
    await store.put('pageFigures', figure(SANDBOX, 'Nyare', 20));
    await store.put('pageFigures', figure('https://app.skolon.com', 'Annan', 30));
    store.close();

    const picture = await readCachedPicture(undefined, '2025-01-01');
    expect(picture?.origin).toBe(SANDBOX);
    expect(picture?.probe?.state).toBe('absent');
    expect(picture?.pageFigures.map((f) => f.toolName)).toEqual(['Nyare', 'Äldre']);
    expect(picture?.tools).toEqual([]);
  });

  it('has no probe and no figures on a fresh database', async () => {
    (await openStore()).close();
    const picture = await readCachedPicture(undefined, '2025-01-01');
    expect(picture?.probe).toBeNull();
    expect(picture?.pageFigures).toEqual([]);
  });

  it('never creates the database itself', async () => {
    expect(await readCachedPicture(undefined, '2025-01-01')).toBeNull();
  });
});
