// Nothing lost, in Chromium with the built extension: a withdrawal of 100 assignments whose
// server leaves 3 outcomes out of its answers (after applying them) and drops the answer of one
// batch after applying it; "Försök igen" for anything that failed. In the end every withdrawn
// assignment is in the journal exactly once, the server withdrew each exactly once, and undo
// restores them all.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JournalEntry } from '../../src/shared/jobs-model.ts';
import type { RequestType } from '../../src/shared/protocol/types.ts';
import { BIG_TOOL_ID } from '../sandbox/data/fixtures.ts';
import { type ExtensionBrowser, launchChromiumWithExtension } from './harness/chromium.ts';
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
  options = await chromium.context.newPage();
  await options.goto(`chrome-extension://${chromium.extensionId}/src/options/index.html`);
  await call('setSettings', { patch: { origins: [sandbox.url], activeOrigin: sandbox.url } });
});
afterEach(async () => {
  await chromium.close();
});

/** One protocol request from the extension page `options` (popup-support.ts's send). */
const call = <T = unknown>(type: RequestType, payload: unknown): Promise<T> =>
  send<T>(options, type, payload);

const jobOf = async (jobId: string) => (await call<{ job: Job }>('getJob', { jobId })).job;

async function waitForJob(jobId: string, state: Job['state'], timeout = 60_000): Promise<Job> {
  await expect.poll(async () => (await jobOf(jobId)).state, { timeout, interval: 250 }).toBe(state);
  return jobOf(jobId);
}

describe('journal integrity in Chromium', () => {
  it('omitted outcomes and a dropped answer: every withdrawal journaled exactly once, and undo restores all', async () => {
    const ids = await assignmentIdsOf(sandbox.client, BIG_TOOL_ID, 100);
    const before = await holdersOf(sandbox.client, BIG_TOOL_ID);
    await call('setSettings', { patch: { batchSize: 25, concurrency: 1 } });
    await call('sync', { toolId: BIG_TOOL_ID });
    // The first batch's answer leaves 3 outcomes out, and its connection is then dropped; latency
    // leaves time to switch the drop off before any other call is executed.
    await sandbox.faults({ omitOutcomes: 3, dropAfterCommitRate: 1, latencyMs: 300 });

    const { job } = await call<{ job: Job }>('startWithdrawal', { toolId: BIG_TOOL_ID, assignmentIds: ids });
    await expect
      .poll(
        async () => (await sandbox.log({ operation: 'revoke' })).some((c) => c.fault === 'dropAfterCommit'),
        {
          timeout: 30_000,
          interval: 50,
        },
      )
      .toBe(true);
    await sandbox.faults({ latencyMs: 300 });

    const jobs = [job.id];
    const done = await waitForJob(job.id, 'done');
    if (done.counts.failed > 0) {
      const { job: retry } = await call<{ job: Job }>('retryFailed', { jobId: job.id });
      await waitForJob(retry.id, 'done');
      jobs.push(retry.id);
    }
    await sandbox.faults({});

    // What the server did: the faults happened, and each id was withdrawn exactly once.
    const calls = await sandbox.log({ operation: 'revoke' });
    expect(calls.filter((c) => c.fault === 'dropAfterCommit')).toHaveLength(1);
    expect(calls.flatMap((c) => c.omitted ?? [])).toHaveLength(3);
    expect(exactlyOnce(await sandbox.revocationsPerId(), ids)).toEqual({
      missing: [],
      repeated: [],
      extra: [],
    });

    // The journal: every withdrawn assignment exactly once over the jobs.
    const journal = (await options.evaluate(readAllInPage, { store: 'journal' })) as JournalEntry[];
    const revoked = journal.filter((e) => jobs.includes(e.jobId) && e.action === 'revoked');
    expect(revoked.map((e) => e.assignmentId).sort()).toEqual([...ids].sort());
    const counts = await Promise.all(jobs.map(jobOf));
    expect(counts.reduce((n, j) => n + j.counts.revoked, 0)).toBe(100);

    // Undo restores every one of them.
    for (const jobId of jobs) {
      if (!revoked.some((e) => e.jobId === jobId)) continue;
      const { job: undo } = await call<{ job: Job }>('undoJob', { jobId });
      const undone = await waitForJob(undo.id, 'done');
      expect(undone.counts.failed).toBe(0);
    }
    const after = await holdersOf(sandbox.client, BIG_TOOL_ID);
    expect([...before].filter((h) => !after.has(h))).toEqual([]);
  });
});
