// The router answers every message: a foreign or malformed one with REJECTED, a failing handler with
// its error and a code the UIs act on, never a crash of the worker and never a secret in a reply.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: object) => Promise<unknown>;
const listeners: Listener[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'own',
      getURL: (path: string) => `chrome-extension://own${path}`,
      onMessage: { addListener: (l: Listener) => listeners.push(l) },
    },
  },
}));
const { codeOf, listen } = await import('./router.ts');
const { ApiError } = await import('../api/license-api.ts');
const { CHANNEL } = await import('../../shared/protocol/types.ts');
type Handlers = import('../../shared/protocol/types.ts').Handlers;

describe('the background router', () => {
  const hello = vi.fn(async () => ({ visitId: 1, version: '0.1.0' }));
  const listVisits = vi.fn(async () => {
    throw new Error('store is closed');
  });
  const session = { activeSchoolId: 's1', csrfToken: 'secret-token', schools: [] };
  const record = {
    origin: 'https://skolon.example',
    status: 'signed-in',
    session,
    checkedAt: 1,
    message: null,
  };
  const getSessionState = vi.fn(async () => ({ state: record }));
  const getSummary = vi.fn(async () => ({ schoolId: 's1', session: record, tools: [] }));
  beforeEach(() => {
    listeners.length = 0;
    hello.mockClear();
    listVisits.mockClear();
    // Only the handlers these cases reach; the router looks handlers up by type.
    listen({ hello, listVisits, getSessionState, getSummary } as unknown as Handlers);
  });
  const send = (message: unknown, sender: object) => {
    const listener = listeners[0];
    if (!listener) throw new Error('no listener');
    return listener(message, sender);
  };
  const fromTab = { id: 'own', url: 'http://127.0.0.1/x', tab: { id: 1 } };
  const fromPopup = { id: 'own', url: 'chrome-extension://own/src/popup/index.html' };

  it('hands a valid request to its handler and wraps the answer', async () => {
    const reply = await send(
      { channel: CHANNEL, type: 'hello', payload: { url: 'http://127.0.0.1/x', page: 'other' } },
      fromTab,
    );
    expect(reply).toEqual({ ok: true, data: { visitId: 1, version: '0.1.0' } });
    expect(hello).toHaveBeenCalledOnce();
  });

  it('logs and refuses a foreign sender without calling any handler', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = await send(
      { channel: CHANNEL, type: 'hello', payload: { url: 'x', page: 'other' } },
      { id: 'someone-else', url: 'chrome-extension://someone-else/' },
    );
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('is not this extension'),
      code: 'REJECTED',
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('rejected a message: sender someone-else'));
    expect(hello).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an error reply instead of a crash', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reply = await send({ channel: CHANNEL, type: 'listVisits', payload: { limit: 1 } }, fromPopup);
    expect(reply).toEqual({ ok: false, error: 'store is closed', code: 'FAILED' });
  });

  it("refuses a content script's request outside its allow-list, and serves our own page", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const list = { channel: CHANNEL, type: 'listVisits', payload: { limit: 1 } };
    expect(await send(list, fromTab)).toEqual({
      ok: false,
      error: "rejected: listVisits is for the extension's own pages only",
      code: 'REJECTED',
    });
    expect(listVisits).not.toHaveBeenCalled();
    await send(list, fromPopup);
    expect(listVisits).toHaveBeenCalledOnce();
  });

  it.each([
    ['getSessionState', {}],
    ['getSummary', {}],
  ])('never lets the CSRF token out in a reply (%s), whatever a handler returns', async (type, payload) => {
    const reply = await send({ channel: CHANNEL, type, payload }, fromPopup);
    expect(reply).toMatchObject({ ok: true });
    expect(JSON.stringify(reply)).not.toContain('secret-token');
    expect(JSON.stringify(reply)).toContain('"activeSchoolId":"s1"');
    expect(session.csrfToken).toBe('secret-token'); // the handler's own object is left as it was
  });
});

describe('the error code of a reply', () => {
  it.each([
    [new ApiError(401, 'SESSION_EXPIRED', 'signed out'), 'SESSION_EXPIRED'],
    [new ApiError(0, 'NETWORK', 'offline'), 'OFFLINE'],
    [new ApiError(0, 'TIMEOUT', 'slow'), 'OFFLINE'],
    [new ApiError(429, 'RATE_LIMITED', 'busy'), 'RATE_LIMITED'],
    [new ApiError(422, 'INVALID', 'bad'), 'API'],
    [new Error('store is closed'), 'FAILED'],
    ['a string', 'FAILED'],
  ])('names %s as %s, so a UI can act on it', (error, code) => {
    expect(codeOf(error)).toBe(code);
  });
});
