// Bulk withdrawal through the real built extension in Chromium, against the sandbox with faults:
// exactly-once revocation per the sandbox log, the journal in IndexedDB, undo, a worker stopped
// while a revoke is in flight (the sandbox log shows the hang-up, and the batch's Idempotency-Key
// replayed on the resend), and a session that expires mid-job.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/jobs-model.ts';
import type { RequestType } from '../../src/shared/protocol/types.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { type ExtensionBrowser, launchChromiumWithExtension, stopServiceWorker } from './harness/chromium.ts';
import { readAllInPage } from './harness/idb.ts';
import { DIST } from './harness/paths.ts';
import {
  assignmentIdsOf,
  exactlyOnce,
  holdersOf,
  loginInChromium,
  startTestSandbox,
  type TestSandbox,
} from './harness/sandbox.ts';
import { send } from './popup-support.ts';

let sandbox: TestSandbox;
let chromium: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  sandbox = await startTestSandbox(2000);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await sandbox.reset();
  chromium = await launchChromiumWithExtension(DIST.chromeSandbox);
  await loginInChromium(chromium.context, sandbox.url);
  options = await openOptions();
  await call('setSettings', { patch: { origins: [sandbox.url], activeOrigin: sandbox.url } });
});
afterEach(async () => {
  await chromium.close();
});

async function openOptions(): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(`chrome-extension://${chromium.extensionId}/src/options/index.html`);
  return page;
}

/** One protocol request from the extension page `options` (popup-support.ts's send). */
const call = <T = unknown>(type: RequestType, payload: unknown): Promise<T> =>
  send<T>(options, type, payload);

const jobOf = async (jobId: string) => (await call<{ job: Job }>('getJob', { jobId })).job;

async function waitForJob(jobId: string, state: Job['state'], timeout = 60_000): Promise<Job> {
  await expect.poll(async () => (await jobOf(jobId)).state, { timeout, interval: 250 }).toBe(state);
  return jobOf(jobId);
}

describe('withdrawal jobs in Chromium', () => {
  it('withdraws 1,000 assignments under 503s and a rate limit exactly once, journals them, and undo restores them', async () => {
    const ids = await assignmentIdsOf(sandbox.client, BIG_TOOL_ID, 1000);
    const before = await holdersOf(sandbox.client, BIG_TOOL_ID);
    await call('sync', { toolId: BIG_TOOL_ID });
    await sandbox.faults({ errorRate: 0.1, rateLimitPerSecond: 5 });

    const { job } = await call<{ job: Job }>('startWithdrawal', { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const done = await waitForJob(job.id, 'done');
    expect(done.counts).toMatchObject({ pending: 0, revoked: 1000, failed: 0 });

    const check = exactlyOnce(await sandbox.revocationsPerId(), ids);
    expect(check).toEqual({ missing: [], repeated: [], extra: [] });
    const faulted = (await sandbox.log({ operation: 'revoke' })).filter((c) => c.fault);
    expect(faulted.length).toBeGreaterThan(0);

    const journal = (await options.evaluate(readAllInPage, { store: 'journal' })) as { jobId: string }[];
    expect(journal.filter((e) => e.jobId === job.id)).toHaveLength(1000);

    const { job: undo } = await call<{ job: Job }>('undoJob', { jobId: job.id });
    const undone = await waitForJob(undo.id, 'done');
    expect(undone.counts).toMatchObject({ pending: 0, assigned: 1000, failed: 0 });
    const after = await holdersOf(sandbox.client, BIG_TOOL_ID);
    expect([...before].filter((h) => !after.has(h))).toEqual([]);
  });

  it('finishes a 1,000-item job exactly once although the service worker is stopped three times, each time with a revoke in flight', async () => {
    const ids = await assignmentIdsOf(sandbox.client, BIG_TOOL_ID, 1000);
    const batchSize = 40;
    await call('setSettings', { patch: { batchSize, concurrency: 2 } });
    await call('sync', { toolId: BIG_TOOL_ID });
    // Each revoke is held 1 s before the sandbox acts on it: a stop that follows a fresh arrival
    // lands while it is in flight.
    const latencyMs = 1_000;
    await sandbox.faults({ latencyMs });

    const { job } = await call<{ job: Job }>('startWithdrawal', { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const stoppedAt: number[] = [];
    let lastPending = job.total;
    while (stoppedAt.length < 3) {
      // Stop only after progress since the last start, so each stop lands in the middle of work.
      await expect
        .poll(async () => (await jobOf(job.id)).counts.pending, { timeout: 30_000, interval: 100 })
        .toBeLessThan(lastPending);
      const current = await jobOf(job.id);
      expect(current.state).toBe('running');
      // ... and just after a revoke arrived at the sandbox (more than half its hold still to go).
      await expect
        .poll(
          async () =>
            (await sandbox.client.inFlight()).some(
              (c) => c.operation === 'revoke' && Date.now() - Date.parse(c.at) < latencyMs / 2,
            ),
          { timeout: 30_000, interval: 20 },
        )
        .toBe(true);
      stoppedAt.push(Date.now());
      await stopServiceWorker(chromium);
      // What a real UI does: a message wakes the worker, whose start resumes the job.
      lastPending = (await jobOf(job.id)).counts.pending;
    }
    const done = await waitForJob(job.id, 'done');
    expect(stoppedAt).toHaveLength(3);

    // From the sandbox log: each stop cut off a revoke that had arrived before it (the worker hung
    // up), that revoke still took effect, and the resend of its batch under the same
    // Idempotency-Key was answered from the key (replayed), not executed again.
    const revokes = await sandbox.log({ operation: 'revoke' });
    const cut = stoppedAt.map((t) =>
      revokes.filter((c) => c.clientClosed && Date.parse(c.at) <= t && Date.parse(c.closedAt ?? '') >= t),
    );
    expect(cut.map((calls) => calls.length > 0)).toEqual([true, true, true]);
    // (A stop can also cut off a resend that was itself being replayed: that one had no effect.)
    const executed = cut.flat().filter((c) => !c.replayed);
    expect(executed.length).toBeGreaterThan(0);
    for (const interrupted of executed) {
      expect(interrupted.outcomes?.filter((o) => o.outcome === 'REVOKED')).toHaveLength(batchSize);
      const replays = revokes.filter(
        (c) => c.idempotencyKey === interrupted.idempotencyKey && c.replayed && c.seq > interrupted.seq,
      );
      expect(replays.length, interrupted.idempotencyKey).toBeGreaterThan(0);
    }
    expect(done.counts).toMatchObject({ pending: 0, failed: 0 });
    expect(done.counts.revoked + done.counts['already-revoked']).toBe(1000);
    expect(exactlyOnce(await sandbox.revocationsPerId(), ids)).toEqual({
      missing: [],
      repeated: [],
      extra: [],
    });
    const journal = (await options.evaluate(readAllInPage, { store: 'journal' })) as {
      jobId: string;
      assignmentId: string;
    }[];
    const mine = journal.filter((e) => e.jobId === job.id);
    expect(new Set(mine.map((e) => e.assignmentId)).size).toBe(1000);
    expect(mine).toHaveLength(1000);
  });

  it('pauses as session-expired mid-job and finishes after signing in again', async () => {
    const ids = await assignmentIdsOf(sandbox.client, BIG_TOOL_ID, 1000);
    await call('setSettings', { patch: { batchSize: 50 } });
    await call('sync', { toolId: BIG_TOOL_ID });
    await sandbox.faults({ expireSessionAfterRequests: 6 });

    const { job } = await call<{ job: Job }>('startWithdrawal', { toolId: BIG_TOOL_ID, assignmentIds: ids });
    const paused = await waitForJob(job.id, 'paused');
    expect(paused.pauseReason).toBe('session-expired');
    expect(paused.counts.pending).toBeGreaterThan(0);
    const state = await call<{ state: { status: string } }>('getSessionState', {});
    expect(state.state.status).toBe('session-expired');

    await loginInChromium(chromium.context, sandbox.url);
    await call('resumeJob', { jobId: job.id });
    const done = await waitForJob(job.id, 'done');
    expect(done.counts).toMatchObject({ pending: 0, revoked: 1000 });
    expect(exactlyOnce(await sandbox.revocationsPerId(), ids)).toEqual({
      missing: [],
      repeated: [],
      extra: [],
    });
  });
});
