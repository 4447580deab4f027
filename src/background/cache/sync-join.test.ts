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
const { syncSchool } = await import('./sync.ts');
const { clearCachedData } = await import('./cache.ts');
const { OTHER_SCHOOL_ID } = await import('../../../test/sandbox/data/fixtures.ts');

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
    // Within the minute: only the session asked for, and the cache's answer (nothing updated).
    const before = calls.length;
    const recent = await sent({ maxAgeMs: 60_000 });
    expect(calls.slice(before)).toEqual([expect.stringMatching(/\/session$/)]);
    expect(recent.result).toEqual({
      schoolId: first.result.schoolId,
      fetchedAt: first.result.fetchedAt,
      notModified: [],
      updated: [],
    });
    // Without maxAgeMs (the refresh button), or another request, it asks the server.
    expect((await sent({})).calls).toBe(first.calls);
    expect((await sent({ details: false, maxAgeMs: 60_000 })).calls).toBeGreaterThan(0);
    // A failed run changes nothing in the cache: the success before it still answers.
    failNext = true;
    await expect(syncSchool(env.store, {})).rejects.toThrow(/no such tool/);
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(1);
    // Older than maxAgeMs: asks again.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    try {
      expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
      expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(1);
    } finally {
      clock.mockRestore();
    }
    // A success "in the future" (the clock set back since) is not taken as recent.
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
    // The cache emptied (the options page's "clear cache"): asks the server.
    await clearCachedData(env.store);
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(first.calls);
    // A session that ended within the minute is seen at once.
    expect((await sent({ maxAgeMs: 60_000 })).calls).toBe(1);
    env.intercept = async (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      if (new URL(url).pathname.endsWith('/session')) {
        return errorAnswer(401, 'SESSION_EXPIRED', 'log in again');
      }
      return pass();
    };
    await expect(syncSchool(env.store, { maxAgeMs: 60_000 })).rejects.toThrow(/log in again|expired/i);
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

  it('keeps its last success in the cache: a worker started again answers from it within maxAgeMs', async () => {
    const calls: string[] = [];
    env.intercept = (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      return pass();
    };
    await syncSchool(env.store, {});
    expect(calls.length).toBeGreaterThan(6);
    // A new worker: the modules loaded afresh, nothing of the last one's memory, the same store.
    vi.resetModules();
    const platform = await import('../platform/session.ts');
    const { cookie } = await env.client.login();
    platform.useFetch((input, init) => {
      calls.push(new URL(String(input)).pathname);
      return fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
    });
    try {
      const again = await import('./sync.ts');
      expect(again.syncSchool).not.toBe(syncSchool);
      calls.length = 0;
      const answer = await again.syncSchool(env.store, { maxAgeMs: 60_000 });
      expect(calls).toEqual([expect.stringMatching(/\/session$/)]);
      expect(answer.updated).toEqual([]);
    } finally {
      platform.useFetch(undefined);
    }
  });

  it("syncs in full within maxAgeMs when the session's school is another one than the last sync's", async () => {
    await env.signIn('ORG_ADMIN');
    let active: string | null = null;
    const calls: string[] = [];
    env.intercept = async (url, _init, pass) => {
      calls.push(new URL(url).pathname);
      const answer = await pass();
      if (!active || !new URL(url).pathname.endsWith('/session')) return answer;
      // The administrator switched school in Skolon.
      const session = { ...(await answer.json()), activeSchoolId: active };
      return new Response(JSON.stringify(session), { status: answer.status, headers: answer.headers });
    };
    const first = await syncSchool(env.store, {});
    expect(first.schoolId).not.toBe(OTHER_SCHOOL_ID);
    active = OTHER_SCHOOL_ID;
    calls.length = 0;
    const other = await syncSchool(env.store, { maxAgeMs: 60_000 });
    expect(other.schoolId).toBe(OTHER_SCHOOL_ID);
    expect(other.updated.length).toBeGreaterThan(0);
    expect(calls.some((p) => p.includes(`/schools/${OTHER_SCHOOL_ID}/tools`))).toBe(true);
    // And that school's sync is then the recent one.
    calls.length = 0;
    await syncSchool(env.store, { maxAgeMs: 60_000 });
    expect(calls.length).toBe(1);
  });

  it('lets a request without maxAgeMs join a run with maxAgeMs once that one has to fetch', async () => {
    const lists: string[] = [];
    // The tool list's answer waits until the full request was made: a small school's whole sync
    // can otherwise end between two looks of waitFor, and the full request would start its own.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    env.intercept = async (url, _init, pass) => {
      if (new URL(url).pathname.endsWith('/tools')) {
        lists.push(url);
        await held;
      }
      return pass();
    };
    const check = syncSchool(env.store, { maxAgeMs: 60_000 });
    // Once that run has asked for the session and found no recent success, it fetches: a full
    // request then joins it.
    await vi.waitFor(() => expect(lists.length).toBe(1));
    const full = syncSchool(env.store, {});
    release();
    expect(full).toBe(check);
    await Promise.all([check, full]);
    expect(lists.length).toBe(1);
  });
});
