// Every effect journaled, nothing lost. The runner against the in-process sandbox (its
// omitOutcomes and dropAfterCommitRate faults) with fake-indexeddb: answers that leave outcomes
// out, ids in another case, a local write failure after the call, the uncertain flag through
// "Försök igen", a 429 that outlasts the adapter, and a lane that throws.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobItemKeys, journalKeys } from '../../shared/store.ts';
import { journalOf } from './journal.ts';

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'own', sendMessage: async () => undefined, getManifest: () => ({ version: '0.0.0' }) },
    tabs: { query: async () => [], sendMessage: async () => undefined },
    alarms: { get: async () => undefined, create: () => undefined, clear: async () => true },
    storage: { local: { get: async () => ({}) } },
  },
}));

const { revokedCounts } = await import('../../../test/sandbox/client.ts');
const { BIG_TOOL_ID, DEMO_SCHOOL_ID } = await import('../../../test/sandbox/data/fixtures.ts');
const { useSandboxStore } = await import('../../../test/support/sandbox-store.ts');
type SandboxStore = import('../../../test/support/sandbox-store.ts').SandboxStore;
const { idempotencyKey } = await import('../../shared/jobs-model.ts');
type JobItem = import('../../shared/jobs-model.ts').JobItem;
type JournalEntry = import('../../shared/jobs-model.ts').JournalEntry;
const { DEFAULT_SETTINGS } = await import('../../shared/settings.ts');
const { saveSettings } = await import('../platform/settings-store.ts');
const { runJob } = await import('./runner.ts');
const { startWithdrawal, previewWithdrawal } = await import('./withdraw.ts');
const { createUndoJob } = await import('./undo.ts');
const { markSent } = await import('./job-store.ts');
const { createHandlers } = await import('../messaging/handlers.ts');
const { recordRevoke } = await import('./outcomes.ts');

const env = useSandboxStore(400);
let sandbox: SandboxStore['sandbox'];
let client: SandboxStore['client'];
let store: SandboxStore['store'];
beforeEach(() => {
  ({ sandbox, client, store } = env);
});
const bigToolIds = (count: number) => env.bigToolIds(count);

async function holders(): Promise<Set<string>> {
  const { assignments } = await client.state<{ assignments: { id: string }[] }>('assignments', {
    toolId: BIG_TOOL_ID,
  });
  return new Set(assignments.map((a) => a.id));
}

/** Each id withdrawn by the server exactly once, and journaled exactly once over these jobs. */
async function expectExactlyOnce(ids: string[], jobIds: string[]): Promise<void> {
  const counts = revokedCounts(await client.log({ operation: 'revoke' }));
  expect(counts.size).toBe(ids.length);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const journaled = (await Promise.all(jobIds.map((id) => journalOf(store, id)))).flat();
  expect(journaled.map((e) => e.assignmentId).sort()).toEqual([...ids].sort());
}

describe('an outcome the answer leaves out is unknown, never failed', () => {
  it('keeps omitted items pending and resends the whole batch with the same Idempotency-Key', async () => {
    const ids = await bigToolIds(100);
    await client.faults({ omitOutcomes: 3 });
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'done',
      counts: { pending: 0, revoked: 100, failed: 0 },
    });
    const calls = await client.log({ operation: 'revoke' });
    const omitted = calls.find((c) => c.fault === 'omitOutcomes');
    expect(omitted?.omitted).toHaveLength(3);
    // The batch that lost outcomes went out again under its own key, whole (so it replayed).
    const again = calls.filter((c) => c.idempotencyKey === omitted?.idempotencyKey);
    expect(again.length).toBeGreaterThanOrEqual(2);
    expect(again[1]).toMatchObject({ replayed: true, ids: omitted?.ids });
    expect(omitted?.idempotencyKey).toMatch(
      new RegExp(`^${idempotencyKey(job.id, 0)}$|^${idempotencyKey(job.id, 1)}$`),
    );
    await expectExactlyOnce(ids, [job.id]);
  });

  it('matches ids in another case, and journals them', async () => {
    const ids = await bigToolIds(4);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const items = await markSent(store, await store.getAll('jobItems', jobItemKeys(job.id)));
    await recordRevoke(store, job.id, items, {
      dryRun: false,
      results: ids.map((id) => ({ assignmentId: id.toUpperCase(), outcome: 'REVOKED' as const })),
    });
    expect(await store.get('jobs', job.id)).toMatchObject({ counts: { revoked: 4, failed: 0 } });
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(job.id))).toBe(4);
  });

  it('an entry the journal already holds for a pending item is kept once, and the rest is recorded', async () => {
    const ids = await bigToolIds(4);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const items = await markSent(store, await store.getAll('jobItems', jobItemKeys(job.id)));
    const first = items[0] as JobItem;
    // As if an older version had journaled it without marking the item (the fast path assumes not).
    await store.add('journal', {
      jobId: job.id,
      action: 'revoked',
      at: 1,
      schoolId: job.schoolId,
      toolId: first.toolId,
      toolName: 'earlier',
      licenseId: first.licenseId,
      assignmentId: first.assignmentId,
      assignee: first.assignee,
    } as JournalEntry);
    await recordRevoke(store, job.id, items, {
      dryRun: false,
      results: ids.map((id) => ({ assignmentId: id, outcome: 'REVOKED' as const })),
    });
    expect(await store.get('jobs', job.id)).toMatchObject({ counts: { pending: 0, revoked: 4 } });
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(job.id))).toBe(4);
    // The cache follows the three entries written now.
    for (const id of ids.slice(1)) expect(await store.get('assignments', id)).toBeUndefined();
  });

  it('a local write failure after a successful call keeps the items pending; the resend replays and journals once', async () => {
    const ids = await bigToolIds(60);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const original = store.transaction.bind(store);
    let quota = true;
    store.transaction = ((names: unknown, mode?: IDBTransactionMode) => {
      if (quota && Array.isArray(names) && names.includes('journal')) {
        quota = false;
        throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      }
      return original(names as never, mode);
    }) as typeof store.transaction;
    await runJob(store, job.id);
    store.transaction = original;
    const after = await store.get('jobs', job.id);
    expect(after?.counts.failed).toBe(0);
    expect(after?.state).toBe('running');
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'done',
      counts: { revoked: 60, failed: 0 },
    });
    const calls = await client.log({ operation: 'revoke' });
    expect(
      calls.filter((c) => c.idempotencyKey === idempotencyKey(job.id, 0)).map((c) => c.replayed ?? false),
    ).toEqual([false, true]);
    await expectExactlyOnce(ids, [job.id]);
  });

  it('an item that never got an answer fails uncertain; "Försök igen" journals its ALREADY_REVOKED once, and undo restores it', async () => {
    const ids = await bigToolIds(10);
    // Every answer leaves every outcome out (replays and follow-ups too), but the server acts.
    await client.faults({ omitOutcomes: 1_000 });
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({ state: 'done', counts: { failed: 10 } });
    const failed = await store.getAllFromIndex('jobItems', 'byJobState', [job.id, 'failed']);
    expect(failed.every((i) => i.uncertain === true)).toBe(true);
    expect([...(await holders())].some((id) => ids.includes(id))).toBe(false);
    await client.faults({});
    // "Försök igen": the background request, a new job from the failed items.
    const handlers = createHandlers(() => Promise.resolve(store));
    const { job: retry } = await handlers.retryFailed({ jobId: job.id }, {} as never);
    await runJob(store, retry.id);
    expect(await store.get('jobs', retry.id)).toMatchObject({
      state: 'done',
      counts: { revoked: 10, 'already-revoked': 0, failed: 0 },
      outcomes: { ALREADY_REVOKED: 10 },
    });
    await expectExactlyOnce(ids, [job.id, retry.id]);
    // A second "Försök igen" of the first job: the retry took those items over, nothing twice.
    const twice = await startWithdrawal(store, {
      schoolId: DEMO_SCHOOL_ID,
      selections: [{ toolId: BIG_TOOL_ID, assignmentIds: failed.map((i) => i.assignmentId) }],
    });
    await runJob(store, twice.id);
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(twice.id))).toBe(0);
    const undo = await createUndoJob(store, retry.id);
    await runJob(store, undo.id);
    expect(await store.get('jobs', undo.id)).toMatchObject({ state: 'done', counts: { assigned: 10 } });
  });

  it('a dropped answer after the change is resent under the same key and journaled once', async () => {
    const ids = await bigToolIds(100);
    await client.faults({ dropAfterCommitRate: 1, omitOutcomes: 3 });
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await runJob(store, job.id);
    const calls = await client.log({ operation: 'revoke' });
    expect(calls.some((c) => c.fault === 'dropAfterCommit')).toBe(true);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'done',
      counts: { revoked: 100, failed: 0 },
    });
    await expectExactlyOnce(ids, [job.id]);
  });
});

describe("the adapter's own resend is a resend", () => {
  it('journals an ALREADY_REVOKED answer to a resend within one call (the first attempt took effect, its answer was lost)', async () => {
    // Found by the Firefox reliability soak: the first attempt is applied and its answer cut off;
    // before the adapter's retry the administrator signs in again, so the server no longer knows
    // the key and answers ALREADY_REVOKED. That withdrawal was this job's and must be journaled.
    const ids = await bigToolIds(10);
    await client.faults({ truncateAfterCommitRate: 1 });
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    let revokes = 0;
    env.intercept = async (url, _init, pass) => {
      if (!url.includes('/revoke')) return pass();
      if (++revokes === 1) {
        const cut = await pass();
        await client.faults({});
        await env.signIn();
        return cut;
      }
      return pass();
    };
    await runJob(store, job.id);
    // (Between the two, the new session refuses the old CSRF token once: no effect.)
    const calls = (await client.log({ operation: 'revoke' })).filter((c) => c.outcomes);
    expect(calls.map((c) => c.fault ?? c.outcomes?.[0]?.outcome)).toEqual([
      'truncateAfterCommit',
      'ALREADY_REVOKED',
    ]);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'done',
      counts: { revoked: 10, 'already-revoked': 0, failed: 0 },
    });
    await expectExactlyOnce(ids, [job.id]);
  });
});

describe('the runner', () => {
  it('pauses as server-busy when 429 outlasts the adapter, and fails nothing', async () => {
    const ids = await bigToolIds(20);
    env.intercept = async (url, _init, pass) =>
      url.includes('/revoke')
        ? new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'too many requests' } }), {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': '0' },
          })
        : pass();
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await runJob(store, job.id);
    expect(await store.get('jobs', job.id)).toMatchObject({
      state: 'paused',
      pauseReason: 'server-busy',
      counts: { pending: 20, failed: 0 },
    });
  });

  it('when one lane throws, the other finishes its batch before the runner is released', async () => {
    await saveSettings(store, {
      ...DEFAULT_SETTINGS,
      origins: [sandbox.url],
      batchSize: 10,
      requestsPerSecond: 50,
      concurrency: 2,
    });
    // Four batches: the first two were claimed with the job (claimFirst); batches 2 and 3 are
    // claimed by the lanes as the first two come back.
    const ids = await bigToolIds(40);
    const job = await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    env.intercept = async (url, _init, pass) => {
      const res = await pass();
      if (url.includes('/revoke')) await new Promise((r) => setTimeout(r, 300));
      return res;
    };
    const original = store.transaction.bind(store);
    let marks = 0;
    store.transaction = ((names: unknown, mode?: IDBTransactionMode) => {
      // The runner's second claim (job read fresh, items marked sent: batch 3's) breaks.
      const claim = Array.isArray(names) && names.join() === 'jobs,jobItems';
      if (claim && mode === 'readwrite' && ++marks === 2) throw new Error('lane 2 broke');
      return original(names as never, mode);
    }) as typeof store.transaction;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runJob(store, job.id);
    store.transaction = original;
    error.mockRestore();
    // Batch 2 was in flight when the other lane broke: its answer is recorded before the runner
    // let go (and those of batches 0 and 1 before it); batch 3 was never sent.
    const items = await store.getAll('jobItems', jobItemKeys(job.id));
    expect(items.filter((i) => i.batch < 3).every((i) => i.state === 'revoked')).toBe(true);
    expect(items.filter((i) => i.batch === 3).every((i) => i.state === 'pending' && i.attempts === 0)).toBe(
      true,
    );
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(job.id))).toBe(30);
    // The runner let go of the job: running it again picks it up and finishes it.
    await runJob(store, job.id);
    expect((await store.get('jobs', job.id))?.counts.pending).toBe(0);
  });
});

describe('the preview is a dry run', () => {
  it('refuses to show a preview when an answer does not say dryRun: true', async () => {
    const ids = await bigToolIds(5);
    await startWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: [] }); // syncs the tool
    env.intercept = async (url, init, pass) => {
      if (!url.includes('/revoke')) return pass();
      const body = JSON.parse(String(init?.body)) as { assignmentIds: string[] };
      return new Response(
        JSON.stringify({
          dryRun: false,
          results: body.assignmentIds.map((assignmentId) => ({ assignmentId, outcome: 'REVOKED' })),
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    };
    await expect(previewWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids })).rejects.toThrow(
      /dry run/,
    );
    env.intercept = null;
    const preview = await previewWithdrawal(store, { toolId: BIG_TOOL_ID, assignmentIds: ids });
    expect(preview.total).toBe(5);
  });
});

describe('page withdrawals in the journal', () => {
  it('journals an assignment named twice once, instead of refusing the whole write', async () => {
    const handlers = createHandlers(() => Promise.resolve(store));
    const entry = (assignmentId: string | null, name: string) => ({
      name,
      email: '',
      classes: ['9A'],
      assignmentId,
      licenseId: null,
    });
    const { jobId, recorded } = await handlers.recordPageWithdrawal(
      {
        toolId: BIG_TOOL_ID,
        entries: [entry('a-1', 'Ali'), entry('a-1', 'Ali'), entry(null, 'Åsa'), entry(null, 'Bo')],
      },
      {} as never,
    );
    expect(recorded).toBe(3);
    expect(await store.countFromIndex('journal', 'byJobAssignment', journalKeys(jobId))).toBe(3);
  });

  it('journals the batches of one page withdrawal into one job, rows without an id in each', async () => {
    const handlers = createHandlers(() => Promise.resolve(store));
    const entry = (name: string) => ({
      name,
      email: '',
      classes: ['9A'],
      assignmentId: null,
      licenseId: null,
    });
    const first = await handlers.recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry('Ali'), entry('Åsa')] },
      {} as never,
    );
    const second = await handlers.recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry('Bo'), entry('Cilla')], jobId: first.jobId },
      {} as never,
    );
    expect(second).toEqual({ jobId: first.jobId, recorded: 2 });
    const names = (await store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(first.jobId))).map(
      (e) => e.assignee.name,
    );
    expect(names.sort()).toEqual(['Ali', 'Bo', 'Cilla', 'Åsa']);
  });

  it("journals a job's later batches under its first batch's school and tool, without finding them again", async () => {
    const handlers = createHandlers(() => Promise.resolve(store));
    const entry = (name: string) => ({ name, email: '', classes: [], assignmentId: null, licenseId: null });
    const first = await handlers.recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry('Ali')] },
      {} as never,
    );
    const [journaled] = await store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(first.jobId));
    if (!journaled?.schoolId) throw new Error('the first batch found no school');
    // Between the batches the cache learns the tool under another name: the next batch is
    // journaled as the first was, without reading the cache again.
    await store.put('tools', {
      schoolId: journaled.schoolId,
      id: BIG_TOOL_ID,
      name: 'Renamed in between',
      toolType: 'INTEGRATED',
      seats: 10,
      assigned: 1,
      nextExpiry: null,
    });
    const get = vi.spyOn(store, 'get');
    await handlers.recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry('Bo')], jobId: first.jobId },
      {} as never,
    );
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
    const all = await store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(first.jobId));
    expect(all.map((e) => [e.assignee.name, e.schoolId, e.toolName]).sort()).toEqual([
      ['Ali', journaled.schoolId, journaled.toolName],
      ['Bo', journaled.schoolId, journaled.toolName],
    ]);
    // A new job finds them again.
    const next = await handlers.recordPageWithdrawal(
      { toolId: BIG_TOOL_ID, entries: [entry('Cilla')] },
      {} as never,
    );
    const [again] = await store.getAllFromIndex('journal', 'byJobAssignment', journalKeys(next.jobId));
    expect(again?.toolName).toBe('Renamed in between');
  });
});
