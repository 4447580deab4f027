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

const env = useSandboxStore(200);

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
          const error = { error: { code: 'NOT_FOUND', message: 'no such tool' } };
          return new Response(JSON.stringify(error), {
            status: 404,
            headers: { 'content-type': 'application/json' },
          });
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
});
