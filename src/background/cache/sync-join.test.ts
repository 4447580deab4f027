// A sync asked for again while the same one is under way joins it (every popup opened starts one,
// one call per tool): against the in-process sandbox, counting the calls that reach it.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
  },
}));

const { useSandboxStore } = await import('../../../test/support/sandbox-store.ts');
const { forgetRecentSyncs, syncSchool } = await import('./sync.ts');

const env = useSandboxStore(200);

/** An error answer of the contract's shape. */
const errorAnswer = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('syncSchool', () => {
  it('joins a run of the same request under way, and runs again once it ended', async () => {
    const calls: string[] = [];
    env.intercept = (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      return pass();
    };
    const lists = () => calls.filter((p) => p.endsWith('/tools')).length;
    const [a, b] = [syncSchool(env.store, {}), syncSchool(env.store, {})];
    expect(b).toBe(a);
    const first = await a;
    expect(first.updated.length).toBeGreaterThan(1);
    expect(lists()).toBe(1);
    const perTool = calls.length;
    // Another request (only the tool list) is a run of its own, and so is the same one afterwards.
    await Promise.all([syncSchool(env.store, { details: false }), syncSchool(env.store, {})]);
    expect(lists()).toBe(3);
    expect(calls.length).toBeGreaterThan(perTool + 2);
  });

  it('stops the calls it has queued once one of them fails, so the next run does not pile up behind them', async () => {
    const isDetail = (url: string) => /\/tools\/[^/]+$/.test(new URL(url).pathname);
    const details: string[] = [];
    let failed = false;
    env.intercept = async (url, init, pass) => {
      if ((init?.method ?? 'GET') === 'GET' && isDetail(url)) {
        details.push(url);
        if (!failed) {
          failed = true;
          return errorAnswer(404, 'NOT_FOUND', 'no such tool');
        }
      }
      return pass();
    };
    await expect(syncSchool(env.store, {})).rejects.toThrow(/no such tool/);
    // Whatever was still queued must not go out after the run has failed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const afterFailure = details.length;
    const tools = (await env.store.getAll('tools')).filter((t) => t.toolType === 'INTEGRATED').length;
    expect(tools).toBeGreaterThan(6);
    // The failed call and at most the two in flight beside it (concurrency 2, the default).
    expect(afterFailure).toBeLessThanOrEqual(3);
    // The next run calls every tool again, and succeeds.
    env.intercept = async (url, _init, pass) => {
      if (isDetail(url)) details.push(url);
      return pass();
    };
    const next = await syncSchool(env.store, {});
    expect(details.length - afterFailure).toBe(tools);
    expect(next.updated.length).toBeGreaterThan(1);
  });

  it('answers from its last success when that ended within maxAgeMs, and asks the server otherwise', async () => {
    const calls: string[] = [];
    let failNext = false;
    env.intercept = async (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      if (failNext && /\/tools\/[^/]+$/.test(new URL(url).pathname)) {
        failNext = false;
        return errorAnswer(404, 'NOT_FOUND', 'no such tool');
      }
      return pass();
    };
    const sent = async (request: Parameters<typeof syncSchool>[1]) => {
      const before = calls.length;
      const result = await syncSchool(env.store, request);
      return { result, calls: calls.length - before };
    };
    const first = await sent({});
    expect(first.calls).toBeGreaterThan(6);
    // Within the minute: the last run's answer, and only the session asked for.
    const before = calls.length;
    const recent = await sent({ maxAgeMs: 60_000 });
    expect(calls.slice(before)).toEqual([expect.stringMatching(/\/session$/)]);
    expect(recent.result).toEqual(first.result);
    // Without maxAgeMs (the refresh button), or another request, it asks the server.
    expect((await sent({})).calls).toBe(first.calls);
    expect((await sent({ details: false, maxAgeMs: 60_000 })).calls).toBeGreaterThan(0);
    // Older than maxAgeMs: asks again.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
      expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(1);
    } finally {
      clock.mockRestore();
    }
    // A failed run forgets the success before it: the next asks the server.
    failNext = true;
    await expect(syncSchool(env.store, {})).rejects.toThrow(/no such tool/);
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
    // The cache emptied (the options page's "clear cache"): asks the server.
    forgetRecentSyncs(env.store);
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
    // A session that ended within the minute is seen at once, and the next run is a full one.
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(1);
    env.intercept = async (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      if (new URL(url).pathname.endsWith('/session')) {
        return errorAnswer(401, 'SESSION_EXPIRED', 'log in again');
      }
      return pass();
    };
    await expect(syncSchool(env.store, { maxAgeMs: 60_000 })).rejects.toThrow(/log in again|expired/i);
    env.intercept = async (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      return pass();
    };
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
  });

  it('does not let a request without maxAgeMs join a run that only checks the session', async () => {
    const calls: string[] = [];
    env.intercept = (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      return pass();
    };
    await syncSchool(env.store, {});
    const all = calls.length;
    calls.length = 0;
    const [check, full] = [syncSchool(env.store, { maxAgeMs: 60_000 }), syncSchool(env.store, {})];
    expect(full).not.toBe(check);
    await Promise.all([check, full]);
    expect(calls.length).toBe(all + 1);
  });
});
