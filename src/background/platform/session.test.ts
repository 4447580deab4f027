// The CSRF token never leaves the background: the session is stored and broadcast without it, every
// reply that carries a session (getSessionState, getSummary) comes without it, and the adapter keeps
// its own token in memory (re-reading the session when it has none).
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: unknown[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'own',
      getURL: (path: string) => `chrome-extension://own${path}`,
      getManifest: () => ({ version: '0.0.0' }),
      sendMessage: async (message: unknown) => {
        sent.push(message);
      },
    },
    tabs: {
      query: async () => [{ id: 7 }],
      sendMessage: async (_tab: number, message: unknown) => {
        sent.push(message);
      },
    },
    storage: {
      local: { get: async () => ({}) },
      session: { get: async () => ({}), set: async () => undefined },
    },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { DEFAULT_SETTINGS } = await import('../../shared/settings.ts');
const { saveSettings } = await import('./settings-store.ts');
const { setBroadcastOrigins } = await import('../messaging/broadcast.ts');
const { apiFor, readSession, recordSession, useFetch } = await import('./session.ts');
const { createHandlers } = await import('../messaging/handlers.ts');
const { withoutSecrets } = await import('./secrets.ts');

const ORIGIN = 'https://skolon.example.org';
const TOKEN = 'csrf-secret-123';
const SESSION = {
  user: { id: 'u', name: 'Admin' },
  role: 'SCHOOL_ADMIN' as const,
  schools: [{ id: 's1', name: 'Demoskolan' }],
  activeSchoolId: 's1',
  csrfToken: TOKEN,
  locale: 'sv' as const,
};

type Store = Awaited<ReturnType<typeof openStore>>;
let store: Store;
const leaks = (value: unknown) => JSON.stringify(value ?? null).includes(TOKEN);
const popup = { id: 'own', url: 'chrome-extension://own/src/popup/index.html' } as never;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  sent.length = 0;
  store = await openStore();
  await saveSettings(store, { ...DEFAULT_SETTINGS, origins: [ORIGIN], activeOrigin: ORIGIN });
  setBroadcastOrigins([ORIGIN]);
});

describe('the CSRF token stays in the background', () => {
  it('is neither stored nor broadcast with the session record', async () => {
    const record = await recordSession(store, ORIGIN, 'signed-in', SESSION, null);
    expect(record.session).toMatchObject({ activeSchoolId: 's1', user: { name: 'Admin' } });
    expect(leaks(record)).toBe(false);
    expect(leaks(await store.get('session', 'current'))).toBe(false);
    expect(leaks(await store.get('session', ORIGIN))).toBe(false);
    await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(2)); // the pages and the tab
    const events = sent as { event: string; payload: unknown }[];
    expect(events.every((m) => m.event === 'sessionChanged')).toBe(true);
    expect(leaks(sent)).toBe(false);
  });

  /** A record with the token, as versions before the token was dropped stored it. */
  const storeAsAnOlderVersionDid = async () => {
    const old = {
      origin: ORIGIN,
      status: 'signed-in' as const,
      session: SESSION,
      checkedAt: 1,
      message: null,
    };
    await store.put('session', old, 'current');
    await store.put('session', old, ORIGIN);
  };

  it('is dropped from a record stored before (by an older version), when read and when kept', async () => {
    await storeAsAnOlderVersionDid();
    expect(leaks(await readSession(store))).toBe(false);
    expect(leaks(await readSession(store, ORIGIN))).toBe(false);
    // A state change keeps the previous session: without its token.
    const expired = await recordSession(store, ORIGIN, 'session-expired', null, 'HTTP 401');
    expect(expired.session?.activeSchoolId).toBe('s1');
    expect(leaks(expired)).toBe(false);
    expect(leaks(await store.get('session', 'current'))).toBe(false);
  });

  it('is in no reply that carries a session: getSessionState, getSummary', async () => {
    await storeAsAnOlderVersionDid();
    const handlers = createHandlers(Promise.resolve(store));
    const state = await handlers.getSessionState({}, popup);
    expect(state.state?.session?.activeSchoolId).toBe('s1');
    expect(leaks(state)).toBe(false);
    const summary = await handlers.getSummary({}, popup);
    expect(summary.session?.session?.schools).toEqual([{ id: 's1', name: 'Demoskolan' }]);
    expect(leaks(summary)).toBe(false);
  });

  it('is kept by the adapter in memory: a POST carries it, and a fresh adapter reads the session first', async () => {
    const requests: { url: string; csrf: string | null }[] = [];
    useFetch(async (input, init) => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      requests.push({ url: url.replace(ORIGIN, ''), csrf: headers.get('x-csrf-token') });
      if (url.endsWith('/session')) return Response.json(SESSION);
      return Response.json({ dryRun: true, results: [{ assignmentId: 'a1', outcome: 'REVOKED' }] });
    });
    const api = await apiFor(store, ORIGIN);
    await api.revoke('s1', 't1', ['a1'], { dryRun: true });
    await api.revoke('s1', 't1', ['a1'], { dryRun: true });
    expect(requests).toEqual([
      { url: '/api/admin/v1/session', csrf: null },
      { url: '/api/admin/v1/schools/s1/tools/t1/assignments/revoke', csrf: TOKEN },
      { url: '/api/admin/v1/schools/s1/tools/t1/assignments/revoke', csrf: TOKEN },
    ]);
    // What the adapter learned was recorded, without the token.
    await vi.waitFor(async () => expect((await readSession(store, ORIGIN))?.status).toBe('signed-in'));
    expect(leaks(await store.get('session', ORIGIN))).toBe(false);
    useFetch(undefined);
  });
});

describe('withoutSecrets', () => {
  it('drops csrfToken at any depth, copying only what it changes', () => {
    const untouched = { tools: [{ id: 't' }] };
    const reply = { state: { session: { csrfToken: 'x', user: { id: 'u' } } }, untouched };
    const clean = withoutSecrets(reply);
    expect(clean).toEqual({ state: { session: { user: { id: 'u' } } }, untouched });
    expect(clean.untouched).toBe(untouched);
    expect(reply.state.session.csrfToken).toBe('x'); // the original is not mutated
    expect(withoutSecrets([{ csrfToken: 'y' }, 3, 'z', null])).toEqual([{}, 3, 'z', null]);
    const same = { a: [1, { b: 2 }] };
    expect(withoutSecrets(same)).toBe(same);
  });
});
