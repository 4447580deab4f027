// @vitest-environment happy-dom
// The popup's client in page mode: the first paint comes from IndexedDB (probe and page figures)
// without the worker, page mode syncs nothing, and "Försök igen" re-probes before it refreshes.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sameFakeAsPolyfill } from '../../test/support/extension-api.ts';
import { DEFAULT_SETTINGS } from '../shared/settings.ts';
import { openStore } from '../shared/store.ts';
import type { SummaryView } from '../shared/views.ts';
import { i18nMock, pageSnapshot } from './test-fakes.ts';

const calls: { type: string; payload: unknown }[] = [];
let pageMode: { mode: 'api' | 'page'; reason: string | null; checkedAt: number | null } = {
  mode: 'page',
  reason: 'absent',
  checkedAt: 1,
};
let view: SummaryView;

vi.mock('../shared/extension-api.ts', () => sameFakeAsPolyfill());
vi.mock('webextension-polyfill', () => i18nMock);
vi.mock('../shared/protocol/client.ts', () => ({
  request: async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    if (type === 'getPageMode') return pageMode;
    if (type === 'getSummary') return view;
    if (type === 'getSettings') return { settings: DEFAULT_SETTINGS };
    if (type === 'sync') return {};
    throw new Error(`unexpected ${type}`);
  },
  onEvent: () => () => undefined,
  isUnreachable: () => false,
}));
const { createClient } = await import('./client.ts');

const ORIGIN = 'https://app.skolon.com';
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  calls.length = 0;
  pageMode = { mode: 'page', reason: 'absent', checkedAt: 1 };
  view = {
    schoolId: null,
    schools: [],
    session: null,
    fetchedAt: null,
    tools: [],
    totals: { seats: 0, assigned: 0, available: 0 },
    origin: ORIGIN,
    mode: 'page',
    modeReason: 'absent',
    pageFigures: pageSnapshot.pageFigures,
  };
});
const types = () => calls.map((c) => c.type);

describe('the popup client in page mode', () => {
  it('paints page figures from IndexedDB without asking the worker', async () => {
    const store = await openStore();
    await store.put('apiProbes', {
      origin: ORIGIN,
      state: 'unreachable',
      checkedAt: 1,
      failures: 1,
      retryAt: 2,
      detail: '',
    });
    for (const f of pageSnapshot.pageFigures) await store.put('pageFigures', f);
    store.close();
    const first = await createClient().firstPaint();
    expect(calls).toEqual([]);
    expect(first.mode).toBe('page');
    expect(first.modeReason).toBe('unreachable');
    expect(first.origin).toBe(ORIGIN);
    expect(first.pageFigures.map((f) => f.toolName).sort()).toEqual(
      pageSnapshot.pageFigures.map((f) => f.toolName).sort(),
    );
  });

  it('asks the worker when the database holds neither tools nor figures', async () => {
    (await openStore()).close();
    await createClient().firstPaint();
    expect(types()).toContain('getSummary');
  });

  it('does not sync in page mode; "Försök igen" probes with force, then syncs once the API answers', async () => {
    const client = createClient();
    const snap = await client.refresh();
    expect(types()).toEqual(['getPageMode', 'getSummary', 'getSettings']);
    expect(snap.mode).toBe('page');
    calls.length = 0;
    pageMode = { mode: 'api', reason: null, checkedAt: 2 };
    await client.recheckMode();
    expect(calls[0]).toEqual({ type: 'getPageMode', payload: { force: true } });
    expect(types()).toContain('sync');
  });

  it('shows page mode forced in the sandbox, which only getPageMode knows', async () => {
    pageMode = { mode: 'page', reason: 'forced', checkedAt: null };
    view = { ...view, mode: 'api', modeReason: null };
    const snap = await createClient().refresh();
    expect(snap.mode).toBe('page');
    expect(snap.modeReason).toBe('forced');
  });
});
