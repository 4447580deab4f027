// Finished jobs older than 90 days are pruned with their items; their journal stays.
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobItemKeys, journalKeys } from '../../shared/store.ts';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
  },
}));

const { openStore } = await import('../../shared/store.ts');
const { createJob, forgetFreshClaims, JOB_RETENTION_MS, pruneFinishedJobs, takeFreshClaim, updateJob } =
  await import('./job-store.ts');

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const DAY = 24 * 60 * 60 * 1000;

describe('pruneFinishedJobs', () => {
  it('deletes finished jobs older than 90 days and their items, keeps their journal and everything else', async () => {
    const store = await openStore();
    const now = Date.UTC(2026, 10, 28);
    const make = async (
      finishedDaysAgo: number | null,
      state: 'done' | 'cancelled' | 'running' | 'paused',
    ) => {
      const job = await createJob(
        store,
        {
          kind: 'withdraw',
          schoolId: 's',
          origin: 'https://x',
          label: null,
          batchSize: 50,
          items: [1, 2].map((n) => ({
            toolId: 't',
            licenseId: 'l',
            assignmentId: `a-${finishedDaysAgo}-${state}-${n}`,
            assignee: { type: 'USER' as const, id: `u${n}`, name: 'N' },
            batchKey: 't',
          })),
        },
        now - 200 * DAY,
      );
      const finishedAt = finishedDaysAgo === null ? null : now - finishedDaysAgo * DAY;
      await updateJob(store, job.id, (j) => ({ ...j, state, finishedAt }));
      await store.add('journal', {
        jobId: job.id,
        action: 'revoked',
        at: now - 200 * DAY,
        schoolId: 's',
        toolId: 't',
        toolName: 'T',
        licenseId: 'l',
        assignmentId: `a-${finishedDaysAgo}-${state}-1`,
        assignee: { type: 'USER', id: 'u1', name: 'N' },
      });
      return job.id;
    };
    expect(JOB_RETENTION_MS).toBe(90 * DAY);
    const old = await make(91, 'done');
    const oldCancelled = await make(120, 'cancelled');
    const recent = await make(89, 'done');
    const running = await make(null, 'running');
    const paused = await make(null, 'paused');
    expect(await pruneFinishedJobs(store, now)).toBe(2);
    expect(await store.get('jobs', old)).toBeUndefined();
    expect(await store.get('jobs', oldCancelled)).toBeUndefined();
    expect(await store.count('jobItems', jobItemKeys(old))).toBe(0);
    for (const id of [recent, running, paused]) {
      expect(await store.get('jobs', id)).toBeDefined();
      expect(await store.count('jobItems', jobItemKeys(id))).toBe(2);
    }
    // The journal keeps every entry, pruned jobs' too.
    expect(await store.count('journal')).toBe(5);
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(old))).toBe(1);
  });
});

describe('createJob with claimFirst', () => {
  it('writes its first batches already claimed, hands them to the runner once, and nothing else', async () => {
    const store = await openStore();
    const job = await createJob(store, {
      kind: 'withdraw',
      schoolId: 's',
      origin: 'https://x',
      label: null,
      batchSize: 10,
      claimFirst: 2,
      items: Array.from({ length: 25 }, (_, n) => ({
        toolId: 't',
        licenseId: 'l',
        assignmentId: `c-${n}`,
        assignee: { type: 'USER' as const, id: `u${n}`, name: 'N' },
        batchKey: 't',
      })),
    });
    // In the store before any call: batches 0 and 1 sent once, batch 2 untouched.
    const items = await store.getAll('jobItems', jobItemKeys(job.id));
    expect(items.filter((i) => i.attempts === 1).map((i) => i.seq)).toEqual(
      Array.from({ length: 20 }, (_, n) => n),
    );
    expect(items.filter((i) => i.batch === 2).every((i) => i.attempts === 0 && i.state === 'pending')).toBe(
      true,
    );
    const first = takeFreshClaim(job.id, 0);
    expect(first?.job.id).toBe(job.id);
    expect(first?.sent.map((i) => [i.seq, i.attempts])).toEqual(Array.from({ length: 10 }, (_, n) => [n, 1]));
    expect(takeFreshClaim(job.id, 0)).toBeUndefined();
    expect(takeFreshClaim(job.id, 2)).toBeUndefined();
    // A run that ends without sending batch 1 leaves it to the next run's own claim.
    forgetFreshClaims(job.id);
    expect(takeFreshClaim(job.id, 1)).toBeUndefined();
  });
});
