// Paging ends: a repeated cursor or more than MAX_PAGES pages stops it, and the cache stays as it was.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { MAX_PAGES, syncAssignments } = await import('./sync.ts');
const { replaceAssignments, writeToolDetail } = await import('./cache.ts');
type Api = Parameters<typeof syncAssignments>[1];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** A server whose assignment list pages by `cursorOf(n)` for page n (null ends), at most `limit` calls. */
function pagingApi(cursorOf: (page: number) => string | null, limit = 2 * 10_000) {
  let calls = 0;
  const api = {
    async listAssignments() {
      calls++;
      const nextCursor = calls >= limit ? null : cursorOf(calls);
      return { notModified: false, etag: null, data: { assignments: [], nextCursor } };
    },
  } as unknown as Api;
  return { api, calls: () => calls };
}

describe('sync paging', () => {
  it('stops on a repeated cursor', async () => {
    const store = await openStore();
    const { api, calls } = pagingApi((n) => (n < 3 ? `c${n}` : 'c1'));
    await expect(syncAssignments(store, api, 's', 't')).rejects.toThrow(/repeated/);
    expect(calls()).toBeLessThanOrEqual(4);
    expect(await store.get('datasets', 'assignments|s|t')).toBeUndefined();
  });

  it(`stops after ${10_000} pages`, async () => {
    const store = await openStore();
    expect(MAX_PAGES).toBe(10_000);
    const { api, calls } = pagingApi((n) => `c${n}`);
    await expect(syncAssignments(store, api, 's', 't')).rejects.toThrow(/pages/);
    expect(calls()).toBe(10_000);
  });
});

describe("replacing a tool's assignments", () => {
  const assignment = (id: string, name: string, licenseId = 'l1') => ({
    id,
    licenseId,
    assignee: { type: 'USER' as const, id: `u-${id}`, name, groups: [{ id: 'g9a', name: '9A' }] },
    assignedAt: '2026-01-01T00:00:00Z',
  });

  it('leaves the cache equal to the new list (changed, gone and new ones), other tools untouched', async () => {
    const store = await openStore();
    await replaceAssignments(store, 's', 'other', [assignment('x1', 'Other')], 'e0');
    await replaceAssignments(
      store,
      's',
      't',
      [assignment('a1', 'Ali'), assignment('a2', 'Bo'), assignment('a3', 'Cy')],
      'e1',
    );
    const next = [assignment('a1', 'Ali'), assignment('a2', 'Bo Berg', 'l2'), assignment('a4', 'Dan')];
    await replaceAssignments(store, 's', 't', next, 'e2');
    const cached = await store.getAllFromIndex('assignments', 'byTool', ['s', 't']);
    expect(cached.map((a) => [a.id, a.assignee.name, a.licenseId]).sort()).toEqual([
      ['a1', 'Ali', 'l1'],
      ['a2', 'Bo Berg', 'l2'],
      ['a4', 'Dan', 'l1'],
    ]);
    expect(cached.every((a) => a.classIds.includes('g9a'))).toBe(true);
    expect(await store.get('assignments', 'x1')).toMatchObject({ toolId: 'other' });
    expect(await store.get('datasets', 'assignments|s|t')).toMatchObject({ etag: 'e2' });
  });

  it('tells an unchanged tool detail (no ETag in the contract) from a changed one, and renews its age either way', async () => {
    const store = await openStore();
    const detail = {
      tool: {
        id: 't',
        name: 'Matematik',
        toolType: 'INTEGRATED' as const,
        seats: 10,
        assigned: 3,
        nextExpiry: null,
      },
      licenses: [
        {
          id: 'l1',
          kind: 'SINGLE' as const,
          seats: 10,
          assigned: 3,
          validUntil: '2027-06-30',
          availableTo: [],
        },
      ],
      pools: [],
    };
    expect(await writeToolDetail(store, 's', detail, 1)).toBe(true);
    expect(await writeToolDetail(store, 's', structuredClone(detail), 2)).toBe(false);
    expect(await store.get('datasets', 'detail|s|t')).toMatchObject({ fetchedAt: 2 });
    const withdrawn = { ...detail, tool: { ...detail.tool, assigned: 2 } };
    expect(await writeToolDetail(store, 's', withdrawn, 3)).toBe(true);
    expect(await store.get('tools', ['s', 't'])).toMatchObject({ assigned: 2 });
  });
});
