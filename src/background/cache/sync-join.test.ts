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
});
