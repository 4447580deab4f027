import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SavedView, ViewFilters } from '../../shared/plans.ts';
import { openStore, type Store } from '../../shared/store.ts';
import { deleteView, listViews, MAX_VIEWS, replaceViews, saveView, ViewRuleError } from './views.ts';

const filters: ViewFilters = { query: '', classes: ['9B'], roles: ['STUDENT'], leftOnly: false };
const draft = (name: string, toolId: string | null = 't1', id?: string) => ({
  ...(id === undefined ? {} : { id }),
  name,
  toolId,
  toolName: toolId ? 'Matematik' : null,
  filters,
});

let store: Store;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await openStore();
});

describe('saved views', () => {
  it('saves a new view with an id and its times, names trimmed, and lists the newest first', async () => {
    const a = await saveView(store, draft('  Åk 9  '), 1_000);
    const b = await saveView(store, draft('Har slutat', null), 2_000);
    expect(a).toMatchObject({ name: 'Åk 9', toolId: 't1', createdAt: 1_000, updatedAt: 1_000 });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
    expect((await listViews(store)).map((v) => v.name)).toEqual(['Har slutat', 'Åk 9']);
  });

  it('updates by id: keeps createdAt, moves updatedAt, renames', async () => {
    const a = await saveView(store, draft('Åk 9'), 1_000);
    await saveView(store, draft('Other'), 2_000);
    const renamed = await saveView(store, draft('Åk 9 (vt)', 't1', a.id), 3_000);
    expect(renamed).toMatchObject({ id: a.id, name: 'Åk 9 (vt)', createdAt: 1_000, updatedAt: 3_000 });
    const all = await listViews(store);
    expect(all).toHaveLength(2);
    expect(all[0]?.id).toBe(a.id);
  });

  it('refuses an update of a view that no longer exists', async () => {
    await expect(saveView(store, draft('X', 't1', 'gone'))).rejects.toMatchObject({ rule: 'not-found' });
    expect(await listViews(store)).toEqual([]);
  });

  it('refuses a second view of the same name in the same scope (case and accents ignored)', async () => {
    const a = await saveView(store, draft('Åk 9'));
    await expect(saveView(store, draft('ak 9'))).rejects.toThrow(/already named "ak 9"/);
    await expect(saveView(store, draft('ÅK 9'))).rejects.toBeInstanceOf(ViewRuleError);
    // Another tool, or every tool, is another scope.
    await saveView(store, draft('Åk 9', 't2'));
    await saveView(store, draft('Åk 9', null));
    await expect(saveView(store, draft('Åk 9', null))).rejects.toThrow(/every tool/);
    // Saving a view under its own name again is no clash.
    await saveView(store, draft('Åk 9', 't1', a.id));
    expect(await listViews(store)).toHaveLength(3);
  });

  it(`refuses more than ${MAX_VIEWS} views, but still updates one`, async () => {
    const views: SavedView[] = Array.from({ length: MAX_VIEWS }, (_, i) => ({
      id: `v${i}`,
      name: `View ${i}`,
      toolId: null,
      toolName: null,
      filters,
      createdAt: i,
      updatedAt: i,
    }));
    await replaceViews(store, views);
    await expect(saveView(store, draft('One more'))).rejects.toMatchObject({ rule: 'too-many' });
    await saveView(store, draft('Renamed', null, 'v3'));
    expect(await listViews(store)).toHaveLength(MAX_VIEWS);
  });

  it('deletes, and says whether there was one', async () => {
    const a = await saveView(store, draft('Åk 9'));
    expect(await deleteView(store, a.id)).toBe(true);
    expect(await deleteView(store, a.id)).toBe(false);
    expect(await listViews(store)).toEqual([]);
  });

  it('replaces every view in one go, or none when the new set breaks a rule', async () => {
    await saveView(store, draft('Old'));
    const incoming: SavedView = {
      id: 'n1',
      name: 'New',
      toolId: null,
      toolName: null,
      filters,
      createdAt: 5,
      updatedAt: 6,
    };
    expect(await replaceViews(store, [incoming])).toEqual([incoming]);
    await expect(
      replaceViews(store, [incoming, { ...incoming, id: 'n2', name: 'new' }]),
    ).rejects.toMatchObject({ rule: 'name-taken' });
    await expect(replaceViews(store, [incoming, { ...incoming, name: 'Other' }])).rejects.toMatchObject({
      rule: 'duplicate-id',
    });
    expect(await listViews(store)).toEqual([incoming]);
    expect(await replaceViews(store, [])).toEqual([]);
  });
});
