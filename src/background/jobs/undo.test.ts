// Undo happens once: the check of `undoneBy` and its write are one IndexedDB transaction, so two
// quick presses (or the popup and the page at once) start one undo job.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCounts, type Job, type JournalEntry } from '../../shared/jobs-model.ts';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { createUndoJob } = await import('./undo.ts');

type Store = Awaited<ReturnType<typeof openStore>>;
let store: Store;

const withdrawal = (patch: Partial<Job> = {}): Job => ({
  id: 'w1',
  kind: 'withdraw',
  schoolId: 's',
  origin: 'https://app.skolon.com',
  label: 'Matematik',
  state: 'done',
  pauseReason: null,
  message: null,
  createdAt: 1,
  updatedAt: 1,
  finishedAt: 1,
  total: 3,
  counts: { ...emptyCounts(), revoked: 2, pending: 1 },
  outcomes: {},
  toolIds: ['t1'],
  undoOf: null,
  undoneBy: null,
  ...patch,
});

const entry = (n: number): JournalEntry => ({
  jobId: 'w1',
  action: 'revoked',
  at: 1,
  schoolId: 's',
  toolId: 't1',
  toolName: 'Matematik',
  licenseId: 'l1',
  assignmentId: `a${n}`,
  assignee: { type: 'USER', id: `u${n}`, name: `Person ${n}` } as JournalEntry['assignee'],
});

async function seed(job: Job): Promise<void> {
  await store.put('jobs', job);
  for (const n of [1, 2]) await store.add('journal', entry(n));
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await openStore();
});

describe('createUndoJob', () => {
  it('starts one undo job when asked twice at once, and marks the withdrawal in the same transaction', async () => {
    await seed(withdrawal());
    const [a, b] = await Promise.all([createUndoJob(store, 'w1'), createUndoJob(store, 'w1')]);
    expect(a.id).toBe(b.id);
    const undos = (await store.getAll('jobs')).filter((j) => j.kind === 'undo');
    expect(undos).toHaveLength(1);
    expect((await store.get('jobs', 'w1'))?.undoneBy).toBe(a.id);
    expect(a.total).toBe(2);
    expect(await store.countFromIndex('jobItems', 'byJobState', [a.id, 'pending'])).toBe(2);
  });

  it('undoes the completed part of a cancelled withdrawal', async () => {
    await seed(withdrawal({ state: 'cancelled' }));
    const undo = await createUndoJob(store, 'w1');
    expect(undo.kind).toBe('undo');
    expect(undo.undoOf).toBe('w1');
    expect(undo.total).toBe(2);
  });

  it('refuses a withdrawal still under way', async () => {
    await seed(withdrawal({ state: 'running' }));
    await expect(createUndoJob(store, 'w1')).rejects.toThrow();
    expect((await store.getAll('jobs')).filter((j) => j.kind === 'undo')).toHaveLength(0);
  });
});
