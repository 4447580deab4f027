// The popup's people search over the cached assignments: the same fold and word-start rule as the
// license page's search (src/shared/word-search.ts).
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Assignee } from '../../shared/model.ts';

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { id: 'own', sendMessage: async () => undefined } },
}));
const { openStore } = await import('../../shared/store.ts');
const reads = await import('./reads.ts');
const { searchCachedPeople } = reads;

type Store = Awaited<ReturnType<typeof openStore>>;
let store: Store;

const SCHOOL = 'school-1';
const people: Assignee[] = [
  { type: 'USER', id: 'u1', name: 'Kasper Sørensen', email: 'kasper.s@demo.se', role: 'STUDENT' },
  { type: 'USER', id: 'u2', name: 'Natalie Berg', email: 'natalie.berg@demo.se', role: 'STUDENT' },
  { type: 'USER', id: 'u3', name: 'Ali Hassan', email: 'a.hassan@demo.se', role: 'STUDENT' },
  { type: 'USER', id: 'u4', name: 'Kim Karlsson', email: 'alice.k@demo.se', role: 'TEACHER' },
  {
    type: 'USER',
    id: 'u5',
    name: 'Ella Sjöberg',
    email: 'ella.s@demo.se',
    groups: [{ id: 'g9b', name: '9B' }],
  },
  {
    type: 'USER',
    id: 'u6',
    name: 'Märta Öberg',
    email: 'marta.o@demo.se',
    groups: [{ id: 'g9b', name: '9B' }],
  },
  { type: 'GROUP', id: 'g9b', name: '9B' },
];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await openStore();
  const tx = store.transaction('assignments', 'readwrite');
  for (const [i, assignee] of people.entries()) {
    await tx.store.put({
      id: `a${i}`,
      licenseId: 'l1',
      assignee,
      assignedAt: '2025-01-01',
      schoolId: SCHOOL,
      toolId: 't1',
      classIds: (assignee.groups ?? []).map((g) => g.id),
    });
  }
  // Another school's person is never found.
  await tx.store.put({
    id: 'other',
    licenseId: 'l2',
    assignee: { type: 'USER', id: 'x', name: 'Alicia Sørensen' },
    assignedAt: '2025-01-01',
    schoolId: 'school-2',
    toolId: 't1',
    classIds: [],
  });
  await tx.done;
});

const found = async (q: string) => (await searchCachedPeople(store, SCHOOL, q, 20)).map((p) => p.name).sort();

describe('the cached people search', () => {
  it('folds ø, æ and accents like the license page: "sorensen" finds Sørensen', async () => {
    expect(await found('sorensen')).toEqual(['Kasper Sørensen']);
    expect(await found('SØRENSEN')).toEqual(['Kasper Sørensen']);
    expect(await found('marta')).toEqual(['Märta Öberg']);
  });

  it('matches at word starts only: "ali" is not Natalie, "oberg" is not Sjöberg', async () => {
    expect(await found('ali')).toEqual(['Ali Hassan', 'Kim Karlsson']);
    expect(await found('oberg')).toEqual(['Märta Öberg']);
    expect(await found('hassan')).toEqual(['Ali Hassan']);
  });

  it('finds classes and ANDs the words', async () => {
    expect(await found('9b')).toEqual(['9B', 'Ella Sjöberg', 'Märta Öberg']);
    expect(await found('9b sjoberg')).toEqual(['Ella Sjöberg']);
    expect(await found('ali 9b')).toEqual([]);
  });

  it('stops at the limit', async () => {
    expect(await searchCachedPeople(store, SCHOOL, '9b', 2)).toHaveLength(2);
  });
});

describe('toolDetail’s last list', () => {
  const { toolDetail } = reads;
  const names = async () => (await toolDetail(store, SCHOOL, 't1')).assignments.map((a) => a.assignee.name);

  it('is read again after any write to the assignments, and kept while there is none', async () => {
    const first = await toolDetail(store, SCHOOL, 't1');
    expect(first.assignments).toHaveLength(people.length);
    // Unchanged store: the same list, not a new read.
    expect((await toolDetail(store, SCHOOL, 't1')).assignments).toBe(first.assignments);

    // A write through a shortcut (db.delete) and one through a transaction both count.
    await store.delete('assignments', 'a0');
    expect(await names()).not.toContain('Kasper Sørensen');
    const tx = store.transaction(['assignments', 'datasets'], 'readwrite');
    await tx.objectStore('assignments').put({
      id: 'a9',
      licenseId: 'l1',
      assignee: { type: 'USER', id: 'u9', name: 'Ny Person' },
      assignedAt: '2025-01-01',
      schoolId: SCHOOL,
      toolId: 't1',
      classIds: [],
    });
    await tx.done;
    expect(await names()).toContain('Ny Person');
  });
});
