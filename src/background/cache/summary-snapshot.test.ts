// The popup's first paint in storage.local: written from the popup's own answer (with the school it
// asked about), rewritten on every change from that school's cache, read back only in its shape.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const local = new Map<string, unknown>();
/** Every storage.local.set, by the keys it wrote. */
const setKeys: string[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined },
    tabs: { query: async () => [] },
    storage: {
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) {
            setKeys.push(k);
            local.set(k, structuredClone(v));
          }
        },
      },
    },
  },
}));

const { openStore, RECORD_KEY } = await import('../../shared/store.ts');
const { DEFAULT_SETTINGS } = await import('../../shared/settings.ts');
const { SUMMARY_REVISION_KEY, SUMMARY_SNAPSHOT_KEY, readSummarySnapshot, summaryRevision } = await import(
  '../../shared/summary-snapshot.ts'
);
const { saveSettings } = await import('../platform/settings-store.ts');
const { createHandlers } = await import('../messaging/handlers.ts');
const { keepSummarySnapshot } = await import('./summary-snapshot.ts');
const { summaryChanged } = await import('./summary-changes.ts');

type Store = Awaited<ReturnType<typeof openStore>>;
let store: Store;
const ORIGIN = 'https://app.skolon.com';
const popup = { id: 'own', url: 'chrome-extension://own/src/popup/index.html' } as never;

const tool = (schoolId: string, id: string, assigned: number) => ({
  schoolId,
  id,
  name: `Verktyg ${id}`,
  toolType: 'INTEGRATED' as const,
  seats: 10,
  assigned,
  nextExpiry: null,
});
const license = (id: string, validUntil: string) => ({
  id,
  kind: 'SINGLE' as const,
  seats: 5,
  assigned: 1,
  validUntil,
  availableTo: ['STUDENT' as const],
});

const snapshot = () => readSummarySnapshot(local.get(SUMMARY_SNAPSHOT_KEY));
const settled = () =>
  vi.waitFor(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(snapshot()).not.toBeNull();
  });

let stop: (() => void) | null = null;
/** Kept with a short gap between rewrites (the worker's is REWRITE_GAP_MS). */
const keep = () => {
  stop = keepSummarySnapshot(async () => store, 50);
};
afterEach(() => {
  stop?.();
  stop = null;
});

beforeEach(async () => {
  local.clear();
  setKeys.length = 0;
  globalThis.indexedDB = new IDBFactory();
  store = await openStore();
  await saveSettings(store, { ...DEFAULT_SETTINGS, origins: [ORIGIN], activeOrigin: ORIGIN });
  await store.put(
    'session',
    {
      origin: ORIGIN,
      status: 'signed-in',
      checkedAt: 1,
      message: null,
      session: {
        user: { id: 'u', name: 'Admin' },
        role: 'ORG_ADMIN',
        schools: [
          { id: 's1', name: 'Demoskolan' },
          { id: 's2', name: 'Norra' },
        ],
        activeSchoolId: 's1',
        locale: 'sv',
      },
    },
    RECORD_KEY.session,
  );
  await store.put('tools', tool('s1', 'a', 3));
  await store.put('tools', tool('s1', 'b', 10));
  await store.put('tools', tool('s2', 'c', 1));
  await store.put('toolDetails', {
    schoolId: 's1',
    toolId: 'a',
    licenses: [license('l1', '2000-01-01'), license('l2', '2999-01-01')],
    pools: [],
  });
});

describe('the summary snapshot', () => {
  it('is written at the start when there is none: the active school’s tools, with their earliest end', async () => {
    keep();
    await settled();
    const written = snapshot();
    expect(written).toMatchObject({
      origin: ORIGIN,
      schoolId: 's1',
      askedSchoolId: null,
      status: 'signed-in',
    });
    expect(written?.role).toBe('ORG_ADMIN');
    expect(written?.tools.map((t) => [t.id, t.assigned, t.earliestEnd]).sort()).toEqual([
      ['a', 3, '2000-01-01'],
      ['b', 10, null],
    ]);
    // With its revision, in the same write: the popup's kept first paint is told apart by it.
    const text = local.get(SUMMARY_SNAPSHOT_KEY);
    expect(typeof text).toBe('string');
    expect(local.get(SUMMARY_REVISION_KEY)).toBe(summaryRevision(String(text)));
    expect(setKeys.indexOf(SUMMARY_REVISION_KEY)).toBe(setKeys.indexOf(SUMMARY_SNAPSHOT_KEY) + 1);
  });

  it('while changes keep coming (a job’s every batch), is rewritten at most once per gap, ending with the last', async () => {
    const gap = 200;
    stop = keepSummarySnapshot(async () => store, gap);
    await settled();
    const before = setKeys.filter((k) => k === SUMMARY_SNAPSHOT_KEY).length;
    // 50 changes, one every 20 ms (each one a different figure). The bound on writes follows the
    // time they really took: on a loaded machine the loop runs longer, and more gaps may pass.
    const started = Date.now();
    let assigned = 4;
    for (let change = 0; change < 50; change++) {
      await store.put('tools', tool('s1', 'a', ++assigned));
      summaryChanged();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const elapsed = Date.now() - started;
    await vi.waitFor(() => expect(snapshot()?.tools.find((t) => t.id === 'a')?.assigned).toBe(assigned), {
      timeout: gap * 10,
    });
    const writes = setKeys.filter((k) => k === SUMMARY_SNAPSHOT_KEY).length - before;
    expect(writes).toBeGreaterThanOrEqual(2);
    // At most one write per gap while the changes came, and the last one after them.
    expect(writes).toBeLessThanOrEqual(Math.ceil(elapsed / gap) + 2);
  });

  it('follows the school the popup asked about, also on later changes', async () => {
    keep();
    await settled();
    await createHandlers(async () => store).getSummary({ schoolId: 's2' }, popup);
    await vi.waitFor(() => expect(snapshot()?.schoolId).toBe('s2'));
    expect(snapshot()?.askedSchoolId).toBe('s2');
    await store.put('tools', tool('s2', 'c', 7));
    summaryChanged();
    await vi.waitFor(() => expect(snapshot()?.tools).toMatchObject([{ id: 'c', assigned: 7 }]));
  });

  it('is not written from a content script’s answer (that is about its own tab)', async () => {
    const tab = {
      id: 'own',
      url: `${ORIGIN}/skoladmin`,
      tab: { id: 3, url: `${ORIGIN}/skoladmin` },
    } as never;
    await createHandlers(async () => store).getSummary({}, tab);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(local.has(SUMMARY_SNAPSHOT_KEY)).toBe(false);
  });

  it('reads back as absent when damaged or of another version', async () => {
    keep();
    await settled();
    // Kept as JSON text (one string is quicker for the popup to receive than 300 objects).
    expect(typeof local.get(SUMMARY_SNAPSHOT_KEY)).toBe('string');
    const written = JSON.parse(local.get(SUMMARY_SNAPSHOT_KEY) as string) as Record<string, unknown>;
    expect(readSummarySnapshot({ ...written, version: 2 })).toBeNull();
    expect(readSummarySnapshot({ ...written, tools: [{ id: 'a' }] })).toBeNull();
    expect(readSummarySnapshot({ ...written, mode: 'other' })).toBeNull();
    expect(readSummarySnapshot(JSON.stringify(written))).not.toBeNull();
    expect(readSummarySnapshot('{"version":')).toBeNull();
    expect(readSummarySnapshot('text')).toBeNull();
    expect(readSummarySnapshot(null)).toBeNull();
  });
});
