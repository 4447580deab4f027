// The job runner against the real sandbox (in-process) with fake-indexeddb: exactly-once revocation,
// the journal, a worker that died after the server acted, session expiry, and undo.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobItemKeys, journalKeys } from '../../shared/store.ts';
import { journalOf } from './journal.ts';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
    alarms: { get: async () => undefined, create: () => undefined, clear: async () => true },
  },
}));

const { revokedCounts } = await import('../../../test/sandbox/client.ts');
const { BIG_TOOL_ID, DEMO_SCHOOL_ID } = await import('../../../test/sandbox/data/fixtures.ts');
const { useSandboxStore } = await import('../../../test/support/sandbox-store.ts');
type SandboxStore = import('../../../test/support/sandbox-store.ts').SandboxStore;
const { idempotencyKey } = await import('../../shared/jobs-model.ts');
const { apiFor, onSignedIn } = await import('../platform/session.ts');
const { runJob, resumePausedJobs } = await import('./runner.ts');
const { startWithdrawal } = await import('./withdraw.ts');
const { syncAssignments } = await import('../cache/sync.ts');
const { createUndoJob } = await import('./undo.ts');
const { resumeJobState } = await import('./job-store.ts');

const env = useSandboxStore(400);
let client: SandboxStore['client'];
let store: SandboxStore['store'];
beforeEach(() => {
  ({ client, store } = env);
});
const bigToolIds = (count: number) => env.bigToolIds(count);

describe('withdrawal jobs', () => {
  it("names every item of a large selection from the cache: the tool's list read once, an id cached under another tool by itself", async () => {
    const ids = await bigToolIds(80);
    await syncAssignments(store, await apiFor(store), DEMO_SCHOOL_ID, BIG_TOOL_ID);
    const moved = await store.get('assignments', ids[7] ?? '');
    if (!moved) throw new Error('not cached');
    await store.put('assignments', { ...moved, toolId: 'another-tool' });
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids, label: 'test' });
    const items = await store.getAll('jobItems', jobItemKeys(job.id));
    expect(items.map((i) => i.assignmentId)).toEqual(ids);
    expect(items.every((i) => i.licenseId !== '' && i.assignee.id !== '')).toBe(true);
    expect(items[7]?.assignee).toEqual(moved.assignee);
  });

  it('revokes every item exactly once, journals each, and writes the job before the first call', async () => {
    const ids = await bigToolIds(230);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids, label: 'test' });
    expect(await store.count('jobItems')).toBe(230);
    expect(job).toMatchObject({ state: 'running', total: 230 });
    await runJob(store, job.id);
    const done = await store.get('jobs', job.id);
    expect(done).toMatchObject({ state: 'done', counts: { pending: 0, revoked: 230, failed: 0 } });
    const counts = revokedCounts(await client.log({ operation: 'revoke' }));
    expect(counts.size).toBe(230);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(job.id))).toBe(230);
    // Batches of 50 with deterministic keys.
    const keys = (await client.log({ operation: 'revoke' })).map((c) => c.idempotencyKey);
    expect(keys).toEqual([0, 1, 2, 3, 4].map((b) => idempotencyKey(job.id, b)));
  });

  it('after a worker died between the server acting and the answer being recorded, resends and journals once', async () => {
    const ids = await bigToolIds(100);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    // The "dead" worker's call: it reached the server, but nothing was recorded.
    const first = ids.slice(0, 50);
    await (await apiFor(store)).revoke(DEMO_SCHOOL_ID, BIG_TOOL_ID, first, {
      idempotencyKey: idempotencyKey(job.id, 0),
    });
    await runJob(store, job.id);
    const calls = await client.log({ operation: 'revoke' });
    expect(calls.filter((c) => c.replayed)).toHaveLength(1);
    const counts = revokedCounts(calls);
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(job.id))).toBe(100);
  });

  it('pauses as session-expired, and finishes after signing in again', async () => {
    const ids = await bigToolIds(200);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await client.faults({ expireSessionAfterRequests: 2 });
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'paused',
      pauseReason: 'session-expired',
    });
    await env.signIn();
    await resumeJobState(store, job.id);
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'done',
      counts: { revoked: 200, pending: 0 },
    });
    const counts = revokedCounts(await client.log({ operation: 'revoke' }));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(200);
  });

  it('resumes jobs paused as session-expired once a valid session is seen', async () => {
    const ids = await bigToolIds(60);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await client.faults({ expireSessionAfterRequests: 0 });
    await runJob(store, job.id);
    expect((await store.get('jobs', job.id))?.pauseReason).toBe('session-expired');
    await env.signIn();
    const resumed = new Promise<void>((resolve) => onSignedIn(() => resolve()));
    await (await apiFor(store)).getSession();
    await resumed;
    await resumePausedJobs(store, ['session-expired']);
    await runJob(store, job.id);
    expect((await store.get('jobs', job.id))?.state).toBe('done');
  });

  it('undo re-assigns everything the job revoked, per license, with outcomes', async () => {
    const ids = await bigToolIds(120);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await runJob(store, job.id);
    const undo = await createUndoJob(store, job.id);
    expect(undo).toMatchObject({ kind: 'undo', undoOf: job.id, total: 120 });
    await runJob(store, undo.id);
    expect(await store.get('jobs', undo.id)).toMatchObject({ state: 'done', counts: { assigned: 120 } });
    expect((await store.get('jobs', job.id))?.undoneBy).toBe(undo.id);
    const assignCalls = (await client.log({ operation: 'assign' })).filter((c) => c.status === 200);
    expect(assignCalls.every((c) => (c.ids?.length ?? 0) <= 100)).toBe(true);
    const { assignments } = await client.state<{ assignments: { assignee: { id: string } }[] }>(
      'assignments',
      {
        toolId: BIG_TOOL_ID,
      },
    );
    const holders = new Set(assignments.map((a) => a.assignee.id));
    const journal = await journalOf(store, job.id);
    expect(journal.every((e) => holders.has(e.assignee.id))).toBe(true);
  });
});
