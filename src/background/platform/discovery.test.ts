// Discovering the license API per origin: each answer of the contract's session endpoint is
// classified (present, absent, session expired, unreachable), stored with its time, not asked
// again before its back-off, and page mode follows from it. Page figures and per-tab origins too.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const local: Record<string, unknown> = {};
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
    storage: {
      local: { get: async (key: string) => ({ [key]: local[key] }) },
      session: { get: async () => ({}), set: async () => undefined },
    },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { DEFAULT_SETTINGS } = await import('../../shared/settings.ts');
const { saveSettings, loadSettings } = await import('./settings-store.ts');
const { useFetch, readSession } = await import('./session.ts');
const { apiPresence, modeFor } = await import('./discovery.ts');
const { pageHandlers } = await import('../messaging/page-handlers.ts');
const { requestOrigin } = await import('../messaging/origin.ts');

const ORIGIN = 'https://skolon.example.org';
const SESSION = {
  user: { id: 'u', name: 'Admin' },
  role: 'SCHOOL_ADMIN',
  schools: [{ id: 's1', name: 'Demoskolan' }],
  activeSchoolId: 's1',
  csrfToken: 'c',
  locale: 'sv',
};

type Store = Awaited<ReturnType<typeof openStore>>;
let store: Store;
let calls: string[];

function answer(make: () => Response | Promise<Response>): void {
  useFetch(async (input) => {
    calls.push(String(input));
    return make();
  });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const html = (status: number) =>
  new Response('<!doctype html><title>Not found</title>', {
    status,
    headers: { 'content-type': 'text/html' },
  });

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  calls = [];
  for (const key of Object.keys(local)) delete local[key];
  store = await openStore();
  await saveSettings(store, { ...DEFAULT_SETTINGS, origins: ['https://app.skolon.com', ORIGIN] });
});

describe('apiPresence', () => {
  it.each([
    ['a valid session', () => json(SESSION), 'present'],
    ['a 404 HTML page', () => html(404), 'absent'],
    ['HTML with 200', () => html(200), 'absent'],
    ['JSON that is not the contract', () => json({ user: 'x' }), 'absent'],
    ['a 401', () => json({ error: { code: 'SESSION_EXPIRED', message: 'x' } }, 401), 'session-expired'],
    [
      'a redirect to a login page',
      () => new Response(null, { status: 302, headers: { location: '/login' } }),
      'session-expired',
    ],
    ['a 503', () => html(503), 'unreachable'],
    [
      'a network or CORS failure',
      () => {
        throw new TypeError('Failed to fetch');
      },
      'unreachable',
    ],
  ] as const)('classifies %s as %s, and stores it with its time', async (_, make, state) => {
    answer(make);
    const probe = await apiPresence(store, ORIGIN, { now: () => 1_000 });
    expect(probe.state).toBe(state);
    expect(await store.get('apiProbes', ORIGIN)).toMatchObject({ origin: ORIGIN, state, checkedAt: 1_000 });
    expect(calls).toEqual([`${ORIGIN}/api/admin/v1/session`]);
  });

  it('does not ask again before the back-off, and backs off longer after each failure', async () => {
    answer(() => html(404));
    let now = 0;
    const first = await apiPresence(store, ORIGIN, { now: () => now });
    await apiPresence(store, ORIGIN, { now: () => now + 1_000 });
    expect(calls).toHaveLength(1);
    now = first.retryAt;
    const second = await apiPresence(store, ORIGIN, { now: () => now });
    expect(calls).toHaveLength(2);
    expect(second.failures).toBe(2);
    expect(second.retryAt - second.checkedAt).toBe(2 * (first.retryAt - first.checkedAt));
  });

  it('asks once for many callers at the same time', async () => {
    answer(() => json(SESSION));
    await Promise.all([apiPresence(store, ORIGIN), apiPresence(store, ORIGIN), apiPresence(store, ORIGIN)]);
    expect(calls).toHaveLength(1);
  });

  it('a present contract records the signed-in session for that origin', async () => {
    answer(() => json(SESSION));
    await apiPresence(store, ORIGIN);
    expect(await readSession(store, ORIGIN)).toMatchObject({ origin: ORIGIN, status: 'signed-in' });
  });

  it('force asks again at once (the administrator pressed "Försök igen")', async () => {
    answer(() => html(404));
    await apiPresence(store, ORIGIN);
    answer(() => json(SESSION));
    expect((await apiPresence(store, ORIGIN, { force: true })).state).toBe('present');
  });
});

describe('modeFor', () => {
  it('is page mode with the reason when the contract is absent, API mode when present', async () => {
    answer(() => html(404));
    expect(await modeFor(store, ORIGIN)).toMatchObject({ mode: 'page', reason: 'absent' });
    answer(() => json(SESSION));
    expect(await modeFor(store, 'https://app.skolon.com')).toMatchObject({ mode: 'api', reason: null });
  });

  it('the sandbox setting forces page mode without asking the API', async () => {
    local.forcePageMode = true;
    answer(() => json(SESSION));
    expect(await modeFor(store, ORIGIN)).toMatchObject({ mode: 'page', reason: 'forced' });
    expect(calls).toEqual([]);
  });
});

describe('origins per tab', () => {
  const tab = (url: string) => ({ tab: { id: 1, url } as never, url });

  it('a content script speaks for its own allowed origin; an extension page for the active one', async () => {
    expect(await requestOrigin(store, tab(`${ORIGIN}/app/#/tools/x`))).toBe(ORIGIN);
    expect(await requestOrigin(store, tab('https://evil.example.com/'))).toBe('https://app.skolon.com');
    expect(await requestOrigin(store, { url: 'chrome-extension://own/popup.html' })).toBe(
      'https://app.skolon.com',
    );
  });

  it('a page mode answer does not adopt the origin; a present contract does', async () => {
    const handlers = pageHandlers(async () => store);
    answer(() => html(404));
    await handlers.getPageMode({}, tab(`${ORIGIN}/x`));
    expect((await loadSettings(store)).activeOrigin).toBeNull();
    answer(() => json(SESSION));
    await handlers.getPageMode({ force: true }, tab(`${ORIGIN}/x`));
    expect((await loadSettings(store)).activeOrigin).toBe(ORIGIN);
  });
});

describe('page figures', () => {
  it('are kept per origin and school with their time; a name-only row joins its tool page figure', async () => {
    const handlers = pageHandlers(async () => store);
    const sender = { tab: { id: 1, url: `${ORIGIN}/a` } as never, url: `${ORIGIN}/a` };
    await handlers.reportPageFigures(
      {
        school: 'Demoskolan',
        figures: [{ toolId: 't-1', toolName: 'Matematik', assigned: 2, total: 22, source: 'tool-page' }],
      },
      sender,
    );
    await handlers.reportPageFigures(
      {
        school: 'Demoskolan',
        figures: [{ toolId: null, toolName: 'matematik', assigned: 3, total: 22, source: 'tool-list' }],
      },
      sender,
    );
    const figures = await store.getAllFromIndex('pageFigures', 'byOrigin', ORIGIN);
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ toolKey: 't-1', assigned: 3, total: 22, school: 'Demoskolan' });
    expect(figures[0]?.seenAt).toBeGreaterThan(0);
  });

  it('from a page of a foreign origin are not kept', async () => {
    const handlers = pageHandlers(async () => store);
    const sender = {
      tab: { id: 1, url: 'https://evil.example.com/' } as never,
      url: 'https://evil.example.com/',
    };
    const reply = await handlers.reportPageFigures(
      { school: '', figures: [{ toolId: null, toolName: 'X', assigned: 1, total: 2, source: 'tool-page' }] },
      sender,
    );
    expect(reply.recorded).toBe(0);
  });
});
